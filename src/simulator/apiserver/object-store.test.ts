import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { parseFieldSelector, parseLabelSelector } from '../../shared/kube/selectors.ts';
import type { ClusterChange } from './cluster-state.ts';
import { startCrdController } from './crd-controller.ts';
import { ApiError } from './errors.ts';
import { listPage } from './list-response.ts';
import { ObjectStore } from './object-store.ts';

const NOW = Date.parse('2026-01-02T03:04:05Z');

function pod(
  name: string,
  ns = 'default',
  labels: Record<string, string> = {},
  extra: Partial<KubeObject> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'c' }] },
    ...extra,
  };
}

function code(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return 0;
}

function podType(store: ObjectStore) {
  return store.registry.get('', 'v1', 'pods')!;
}

describe('ObjectStore', () => {
  it('starts with what a fresh cluster holds', () => {
    const store = new ObjectStore({ rootCaPem: 'PEM', now: () => NOW });
    assert.deepEqual(
      store.list('v1', 'Namespace').map((n) => [n.metadata.name, n.status?.phase]),
      [
        ['default', 'Active'],
        ['kube-node-lease', 'Active'],
        ['kube-public', 'Active'],
        ['kube-system', 'Active'],
      ],
    );
    const svc = store.get('v1', 'Service', 'default', 'kubernetes')!;
    assert.equal(svc.spec.clusterIP, '10.96.0.1');
    assert.equal(svc.spec.ports[0].port, 443);
    assert.ok(store.get('discovery.k8s.io/v1', 'EndpointSlice', 'default', 'kubernetes'));
    assert.deepEqual(
      store.list('v1', 'ConfigMap').map((c) => `${c.metadata.namespace}/${c.metadata.name}=${c.data['ca.crt']}`),
      [
        'default/kube-root-ca.crt=PEM',
        'kube-node-lease/kube-root-ca.crt=PEM',
        'kube-public/kube-root-ca.crt=PEM',
        'kube-system/kube-root-ca.crt=PEM',
      ],
    );
  });

  it('fills metadata on create and keeps fixture-provided fields', () => {
    const store = new ObjectStore({ now: () => NOW });
    const rv0 = Number(store.resourceVersion());
    const a = store.create(pod('a'));
    assert.equal(a.metadata.resourceVersion, String(rv0 + 1));
    assert.equal(a.metadata.creationTimestamp, '2026-01-02T03:04:05Z');
    assert.match(a.metadata.uid!, /^[0-9a-f-]{36}$/);
    assert.equal(a.metadata.generation, 1);
    const b = store.create(pod('b', 'default', {}, { status: { phase: 'Running' } }));
    assert.equal(b.status.phase, 'Running');
    const c = store.create({
      ...pod('c'),
      metadata: {
        name: 'c',
        namespace: 'default',
        uid: 'fixed',
        creationTimestamp: '2020-01-01T00:00:00Z',
        generation: 7,
      },
    });
    assert.deepEqual(
      [c.metadata.uid, c.metadata.creationTimestamp, c.metadata.generation],
      ['fixed', '2020-01-01T00:00:00Z', 7],
    );
    const g = store.create({ ...pod(''), metadata: { generateName: 'web-', namespace: 'default' } });
    assert.match(g.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects bad creates with the right codes and leaves state unchanged', () => {
    const store = new ObjectStore();
    store.create(pod('dup'));
    const rv = store.resourceVersion();
    const cases: { name: string; obj: KubeObject; code: number }[] = [
      { name: 'missing namespace', obj: pod('x', 'nope'), code: 404 },
      { name: 'duplicate', obj: pod('dup'), code: 409 },
      { name: 'uppercase name', obj: pod('Bad'), code: 422 },
      { name: 'no name', obj: { ...pod(''), metadata: { namespace: 'default' } }, code: 422 },
      { name: 'bad label key', obj: pod('l', 'default', { 'bad key': 'v' }), code: 422 },
      { name: 'bad label value', obj: pod('l', 'default', { k: 'bad value' }), code: 422 },
    ];
    for (const c of cases)
      assert.equal(
        code(() => store.create(c.obj)),
        c.code,
        c.name,
      );
    assert.equal(store.resourceVersion(), rv);
  });

  it('renders Invalid messages like kube-apiserver', () => {
    const store = new ObjectStore();
    assert.throws(() => store.create(pod('Bad_Name')), {
      message:
        "Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    });
    assert.throws(() => store.create({ ...pod(''), metadata: { namespace: 'default' } }), {
      message: 'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    });
  });

  it('update: resourceVersion precondition, generation bump on spec change only', () => {
    const store = new ObjectStore();
    const t = podType(store);
    const a = store.create(pod('a'));
    const stale = { ...a, metadata: { ...a.metadata, resourceVersion: '1' } };
    assert.throws(() => store.updateTyped(t, stale), {
      message:
        'Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again',
    });
    const relabeled = store.updateTyped(t, { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } }).obj;
    assert.equal(relabeled.metadata.generation, 1);
    const respec = store.updateTyped(t, { ...relabeled, spec: { containers: [{ name: 'd' }] } }).obj;
    assert.equal(respec.metadata.generation, 2);
  });

  it('PUT keeps status; status updates change only status', () => {
    const store = new ObjectStore();
    const t = podType(store);
    const a = store.create(pod('a', 'default', {}, { status: { phase: 'Pending' } }));
    const put = store.updateTyped(t, { ...a, status: { phase: 'Failed' } }, 'main').obj;
    assert.equal(put.status.phase, 'Pending');
    const st = store.updateTyped(t, { ...put, spec: { changed: true }, status: { phase: 'Running' } }, 'status').obj;
    assert.equal(st.status.phase, 'Running');
    assert.deepEqual(st.spec, { containers: [{ name: 'c' }] });
  });

  it('finalizers: delete sets deletionTimestamp, removing the last finalizer deletes', () => {
    const store = new ObjectStore({ now: () => NOW });
    const t = podType(store);
    store.create({ ...pod('f'), metadata: { name: 'f', namespace: 'default', finalizers: ['x/y'] } });
    const marked = store.deleteTyped(t, 'default', 'f').obj;
    assert.equal(marked.metadata.deletionTimestamp, '2026-01-02T03:04:05Z');
    assert.ok(store.get('v1', 'Pod', 'default', 'f'));
    const cur = store.get('v1', 'Pod', 'default', 'f')!;
    store.updateTyped(t, { ...cur, metadata: { ...cur.metadata, finalizers: [] } });
    assert.equal(store.get('v1', 'Pod', 'default', 'f'), undefined);
  });

  it('cascades deletes to dependents unless orphaned, and empties deleted namespaces', () => {
    const store = new ObjectStore();
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    assert.ok(store.get('v1', 'ConfigMap', 'team', 'kube-root-ca.crt'));
    const rs = store.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'team' },
      spec: {},
    });
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: rs.metadata.uid! };
    store.create({ ...pod('p1', 'team'), metadata: { name: 'p1', namespace: 'team', ownerReferences: [owner] } });
    store.create({ ...pod('p2', 'team'), metadata: { name: 'p2', namespace: 'team', ownerReferences: [owner] } });
    store.create(pod('other', 'team'));
    store.deleteTyped(store.registry.get('apps', 'v1', 'replicasets')!, 'team', 'rs');
    assert.deepEqual(
      store.list('v1', 'Pod', 'team').map((p) => p.metadata.name),
      ['other'],
    );
    store.delete('v1', 'Namespace', undefined, 'team');
    assert.deepEqual(store.list('v1', 'Pod', 'team'), []);
    assert.equal(store.get('v1', 'ConfigMap', 'team', 'kube-root-ca.crt'), undefined);
  });

  it('delete preconditions conflict on uid and resourceVersion', () => {
    const store = new ObjectStore();
    const t = podType(store);
    store.create(pod('a'));
    assert.equal(
      code(() => store.deleteTyped(t, 'default', 'a', { preconditions: { uid: 'nope' } })),
      409,
    );
    assert.equal(
      code(() => store.deleteTyped(t, 'default', 'a', { preconditions: { resourceVersion: '1' } })),
      409,
    );
    assert.equal(
      code(() => store.deleteTyped(t, 'default', 'missing')),
      404,
    );
  });

  it('subscribe delivers ADDED/MODIFIED (with previous)/DELETED synchronously', () => {
    const store = new ObjectStore();
    const seen: string[] = [];
    const stop = store.subscribe('v1', 'Pod', (c: ClusterChange) =>
      seen.push(`${c.type}:${c.object.metadata.name}:${c.previous?.metadata.resourceVersion ?? '-'}`),
    );
    const a = store.create(pod('a'));
    const b = store.update({ ...a, metadata: { ...a.metadata, labels: { x: 'y' } } });
    store.delete('v1', 'Pod', 'default', 'a');
    stop();
    store.create(pod('z'));
    assert.deepEqual(seen, [`ADDED:a:-`, `MODIFIED:a:${a.metadata.resourceVersion}`, 'DELETED:a:-']);
    assert.equal(Number(b.metadata.resourceVersion), Number(a.metadata.resourceVersion) + 1);
  });

  it('history is bounded and compactable', () => {
    const store = new ObjectStore({ watchHistory: 3 });
    for (let i = 0; i < 5; i++) store.create(pod(`p${i}`));
    const rv = store.currentRv();
    assert.equal(store.history.size, 3);
    assert.equal(store.history.compactedRv, rv - 3);
    assert.deepEqual(
      [...store.history.since(rv - 2)].map((e) => e.entry.obj.metadata.name),
      ['p3', 'p4'],
    );
    store.compact();
    assert.equal(store.history.size, 0);
    assert.equal(store.history.compactedRv, rv);
  });
});

