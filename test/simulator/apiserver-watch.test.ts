import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubernetesObject } from '@kubernetes/client-node';
import { type Harness, startHarness } from './apiserver-helpers.ts';

const POD = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'app', image: 'busybox' }] },
});

const PODS = '/api/v1/namespaces/default/pods';

async function waitFor(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await sleep(10);
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('simulator API server watches', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ watchHistory: 100 });
  });
  after(async () => {
    await h.close();
  });

  async function rv(): Promise<string> {
    return (await h.call('GET', `${PODS}?limit=1`)).json.metadata.resourceVersion;
  }

  it('applies selectors: leaving the selection is DELETED, entering it ADDED', async () => {
    const w = await h.watch(`${PODS}?watch=1&labelSelector=app%3Dsel&resourceVersion=${await rv()}`);
    assert.equal(w.status, 200);
    await h.call('POST', PODS, { body: POD('sel-other', { app: 'other' }) });
    await h.call('POST', PODS, { body: POD('sel-1', { app: 'sel' }) });
    const relabel = (app: string) =>
      h.call('PATCH', `${PODS}/sel-1`, {
        body: { metadata: { labels: { app } } },
        contentType: 'application/merge-patch+json',
      });
    await relabel('gone');
    await relabel('sel');
    await h.call('PATCH', `${PODS}/sel-1`, {
      body: { metadata: { annotations: { a: 'b' } } },
      contentType: 'application/merge-patch+json',
    });
    await h.call('DELETE', `${PODS}/sel-1`);
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const e = await w.next();
      seen.push(`${e.type}:${e.object.metadata.name}:${e.object.metadata.labels.app}`);
    }
    w.close();
    assert.deepEqual(seen, [
      'ADDED:sel-1:sel',
      'DELETED:sel-1:gone',
      'ADDED:sel-1:sel',
      'MODIFIED:sel-1:sel',
      'DELETED:sel-1:sel',
    ]);
  });

  it('sends synthetic ADDED events without a resourceVersion, then live ones', async () => {
    await h.call('POST', PODS, { body: POD('init-a', { app: 'init' }) });
    await h.call('POST', PODS, { body: POD('init-b', { app: 'init' }) });
    const w = await h.watch(`${PODS}?watch=true&labelSelector=app%3Dinit`);
    await h.call('POST', PODS, { body: POD('init-c', { app: 'init' }) });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const e = await w.next();
      names.push(`${e.type}:${e.object.metadata.name}`);
    }
    w.close();
    assert.deepEqual(names, ['ADDED:init-a', 'ADDED:init-b', 'ADDED:init-c']);
  });

  it('ends initial events with an initial-events-end bookmark for sendInitialEvents', async () => {
    const w = await h.watch(
      `${PODS}?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&labelSelector=app%3Dinit`,
    );
    const types: string[] = [];
    let e = await w.next();
    while (e.type !== 'BOOKMARK') {
      types.push(e.type);
      e = await w.next();
    }
    w.close();
    assert.deepEqual(types, ['ADDED', 'ADDED', 'ADDED']);
    assert.deepEqual([e.object.kind, e.object.apiVersion], ['Pod', 'v1']);
    assert.equal(e.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
  });

  it('sends BOOKMARK events on request when allowed', async () => {
    const w = await h.watch(`${PODS}?watch=1&allowWatchBookmarks=true&resourceVersion=${await rv()}`);
    h.server.sendBookmarks();
    const e = await w.next();
    w.close();
    assert.equal(e.type, 'BOOKMARK');
    assert.deepEqual(Object.keys(e.object).sort(), ['apiVersion', 'kind', 'metadata']);
    assert.equal(e.object.metadata.resourceVersion, h.server.store.resourceVersion());
  });

  it('answers an expired resourceVersion with an ERROR 410 event and ends the stream', async () => {
    const old = await rv();
    await h.call('POST', PODS, { body: POD('expire-1') });
    h.server.store.compact();
    const compacted = h.server.store.history.compactedRv;
    const w = await h.watch(`${PODS}?watch=1&resourceVersion=${old}`);
    const e = await w.next();
    assert.equal(e.type, 'ERROR');
    assert.deepEqual(
      [e.object.kind, e.object.code, e.object.reason, e.object.message],
      ['Status', 410, 'Expired', `too old resource version: ${old} (${compacted})`],
    );
    assert.equal(await w.next(), undefined);
  });

  it('ends the stream after timeoutSeconds and on closeAllWatches', async () => {
    const timed = await h.watch(`${PODS}?watch=1&timeoutSeconds=1&resourceVersion=${await rv()}`);
    assert.equal(await timed.next(), undefined);
    const open = await h.watch(`${PODS}?watch=1&resourceVersion=${await rv()}`);
    await waitFor('the watch to register', () => h.server.rest.activeWatches > 0);
    h.server.closeAllWatches();
    assert.equal(await open.next(), undefined);
    assert.equal(h.server.rest.activeWatches, 0);
  });

  it('sends metadata-only and Table watch events when asked', async () => {
    const start = await rv();
    const partial = await h.watch(`${PODS}?watch=1&resourceVersion=${start}`, {
      accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json',
    });
    const table = await h.watch(`${PODS}?watch=1&resourceVersion=${start}`, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    await h.call('POST', PODS, { body: POD('repr-1') });
    await h.call('POST', PODS, { body: POD('repr-2') });
    const p = await partial.next();
    assert.deepEqual(
      [p.object.kind, p.object.metadata.name, p.object.spec],
      ['PartialObjectMetadata', 'repr-1', undefined],
    );
    const t1 = await table.next();
    const t2 = await table.next();
    partial.close();
    table.close();
    assert.equal(t1.object.kind, 'Table');
    assert.ok(Array.isArray(t1.object.columnDefinitions));
    assert.equal(t2.object.columnDefinitions, null);
    assert.equal(t2.object.rows[0].cells[0], 'repr-2');
  });

  it('sends metadata-only watch-list bookmarks as PartialObjectMetadata (client-go metadata informers)', async () => {
    const w = await h.watch(
      `${PODS}?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`,
      {
        accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json',
      },
    );
    let e = await w.next();
    while (e && e.type === 'ADDED') e = await w.next();
    w.close();
    assert.equal(e?.type, 'BOOKMARK');
    assert.deepEqual(
      [e.object.kind, e.object.apiVersion, e.object.metadata.annotations],
      ['PartialObjectMetadata', 'meta.k8s.io/v1', { 'k8s.io/initial-events-end': 'true' }],
    );
  });

  it('disconnects a watcher that stops reading instead of buffering without bound', async () => {
    const small = await startHarness({ watchMaxBufferedBytes: 64 * 1024 });
    try {
      const start = (await small.call('GET', `${PODS}?limit=1`)).json.metadata.resourceVersion;
      const w = await small.watch(`${PODS}?watch=1&resourceVersion=${start}`);
      await waitFor('the watch to register', () => small.server.rest.activeWatches > 0);
      const big = { data: { blob: 'x'.repeat(200 * 1024) } };
      for (let i = 0; i < 40 && small.server.rest.activeWatches > 0; i++) {
        small.server.store.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `big-${i}`, namespace: 'default' },
          ...big,
        });
      }
      assert.equal(small.server.rest.activeWatches, 0);
      w.close();
    } finally {
      await small.close();
    }
  });
});

