/**
 * The review APIs, TokenRequest and impersonation over HTTPS with their error answers: one table
 * per endpoint, literal statuses and messages.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createCA } from '../../src/shared/tls/pki.ts';
import { installAuth, type SimulatorAuth } from '../../src/simulator/auth/install-auth.ts';
import { type Harness, startHarness } from './apiserver-helpers.ts';

const SA_KEY = String(
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
);

describe('auth APIs over HTTPS', () => {
  let h: Harness;
  let auth: SimulatorAuth;
  let token: string;

  before(async () => {
    h = await startHarness();
    const frontProxy = await createCA('front-proxy-ca');
    auth = installAuth(h.server, {
      serviceAccountKeyPem: SA_KEY,
      clientCaPem: h.caPem,
      frontProxyCaPem: frontProxy.certPem,
    });
    h.server.store.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'app', namespace: 'default' },
    });
    h.server.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'other-sa', namespace: 'default' },
      spec: { serviceAccountName: 'builder', containers: [{ name: 'c', image: 'x' }] },
    });
    const res = await h.call('POST', '/api/v1/namespaces/default/serviceaccounts/app/token', { body: {} });
    token = res.json.status.token;
  });
  after(async () => {
    auth.stop();
    await h.close();
  });

  const tokenRequests: { name: string; path?: string; spec: unknown; status: number; message?: string }[] = [
    {
      name: 'too short',
      spec: { expirationSeconds: 60 },
      status: 422,
      message:
        'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    },
    {
      name: 'too long',
      spec: { expirationSeconds: 2 ** 33 },
      status: 422,
      message:
        'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 8589934592: may not specify a duration larger than 2^32 seconds',
    },
    {
      name: 'unknown service account',
      path: '/api/v1/namespaces/default/serviceaccounts/ghost/token',
      spec: {},
      status: 404,
      message: 'serviceaccounts "ghost" not found',
    },
    {
      name: 'missing pod',
      spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'nope' } },
      status: 404,
      message: 'pods "nope" not found',
    },
    {
      name: 'pod of another service account',
      spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other-sa' } },
      status: 400,
      message: 'cannot bind token for serviceaccount "app" to pod running with different serviceaccount name.',
    },
    {
      name: 'wrong pod uid',
      spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other-sa', uid: 'u-1' } },
      status: 409,
      message:
        'Operation cannot be fulfilled on Pod "other-sa": the UID in the bound object reference (u-1) does not match the UID in record. The object might have been deleted and then recreated',
    },
    {
      name: 'unsupported kind',
      spec: { boundObjectRef: { kind: 'ConfigMap', name: 'x' } },
      status: 400,
      message: 'cannot bind token to object of type ConfigMap',
    },
    { name: 'defaults', spec: { audiences: null, expirationSeconds: null, boundObjectRef: null }, status: 201 },
  ];
  for (const c of tokenRequests) {
    it(`TokenRequest: ${c.name}`, async () => {
      const res = await h.call('POST', c.path ?? '/api/v1/namespaces/default/serviceaccounts/app/token', {
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: c.spec },
      });
      assert.equal(res.status, c.status);
      if (c.message) assert.equal(res.json.message, c.message);
      else {
        assert.deepEqual(res.json.spec, {
          audiences: ['https://kubernetes.default.svc.cluster.local'],
          expirationSeconds: 3600,
          boundObjectRef: null,
        });
        assert.equal(
          Date.parse(res.json.status.expirationTimestamp) - Date.parse(res.json.metadata.creationTimestamp),
          3600_000,
        );
      }
    });
  }

  const reviews: { name: string; path: string; body: unknown; status: number; want: unknown }[] = [
    {
      name: 'SubjectAccessReview without attributes',
      path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      body: { spec: { user: 'alice' } },
      status: 422,
      want: 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    },
    {
      name: 'SubjectAccessReview without subject',
      path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      body: { spec: { nonResourceAttributes: { path: '/api', verb: 'get' } } },
      status: 422,
      want: 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    },
    {
      name: 'SubjectAccessReview for discovery',
      path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      body: {
        spec: {
          nonResourceAttributes: { path: '/apis/metrics.k8s.io/v1beta1', verb: 'get' },
          user: 'system:aggregator',
          groups: ['system:authenticated'],
        },
      },
      status: 201,
      want: {
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
      },
    },
    {
      name: 'SubjectAccessReview adds no groups',
      path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      body: { spec: { nonResourceAttributes: { path: '/apis', verb: 'get' }, user: 'system:aggregator' } },
      status: 201,
      want: { allowed: false },
    },
    {
      name: 'LocalSubjectAccessReview in another namespace',
      path: '/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews',
      body: {
        spec: { resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods' }, user: 'alice' },
      },
      status: 400,
      want: 'spec.resourceAttributes.namespace must match namespace: default',
    },
    {
      name: 'SelfSubjectAccessReview as the admin',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: { spec: { resourceAttributes: { verb: 'delete', resource: 'nodes' } } },
      status: 201,
      want: { allowed: true },
    },
    {
      name: 'TokenReview without token',
      path: '/apis/authentication.k8s.io/v1/tokenreviews',
      body: { spec: {} },
      status: 400,
      want: 'token is required for TokenReview in authentication',
    },
    {
      name: 'TokenReview of garbage',
      path: '/apis/authentication.k8s.io/v1/tokenreviews',
      body: { spec: { token: 'garbage' } },
      status: 201,
      want: { user: {}, error: 'invalid bearer token' },
    },
  ];
  for (const c of reviews) {
    it(c.name, async () => {
      const res = await h.call('POST', c.path, { body: c.body });
      assert.equal(res.status, c.status);
      assert.deepEqual(typeof c.want === 'string' ? res.json.message : res.json.status, c.want);
    });
  }

  it('TokenReview for a foreign audience explains the mismatch', async () => {
    const res = await h.call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', {
      body: { spec: { token, audiences: ['metrics-server'] } },
    });
    assert.deepEqual(res.json.status, {
      user: {},
      error:
        '[invalid bearer token, token audiences ["https://kubernetes.default.svc.cluster.local"] is invalid for the target audiences ["metrics-server"]]',
    });
  });

  const impersonations: {
    name: string;
    headers: Record<string, string>;
    bearer?: boolean;
    status: number;
    message: string;
  }[] = [
    {
      name: 'group without user',
      headers: { 'Impersonate-Group': 'devs' },
      status: 500,
      message:
        'Internal Server Error: "/api/v1/namespaces/default/pods": requested [{Group  devs  authentication.k8s.io/v1  }] without impersonating a user',
    },
    {
      name: 'service account without rights',
      headers: { 'Impersonate-User': 'system:serviceaccount:kube-system:x' },
      bearer: true,
      status: 403,
      message:
        'serviceaccounts "x" is forbidden: User "system:serviceaccount:default:app" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    },
    {
      name: 'itself, still needing the impersonate verb',
      headers: { 'Impersonate-User': 'system:serviceaccount:default:app', 'Impersonate-Extra-Scopes': 'view' },
      bearer: true,
      status: 403,
      message:
        'serviceaccounts "app" is forbidden: User "system:serviceaccount:default:app" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "default"',
    },
  ];
  for (const c of impersonations) {
    it(`impersonation: ${c.name}`, async () => {
      const res = await h.call('GET', '/api/v1/namespaces/default/pods', {
        headers: { ...c.headers, ...(c.bearer ? { authorization: `Bearer ${token}` } : {}) },
        ...(c.bearer ? { agent: h.anonymous } : {}),
      });
      assert.equal(res.status, c.status);
      assert.equal(res.json.message, c.message);
    });
  }

  it('impersonates a service account with its default groups', async () => {
    const res = await h.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      headers: { 'Impersonate-User': 'system:serviceaccount:default:app', 'Impersonate-Extra-Reason': 'debugging' },
    });
    assert.deepEqual(res.json.status.userInfo, {
      username: 'system:serviceaccount:default:app',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
      extra: { reason: ['debugging'] },
    });
  });

  it('lets the authentication reader watch only its ConfigMap (resourceNames via the field selector)', async () => {
    h.server.store.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'app-auth-reader', namespace: 'kube-system' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'extension-apiserver-authentication-reader',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'default' }],
    });
    const asApp = { agent: h.anonymous, headers: { authorization: `Bearer ${token}` } };
    const base = '/api/v1/namespaces/kube-system/configmaps';
    const one = `${base}?fieldSelector=metadata.name%3Dextension-apiserver-authentication`;
    const list = await h.call('GET', one, asApp);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      ['extension-apiserver-authentication'],
    );
    assert.equal((await h.call('GET', `${base}/extension-apiserver-authentication`, asApp)).status, 200);
    const all = await h.call('GET', base, asApp);
    assert.equal(all.status, 403);
    assert.equal(
      all.json.message,
      'configmaps is forbidden: User "system:serviceaccount:default:app" cannot list resource "configmaps" in API group "" in the namespace "kube-system"',
    );
    const other = await h.call('GET', `${base}?fieldSelector=metadata.name%3Dkube-root-ca.crt`, asApp);
    assert.equal(other.status, 403);
    assert.match(other.json.message, /^configmaps "kube-root-ca.crt" is forbidden/);
  });

  it('rejects a bad bearer token and anonymous requests with 401', async () => {
    for (const headers of [{ authorization: 'Bearer nope' }, {}] as Record<string, string>[]) {
      const res = await h.call('GET', '/api/v1/namespaces', { agent: h.anonymous, headers });
      assert.equal(res.status, 401);
    }
    const health = await h.call('GET', '/healthz', { agent: h.anonymous });
    assert.equal(health.status, 200);
  });
});