describe('listPage', () => {
  function seeded(): ObjectStore {
    const store = new ObjectStore();
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a-b' } });
    for (const n of ['p3', 'p1', 'p2', 'p5', 'p4']) store.create(pod(n, 'default', { idx: n }));
    store.create(pod('p0', 'a-b'));
    return store;
  }
  const q = { namespace: undefined, labelSelector: [], fieldSelector: [], limit: 0, continueToken: undefined };

  it('sorts by namespace/name like etcd keys', () => {
    const store = seeded();
    const page = listPage(store, podType(store), q);
    assert.deepEqual(
      page.items.map((e) => e.key),
      ['a-b/p0', 'default/p1', 'default/p2', 'default/p3', 'default/p4', 'default/p5'],
    );
    assert.equal(page.resourceVersion, store.resourceVersion());
  });

  it('pages over a consistent snapshot while objects change', () => {
    const store = seeded();
    const t = podType(store);
    const first = listPage(store, t, { ...q, limit: 2 });
    assert.deepEqual(
      first.items.map((e) => e.key),
      ['a-b/p0', 'default/p1'],
    );
    assert.equal(first.remainingItemCount, 4);
    store.delete('v1', 'Pod', 'default', 'p2');
    store.create(pod('p25'));
    const p3 = store.get('v1', 'Pod', 'default', 'p3')!;
    store.update({ ...p3, metadata: { ...p3.metadata, labels: { changed: 'yes' } } });
    const second = listPage(store, t, { ...q, limit: 2, continueToken: first.continueToken });
    assert.deepEqual(
      second.items.map((e) => e.key),
      ['default/p2', 'default/p3'],
    );
    assert.deepEqual(second.items[1]!.obj.metadata.labels, { idx: 'p3' });
    assert.equal(second.resourceVersion, first.resourceVersion);
    const third = listPage(store, t, { ...q, limit: 2, continueToken: second.continueToken });
    assert.deepEqual(
      third.items.map((e) => e.key),
      ['default/p4', 'default/p5'],
    );
    assert.equal(third.continueToken, undefined);
  });

  it('rebuilds an evicted snapshot from history, and 410s past it', () => {
    const store = seeded();
    const t = podType(store);
    const first = listPage(store, t, { ...q, limit: 3 });
    store.delete('v1', 'Pod', 'default', 'p3');
    for (let i = 0; i < 10; i++) listPage(store, store.registry.get('', 'v1', 'configmaps')!, { ...q, limit: 1 });
    // other types' snapshots evicted ours from the cache; it is rebuilt by undoing the delete
    for (let i = 0; i < 9; i++) store.rememberSnapshot(`other${i}`, []);
    const second = listPage(store, t, { ...q, limit: 3, continueToken: first.continueToken });
    assert.deepEqual(
      second.items.map((e) => e.key),
      ['default/p3', 'default/p4', 'default/p5'],
    );
    store.compact();
    assert.throws(
      () => listPage(store, t, { ...q, limit: 3, continueToken: first.continueToken }),
      (e: unknown) => e instanceof ApiError && e.code === 410 && e.reason === 'Expired',
    );
  });

  it('applies label and field selectors, with continue but no remainingItemCount', () => {
    const store = seeded();
    const t = podType(store);
    const page = listPage(store, t, { ...q, labelSelector: parseLabelSelector('idx in (p1,p4,p5)'), limit: 2 });
    assert.deepEqual(
      page.items.map((e) => e.key),
      ['default/p1', 'default/p4'],
    );
    assert.ok(page.continueToken);
    assert.equal(page.remainingItemCount, undefined);
    const byName = listPage(store, t, { ...q, fieldSelector: parseFieldSelector('metadata.name=p0') });
    assert.deepEqual(
      byName.items.map((e) => e.key),
      ['a-b/p0'],
    );
  });

  it('rejects a garbled continue token with 400', () => {
    const store = seeded();
    assert.throws(
      () => listPage(store, podType(store), { ...q, continueToken: 'garbage' }),
      (e: unknown) => e instanceof ApiError && e.code === 400,
    );
  });
});

describe('CRD controller', () => {
  it('serves a CRD resource once created, sets its status, and drops it on delete', () => {
    const store = new ObjectStore();
    const stop = startCrdController(store, store.registry);
    store.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
        versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {}, scale: {} } }],
      },
    });
    const t = store.registry.get('example.com', 'v1', 'widgets');
    assert.ok(t);
    assert.deepEqual(
      [t.kind, t.listKind, t.namespaced, t.shortNames, t.subresources],
      ['Widget', 'WidgetList', true, ['wd'], ['status', 'scale']],
    );
    const crd = store.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, 'widgets.example.com')!;
    assert.deepEqual(
      crd.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`),
      ['NamesAccepted=True', 'Established=True'],
    );
    assert.equal(crd.status.acceptedNames.kind, 'Widget');
    store.create({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w1', namespace: 'default' },
      spec: { size: 1 },
    });
    assert.equal(store.list('example.com/v1', 'Widget').length, 1);
    store.delete('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, 'widgets.example.com');
    assert.equal(store.registry.get('example.com', 'v1', 'widgets'), undefined);
    assert.equal(store.count(t), 0);
    stop();
  });
});
