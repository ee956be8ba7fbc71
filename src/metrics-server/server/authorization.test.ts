import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserInfo } from './authentication.ts';
import { type AccessReviewer, DelegatingAuthorizer, forbiddenStatus, requestAttributes } from './authorization.ts';

const user: UserInfo = { name: 'jane', groups: ['system:authenticated'], extra: {} };

describe('authorization', () => {
  const attributes: Array<[string, string, string, Record<string, unknown>]> = [
    ['GET', '/apis/metrics.k8s.io/v1beta1/nodes', '', { verb: 'list', resource: 'nodes', name: '', namespace: '' }],
    ['GET', '/apis/metrics.k8s.io/v1beta1/nodes/n1', '', { verb: 'get', resource: 'nodes', name: 'n1' }],
    ['GET', '/apis/metrics.k8s.io/v1/nodes', 'watch=true', { verb: 'watch', apiVersion: 'v1' }],
    [
      'GET',
      '/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods/p1',
      '',
      { verb: 'get', resource: 'pods', namespace: 'kube-system', name: 'p1' },
    ],
    ['GET', '/apis/metrics.k8s.io/v1beta1/pods', '', { verb: 'list', resource: 'pods', namespace: '' }],
    ['GET', '/apis/metrics.k8s.io/v1beta1', '', { resourceRequest: false, verb: 'get' }],
    ['GET', '/metrics', '', { resourceRequest: false, verb: 'get', path: '/metrics' }],
    ['POST', '/apis/metrics.k8s.io/v1beta1/nodes', '', { verb: 'create' }],
  ];
  for (const [method, path, query, expected] of attributes) {
    it(`attributes of ${method} ${path}${query ? `?${query}` : ''}`, () => {
      const a = requestAttributes(method, path, new URLSearchParams(query));
      for (const [k, v] of Object.entries(expected)) assert.equal(a[k as keyof typeof a], v, k);
    });
  }

  const messages: Array<[string, string, string]> = [
    [
      '/apis/metrics.k8s.io/v1beta1/nodes',
      '',
      'nodes.metrics.k8s.io is forbidden: User "jane" cannot list resource "nodes" in API group "metrics.k8s.io" at the cluster scope',
    ],
    [
      '/apis/metrics.k8s.io/v1beta1/namespaces/web/pods/p1',
      'no RBAC policy matched',
      'pods.metrics.k8s.io "p1" is forbidden: User "jane" cannot get resource "pods" in API group "metrics.k8s.io" in the namespace "web": no RBAC policy matched',
    ],
    ['/metrics', '', 'forbidden: User "jane" cannot get path "/metrics"'],
  ];
  for (const [path, reason, message] of messages) {
    it(`403 message for ${path}`, () => {
      const s = forbiddenStatus(user, requestAttributes('GET', path, new URLSearchParams()), reason);
      assert.equal(s.message, message);
      assert.equal(s.code, 403);
      assert.equal(s.reason, 'Forbidden');
    });
  }

  it('system:masters, always-allow paths (exact and prefix), then cached SubjectAccessReviews', async () => {
    let now = 0;
    const asked: string[] = [];
    const reviewer: AccessReviewer = async (_u, a) => {
      asked.push(a.path);
      return { allowed: a.path.endsWith('/nodes'), reason: '' };
    };
    const authz = new DelegatingAuthorizer({
      alwaysAllowPaths: ['/healthz', '/readyz', '/livez', '/debug/*'],
      reviewer,
      allowedTtlMs: 10_000,
      deniedTtlMs: 5_000,
      now: () => now,
    });
    const attrs = (path: string) => requestAttributes('GET', path, new URLSearchParams());
    const masters: UserInfo = { name: 'root', groups: ['system:masters'], extra: {} };
    assert.equal((await authz.authorize(masters, attrs('/metrics'))).allowed, true);
    assert.equal((await authz.authorize(user, attrs('/readyz'))).allowed, true);
    assert.equal((await authz.authorize(user, attrs('/debug/pprof/heap'))).allowed, true);
    assert.equal(
      (await authz.authorize(user, attrs('/readyz/ping'))).allowed,
      false,
      'sub-paths are not exact matches',
    );
    const nodes = attrs('/apis/metrics.k8s.io/v1beta1/nodes');
    const pods = attrs('/apis/metrics.k8s.io/v1beta1/pods');
    assert.equal((await authz.authorize(user, nodes)).allowed, true);
    assert.equal((await authz.authorize(user, pods)).allowed, false);
    now = 6_000;
    await authz.authorize(user, nodes);
    await authz.authorize(user, pods);
    assert.deepEqual(asked, [
      '/readyz/ping',
      '/apis/metrics.k8s.io/v1beta1/nodes',
      '/apis/metrics.k8s.io/v1beta1/pods',
      '/apis/metrics.k8s.io/v1beta1/pods',
    ]);
  });
});
