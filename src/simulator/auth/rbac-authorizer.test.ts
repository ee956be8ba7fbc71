import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { ObjectStore } from '../apiserver/object-store.ts';
import type { UserInfo } from '../apiserver/request-attributes.ts';
import { defaultRbacObjects } from './default-rbac.ts';
import { RbacAuthorizer } from './rbac-authorizer.ts';
import type { AuthzAttributes } from './rbac-rules.ts';
import { startRoleAggregation } from './role-aggregation.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';

function res(verb: string, resource: string, extra: Partial<AuthzAttributes> = {}): AuthzAttributes {
  return {
    resourceRequest: true,
    verb,
    apiGroup: '',
    apiVersion: 'v1',
    resource,
    subresource: '',
    namespace: '',
    name: '',
    ...extra,
  } as AuthzAttributes;
}
const path = (verb: string, p: string): AuthzAttributes => ({ resourceRequest: false, verb, path: p });
const user = (name: string, ...groups: string[]): UserInfo => ({ name, groups: [...groups, 'system:authenticated'] });
const sa = (ns: string, name: string): UserInfo => ({
  name: `system:serviceaccount:${ns}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
});

function cluster(): { store: ObjectStore; rbac: RbacAuthorizer } {
  const store = new ObjectStore();
  for (const o of defaultRbacObjects()) store.create(o);
  startRoleAggregation(store);
  const objects: KubeObject[] = [
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: 'node-metrics' },
      rules: [{ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] }],
    },
    {
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'ms-metrics' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-metrics' },
      subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }],
    },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'devs-view', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: 'devs' }],
    },
    {
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'one-cm', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'], verbs: ['get', 'update'] }],
    },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'alice-cm', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-cm' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'ServiceAccount', name: 'builder' },
      ],
    },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'dangling', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'missing' },
      subjects: [{ kind: 'User', name: 'carol' }],
    },
  ];
  for (const o of objects) store.create(o);
  return { store, rbac: new RbacAuthorizer(store) };
}

describe('RbacAuthorizer', () => {
  const { store, rbac } = cluster();
  const cases: { name: string; user: UserInfo; attrs: AuthzAttributes; allowed: boolean; reason?: string }[] = [
    {
      name: 'system:masters always',
      user: user('root', 'system:masters'),
      attrs: res('delete', 'nodes'),
      allowed: true,
    },
    {
      name: 'service account via ClusterRoleBinding',
      user: sa('kube-system', 'metrics-server'),
      attrs: res('get', 'nodes', { subresource: 'metrics', name: 'n1' }),
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "ms-metrics" of ClusterRole "node-metrics" to ServiceAccount "metrics-server/kube-system"',
    },
    {
      name: 'nodes does not cover nodes/stats',
      user: sa('kube-system', 'metrics-server'),
      attrs: res('get', 'nodes', { subresource: 'stats', name: 'n1' }),
      allowed: false,
    },
    {
      name: 'aggregated view through a RoleBinding',
      user: user('bob', 'devs'),
      attrs: res('list', 'pods', { namespace: 'default' }),
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "devs-view/default" of ClusterRole "view" to Group "devs"',
    },
    {
      name: 'RoleBinding grants nothing in other namespaces',
      user: user('bob', 'devs'),
      attrs: res('list', 'pods', { namespace: 'kube-system' }),
      allowed: false,
    },
    {
      name: 'RoleBinding grants nothing cluster-wide',
      user: user('bob', 'devs'),
      attrs: res('list', 'pods'),
      allowed: false,
    },
    {
      name: 'view does not include secrets',
      user: user('bob', 'devs'),
      attrs: res('get', 'secrets', { namespace: 'default', name: 's' }),
      allowed: false,
    },
    {
      name: 'resourceNames match the name',
      user: user('alice'),
      attrs: res('get', 'configmaps', { namespace: 'default', name: 'app' }),
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "alice-cm/default" of Role "one-cm" to User "alice"',
    },
    {
      name: 'resourceNames never match a list',
      user: user('alice'),
      attrs: res('list', 'configmaps', { namespace: 'default' }),
      allowed: false,
    },
    {
      name: 'service account subject defaults to the binding namespace',
      user: sa('default', 'builder'),
      attrs: res('update', 'configmaps', { namespace: 'default', name: 'app' }),
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "alice-cm/default" of Role "one-cm" to ServiceAccount "builder/default"',
    },
    {
      name: 'missing role is reported',
      user: user('carol'),
      attrs: res('get', 'pods', { namespace: 'default', name: 'p' }),
      allowed: false,
      reason: 'RBAC: role.rbac.authorization.k8s.io "missing" not found',
    },
    {
      name: 'discovery for every authenticated user',
      user: user('nobody'),
      attrs: path('get', '/apis/apps/v1'),
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    },
    { name: '/metrics needs system:monitoring', user: user('nobody'), attrs: path('get', '/metrics'), allowed: false },
    {
      name: 'self subject access reviews for everyone',
      user: user('nobody'),
      attrs: res('create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' }),
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = rbac.authorize(c.user, c.attrs);
      assert.equal(d.allowed, c.allowed);
      assert.equal(d.reason, c.reason);
    });
  }

  it('follows binding changes and deletions', () => {
    const who = user('dave');
    const attrs = res('get', 'nodes', { subresource: 'metrics', name: 'n1' });
    assert.equal(rbac.authorize(who, attrs).allowed, false);
    store.create({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'dave' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-metrics' },
      subjects: [{ kind: 'User', name: 'dave' }],
    });
    assert.equal(rbac.authorize(who, attrs).allowed, true);
    const b = store.get(RBAC, 'ClusterRoleBinding', undefined, 'dave')!;
    store.update({ ...b, subjects: [{ kind: 'User', name: 'erin' }] });
    assert.equal(rbac.authorize(who, attrs).allowed, false);
    assert.equal(rbac.authorize(user('erin'), attrs).allowed, true);
    store.delete(RBAC, 'ClusterRoleBinding', undefined, 'dave');
    assert.equal(rbac.authorize(user('erin'), attrs).allowed, false);
  });

  it('aggregates labelled ClusterRoles into view, edit and admin', () => {
    store.create({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: {
        name: 'system:aggregated-metrics-reader',
        labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
      },
      rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    });
    const attrs = res('list', 'pods', { apiGroup: 'metrics.k8s.io', namespace: 'default' });
    assert.equal(rbac.authorize(user('bob', 'devs'), attrs).allowed, true);
    for (const name of ['view', 'edit', 'admin']) {
      const rules = store.get(RBAC, 'ClusterRole', undefined, name)!.rules as { apiGroups: string[] }[];
      assert.ok(
        rules.some((r) => r.apiGroups[0] === 'metrics.k8s.io'),
        `${name} carries the metrics rule`,
      );
    }
    store.delete(RBAC, 'ClusterRole', undefined, 'system:aggregated-metrics-reader');
    assert.equal(rbac.authorize(user('bob', 'devs'), attrs).allowed, false);
  });

  it('lists the rules of a user for a namespace', () => {
    const { rules } = rbac.rulesFor(user('alice'), 'default');
    assert.deepEqual(
      rules.filter((r) => r.resources.includes('configmaps')),
      [
        {
          verbs: ['get', 'update'],
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: ['app'],
          nonResourceURLs: [],
        },
      ],
    );
  });

  it('ignores malformed objects', () => {
    store.create({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: 'junk' },
      rules: [null, 'x', { verbs: 7 }],
    });
    store.create({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'junk' },
      roleRef: { kind: 'ClusterRole', name: 'junk' },
      subjects: [null, { kind: 'User' }, { kind: 'User', name: 'junk' }],
    });
    assert.equal(rbac.authorize(user('junk'), res('get', 'pods')).allowed, false);
  });
});
