import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, startHarness } from './apiserver-helpers.ts';

const POD = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'app', image: 'busybox' }] },
});

describe('simulator API server over HTTPS', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ watchHistory: 100 });
  });
  after(async () => {
    await h.close();
  });

  it('serves /version, health checks, and discovery', async () => {
    const v = await h.call('GET', '/version?timeout=5s', { agent: h.anonymous });
    assert.equal(v.status, 200);
    assert.deepEqual(
      [v.json.major, v.json.minor, v.json.gitVersion, v.json.platform],
      ['1', '33', 'v1.33.5', 'linux/amd64'],
    );
    assert.equal((await h.call('GET', '/healthz')).text, 'ok');
    const verbose = await h.call('GET', '/readyz?verbose');
    assert.match(verbose.text, /^\[\+\]ping ok\n/);
    assert.match(verbose.text, /readyz check passed\n$/);
    const core = await h.call('GET', '/api/v1');
    assert.ok(core.json.resources.some((r: { name: string }) => r.name === 'pods'));
  });

  it('answers 401 to a request without a client certificate', async () => {
    const r = await h.call('GET', '/api/v1/pods', { agent: h.anonymous });
    assert.equal(r.status, 401);
    assert.deepEqual([r.json.kind, r.json.reason, r.json.message], ['Status', 'Unauthorized', 'Unauthorized']);
  });

  it('creates, gets, lists with pagination, patches and deletes', async () => {
    for (const n of ['c', 'a', 'b']) {
      const r = await h.call('POST', '/api/v1/namespaces/default/pods', { body: POD(`crud-${n}`, { app: 'crud' }) });
      assert.equal(r.status, 201, r.text);
    }
    const got = await h.call('GET', '/api/v1/namespaces/default/pods/crud-a');
    assert.deepEqual(
      [got.status, got.json.kind, got.json.apiVersion, got.json.metadata.namespace],
      [200, 'Pod', 'v1', 'default'],
    );
    const p1 = await h.call('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dcrud&limit=2');
    assert.deepEqual(
      p1.json.items.map((p: { metadata: { name: string } }) => p.metadata.name),
      ['crud-a', 'crud-b'],
    );
    assert.equal(p1.json.kind, 'PodList');
    const p2 = await h.call(
      'GET',
      `/api/v1/namespaces/default/pods?labelSelector=app%3Dcrud&limit=2&continue=${encodeURIComponent(p1.json.metadata.continue)}`,
    );
    assert.deepEqual(
      p2.json.items.map((p: { metadata: { name: string } }) => p.metadata.name),
      ['crud-c'],
    );
    assert.equal(p2.json.metadata.resourceVersion, p1.json.metadata.resourceVersion);

    const merge = await h.call('PATCH', '/api/v1/namespaces/default/pods/crud-a', {
      body: { metadata: { labels: { extra: 'yes' } } },
      contentType: 'application/merge-patch+json',
    });
    assert.deepEqual(merge.json.metadata.labels, { app: 'crud', extra: 'yes' });
    const strategic = await h.call('PATCH', '/api/v1/namespaces/default/pods/crud-a', {
      body: { metadata: { annotations: { note: 'x' }, labels: { extra: null } } },
      contentType: 'application/strategic-merge-patch+json',
    });
    assert.deepEqual(
      [strategic.json.metadata.labels, strategic.json.metadata.annotations],
      [{ app: 'crud' }, { note: 'x' }],
    );
    const jsonPatch = await h.call('PATCH', '/api/v1/namespaces/default/pods/crud-a', {
      body: [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx' }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(jsonPatch.json.spec.containers[0].image, 'nginx');

    const del = await h.call('DELETE', '/api/v1/namespaces/default/pods/crud-a', {
      body: { propagationPolicy: 'Background' },
    });
    assert.equal(del.status, 200);
    assert.equal((await h.call('GET', '/api/v1/namespaces/default/pods/crud-a')).status, 404);
    const dc = await h.call('DELETE', '/api/v1/namespaces/default/pods?labelSelector=app%3Dcrud');
    assert.deepEqual(
      dc.json.items.map((p: { metadata: { name: string } }) => p.metadata.name),
      ['crud-b', 'crud-c'],
    );
  });

  it('negotiates PartialObjectMetadata, Table, protobuf+json, and refuses protobuf only', async () => {
    await h.call('POST', '/api/v1/namespaces/default/pods', { body: POD('neg') });
    const partialList = await h.call('GET', '/api/v1/namespaces/default/pods', {
      headers: { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json' },
    });
    assert.deepEqual(
      [partialList.json.kind, partialList.json.apiVersion],
      ['PartialObjectMetadataList', 'meta.k8s.io/v1'],
    );
    assert.equal(partialList.json.items[0].kind, 'PartialObjectMetadata');
    assert.equal(partialList.json.items[0].spec, undefined);
    const partial = await h.call('GET', '/api/v1/namespaces/default/pods/neg', {
      headers: { accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' },
    });
    assert.deepEqual([partial.json.kind, partial.json.metadata.name], ['PartialObjectMetadata', 'neg']);
    const table = await h.call('GET', '/api/v1/namespaces/default/pods?limit=500', {
      headers: {
        accept:
          'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      },
    });
    assert.equal(table.json.kind, 'Table');
    assert.equal(table.json.columnDefinitions[0].name, 'Name');
    assert.ok(table.json.metadata.resourceVersion);
    const both = await h.call('GET', '/api/v1/namespaces/default/pods/neg', {
      headers: { accept: 'application/vnd.kubernetes.protobuf,application/json' },
    });
    assert.deepEqual([both.status, both.json.kind], [200, 'Pod']);
    const protoOnly = await h.call('GET', '/api/v1/namespaces/default/pods/neg', {
      headers: { accept: 'application/vnd.kubernetes.protobuf' },
    });
    assert.deepEqual([protoOnly.status, protoOnly.json.reason], [406, 'NotAcceptable']);
  });

  it('serves the scale and status subresources', async () => {
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      },
    };
    assert.equal((await h.call('POST', '/apis/apps/v1/namespaces/default/deployments', { body: dep })).status, 201);
    const scale = await h.call('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale');
    assert.deepEqual(
      [scale.json.kind, scale.json.apiVersion, scale.json.spec.replicas, scale.json.status.selector],
      ['Scale', 'autoscaling/v1', 1, 'app=web'],
    );
    const scaled = await h.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', {
      body: { spec: { replicas: 4 } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(scaled.json.spec.replicas, 4);
    const after = await h.call('GET', '/apis/apps/v1/namespaces/default/deployments/web');
    assert.deepEqual([after.json.spec.replicas, after.json.metadata.generation], [4, 2]);
    const status = await h.call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/status', {
      body: { status: { replicas: 4, readyReplicas: 4 }, spec: { replicas: 9 } },
      contentType: 'application/merge-patch+json',
    });
    assert.deepEqual([status.json.status.readyReplicas, status.json.spec.replicas], [4, 4]);
  });

  it('serves a CRD resource right after the CRD is created', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    };
    assert.equal(
      (await h.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd })).status,
      201,
    );
    const created = await h.call('POST', '/apis/example.com/v1alpha1/namespaces/default/gadgets', {
      body: { apiVersion: 'example.com/v1alpha1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { size: 3 } },
    });
    assert.equal(created.status, 201, created.text);
    const list = await h.call('GET', '/apis/example.com/v1alpha1/gadgets');
    assert.deepEqual([list.json.kind, list.json.items.length], ['GadgetList', 1]);
    const disc = await h.call('GET', '/apis/example.com/v1alpha1');
    assert.ok(disc.json.resources.some((r: { name: string }) => r.name === 'gadgets'));
    const established = await h.call(
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com',
    );
    assert.ok(
      established.json.status.conditions.some(
        (c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True',
      ),
    );
  });

  it('answers every bad request with the right Status and leaves state unchanged', async () => {
    await h.call('POST', '/api/v1/namespaces/default/pods', { body: POD('exists') });
    const current = await h.call('GET', '/api/v1/namespaces/default/pods/exists');
    const stale = { ...current.json, metadata: { ...current.json.metadata, resourceVersion: '1' } };
    const cases: {
      name: string;
      method: string;
      path: string;
      body?: unknown;
      contentType?: string;
      code: number;
      reason: string;
      message?: string;
    }[] = [
      {
        name: 'get missing',
        method: 'GET',
        path: '/api/v1/namespaces/default/pods/nope',
        code: 404,
        reason: 'NotFound',
        message: 'pods "nope" not found',
      },
      {
        name: 'unknown resource',
        method: 'GET',
        path: '/api/v1/foos',
        code: 404,
        reason: 'NotFound',
        message: 'the server could not find the requested resource',
      },
      { name: 'unknown group', method: 'GET', path: '/apis/nope.io/v1/things', code: 404, reason: 'NotFound' },
      {
        name: 'missing namespace',
        method: 'POST',
        path: '/api/v1/namespaces/nope/pods',
        body: POD('x'),
        code: 404,
        reason: 'NotFound',
        message: 'namespaces "nope" not found',
      },
      {
        name: 'already exists',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: POD('exists'),
        code: 409,
        reason: 'AlreadyExists',
        message: 'pods "exists" already exists',
      },
      {
        name: 'stale update',
        method: 'PUT',
        path: '/api/v1/namespaces/default/pods/exists',
        body: stale,
        code: 409,
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on pods "exists": the object has been modified; please apply your changes to the latest version and try again',
      },
      {
        name: 'bad name',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: POD('Bad'),
        code: 422,
        reason: 'Invalid',
      },
      {
        name: 'no name',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: { ...POD(''), metadata: {} },
        code: 422,
        reason: 'Invalid',
        message: 'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
      },
      {
        name: 'bad label key',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: POD('l', { 'a b': 'c' }),
        code: 422,
        reason: 'Invalid',
      },
      {
        name: 'malformed JSON',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: '{"kind":',
        code: 400,
        reason: 'BadRequest',
      },
      {
        name: 'kind mismatch',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: { ...POD('k'), kind: 'Service' },
        code: 400,
        reason: 'BadRequest',
      },
      {
        name: 'apiVersion mismatch',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: { ...POD('k'), apiVersion: 'apps/v1' },
        code: 400,
        reason: 'BadRequest',
      },
      {
        name: 'namespace mismatch',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: { ...POD('k'), metadata: { name: 'k', namespace: 'kube-system' } },
        code: 400,
        reason: 'BadRequest',
        message: 'the namespace of the provided object does not match the namespace sent on the request',
      },
      {
        name: 'bad label selector',
        method: 'GET',
        path: '/api/v1/pods?labelSelector=a%20b',
        code: 400,
        reason: 'BadRequest',
      },
      {
        name: 'bad field selector',
        method: 'GET',
        path: '/api/v1/pods?fieldSelector=spec.bogus%3Dx',
        code: 400,
        reason: 'BadRequest',
        message: 'field label not supported: spec.bogus',
      },
      {
        name: 'bad continue',
        method: 'GET',
        path: '/api/v1/pods?limit=1&continue=zzz',
        code: 400,
        reason: 'BadRequest',
      },
      {
        name: 'POST on a named object',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/exists',
        body: POD('exists'),
        code: 405,
        reason: 'MethodNotAllowed',
      },
      {
        name: 'PUT on a collection',
        method: 'PUT',
        path: '/api/v1/namespaces/default/pods',
        body: POD('exists'),
        code: 405,
        reason: 'MethodNotAllowed',
      },
      {
        name: 'body over 3 MiB',
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        body: 'x'.repeat(3 * 1024 * 1024 + 1),
        code: 413,
        reason: 'RequestEntityTooLarge',
      },
      {
        name: 'unknown content type',
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: 'name: x',
        contentType: 'text/plain',
        code: 415,
        reason: 'UnsupportedMediaType',
      },
      {
        name: 'unknown patch type',
        method: 'PATCH',
        path: '/api/v1/namespaces/default/pods/exists',
        body: '{}',
        contentType: 'application/json',
        code: 415,
        reason: 'UnsupportedMediaType',
      },
      {
        name: 'failing json patch test',
        method: 'PATCH',
        path: '/api/v1/namespaces/default/pods/exists',
        body: [{ op: 'test', path: '/metadata/name', value: 'other' }],
        contentType: 'application/json-patch+json',
        code: 400,
        reason: 'BadRequest',
      },
      {
        name: 'bad delete body',
        method: 'DELETE',
        path: '/api/v1/namespaces/default/pods/exists',
        body: '{"propagationPolicy":"Sometimes"}',
        code: 400,
        reason: 'BadRequest',
      },
    ];
    const rvBefore = (await h.call('GET', '/api/v1/pods?limit=1')).json.metadata.resourceVersion;
    for (const c of cases) {
      const r = await h.call(c.method, c.path, {
        body: c.body,
        ...(c.contentType ? { contentType: c.contentType } : {}),
      });
      assert.equal(r.status, c.code, `${c.name}: ${r.text.slice(0, 300)}`);
      assert.deepEqual(
        [r.json.kind, r.json.status, r.json.code, r.json.reason],
        ['Status', 'Failure', c.code, c.reason],
        c.name,
      );
      if (c.message) assert.equal(r.json.message, c.message, c.name);
    }
    const rvAfter = (await h.call('GET', '/api/v1/pods?limit=1')).json.metadata.resourceVersion;
    assert.equal(rvAfter, rvBefore);
    assert.equal((await h.call('GET', '/healthz')).text, 'ok');
  });

  it('renders Invalid with details.causes', async () => {
    const r = await h.call('POST', '/api/v1/namespaces/default/pods', { body: POD('UPPER') });
    assert.equal(r.json.details.causes[0].field, 'metadata.name');
    assert.equal(r.json.details.causes[0].reason, 'FieldValueInvalid');
    assert.match(
      r.json.message,
      /^Pod "UPPER" is invalid: metadata.name: Invalid value: "UPPER": a lowercase RFC 1123 subdomain/,
    );
  });

  it('dryRun=All validates and answers without storing', async () => {
    const rvBefore = (await h.call('GET', '/api/v1/pods?limit=1')).json.metadata.resourceVersion;
    const r = await h.call('POST', '/api/v1/namespaces/default/pods?dryRun=All', { body: POD('dry') });
    assert.deepEqual([r.status, r.json.metadata.name], [201, 'dry']);
    assert.equal((await h.call('GET', '/api/v1/namespaces/default/pods/dry')).status, 404);
    const bad = await h.call('POST', '/api/v1/namespaces/default/pods?dryRun=All', { body: POD('Dry') });
    assert.equal(bad.status, 422);
    assert.equal((await h.call('GET', '/api/v1/pods?limit=1')).json.metadata.resourceVersion, rvBefore);
  });

  it('creates namespaces Active with their kube-root-ca.crt, and deletes their content with them', async () => {
    const ns = await h.call('POST', '/api/v1/namespaces', {
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
    });
    assert.deepEqual([ns.status, ns.json.status.phase], [201, 'Active']);
    const cm = await h.call('GET', '/api/v1/namespaces/team-a/configmaps/kube-root-ca.crt');
    assert.equal(cm.json.data['ca.crt'], h.caPem);
    assert.equal((await h.call('POST', '/api/v1/namespaces/team-a/pods', { body: POD('p') })).status, 201);
    assert.equal((await h.call('DELETE', '/api/v1/namespaces/team-a')).status, 200);
    assert.deepEqual((await h.call('GET', '/api/v1/namespaces/team-a/pods')).json.items, []);
  });

  it('server-side apply creates, then merges', async () => {
    const path = '/api/v1/namespaces/default/configmaps/applied?fieldManager=kubectl';
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: "1"\n';
    const first = await h.call('PATCH', path, { body: yaml, contentType: 'application/apply-patch+yaml' });
    assert.deepEqual([first.status, first.json.data], [201, { a: '1' }]);
    const second = await h.call('PATCH', path, {
      body: yaml.replace('a: "1"', 'b: "2"'),
      contentType: 'application/apply-patch+yaml',
    });
    assert.deepEqual([second.status, second.json.data], [200, { a: '1', b: '2' }]);
  });

  it('answers SelfSubjectReview with the client certificate identity', async () => {
    const r = await h.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    assert.equal(r.status, 201);
    assert.deepEqual(r.json.status.userInfo, { username: 'admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('answers 403 with the kube-apiserver message when the authorizer denies', async () => {
    const previous = h.server.authorize;
    h.server.authorize = async (_user, attrs) => ({ allowed: !(attrs.resourceRequest && attrs.verb === 'list') });
    try {
      const r = await h.call('GET', '/api/v1/namespaces/default/pods');
      assert.equal(r.status, 403);
      assert.equal(
        r.json.message,
        'pods is forbidden: User "admin" cannot list resource "pods" in API group "" in the namespace "default"',
      );
    } finally {
      h.server.authorize = previous;
    }
  });
});