describe('@kubernetes/client-node against the simulator', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ watchHistory: 100 });
  });
  after(async () => {
    await h.close();
  });

  async function kubeConfig() {
    const k8s = await import('@kubernetes/client-node');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'sim', server: h.url, caData: b64(h.caPem) }],
      users: [{ name: 'admin', certData: b64(h.admin.certPem), keyData: b64(h.admin.keyPem) }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'admin', namespace: 'default' }],
      currentContext: 'sim',
    });
    return { k8s, kc };
  }

  it('KubernetesObjectApi creates, reads, lists and patches', async () => {
    const { k8s, kc } = await kubeConfig();
    const api = k8s.KubernetesObjectApi.makeApiClient(kc);
    const cm: KubernetesObject & { data: Record<string, string> } = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cn', namespace: 'default' },
      data: { a: '1' },
    };
    const created = await api.create(cm);
    assert.ok(created.metadata?.uid);
    const read = await api.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cn', namespace: 'default' },
    });
    assert.equal((read as { data?: Record<string, string> }).data?.a, '1');
    const list = await api.list('apps/v1', 'Deployment', 'default');
    assert.deepEqual(list.items, []);
    const patched = await api.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cn', namespace: 'default', labels: { x: 'y' } } },
      undefined,
      undefined,
      undefined,
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    assert.deepEqual(patched.metadata?.labels, { x: 'y' });
  });

  it('the informer sees changes, and relists after a 410 on re-watch', async () => {
    const { k8s, kc } = await kubeConfig();
    const core = kc.makeApiClient(k8s.CoreV1Api);
    let lists = 0;
    const informer = k8s.makeInformer(kc, PODS, () => {
      lists++;
      return core.listNamespacedPod({ namespace: 'default' });
    });
    const added: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (p) => added.push(p.metadata?.name ?? ''));
    informer.on('error', (err) => errors.push(err));
    await h.call('POST', PODS, { body: POD('inf-before') });
    await informer.start();
    await waitFor('the initial list', () => added.includes('inf-before'));
    await waitFor('the watch to register', () => h.server.rest.activeWatches > 0);
    await h.call('POST', PODS, { body: POD('inf-live') });
    await waitFor('the live add', () => added.includes('inf-live'));

    // Move the global RV past the informer's, forget history, and drop its watch: its re-watch gets 410.
    await h.call('POST', '/api/v1/namespaces/default/configmaps', { body: { metadata: { name: 'bump' } } });
    h.server.store.compact();
    h.server.closeAllWatches();
    await waitFor('a relist', () => lists >= 2);
    await waitFor('the new watch', () => h.server.rest.activeWatches > 0);
    await h.call('POST', PODS, { body: POD('inf-after') });
    await waitFor('the add after relist', () => added.includes('inf-after'));
    assert.deepEqual(errors, []);
    assert.equal(lists, 2);
    await informer.stop();
    assert.deepEqual(
      informer
        .list('default')
        .map((p) => p.metadata?.name)
        .sort(),
      ['inf-after', 'inf-before', 'inf-live'],
    );
  });
});
