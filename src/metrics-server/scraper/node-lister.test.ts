import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListOptions, WatchOptions } from '../../shared/kube/api-client.ts';
import type { KubeList, WatchEvent } from '../../shared/kube/object.ts';
import { createNodeInformer, NodeStore, slimNode } from './node-lister.ts';

describe('createNodeInformer', () => {
  it('lists nodes with the node selector and serves them by name', async () => {
    const asked: string[] = [];
    let closeWatch = () => {};
    const client = {
      async list(path: string, o: ListOptions): Promise<KubeList> {
        asked.push(`list ${path} ${o.labelSelector}`);
        return {
          apiVersion: 'v1',
          kind: 'NodeList',
          metadata: { resourceVersion: '7' },
          items: [
            { metadata: { name: 'n1', uid: 'u1', labels: { pool: 'a' } } },
            { metadata: { name: 'n2', uid: 'u2' } },
          ],
        };
      },
      async openWatch(path: string, o: WatchOptions): Promise<AsyncIterable<WatchEvent>> {
        asked.push(`watch ${path} ${o.labelSelector} rv=${o.resourceVersion}`);
        const ended = new Promise<void>((r) => (closeWatch = r));
        // A quiet watch that ends when the test says so: one bookmark, then nothing.
        return (async function* () {
          yield { type: 'BOOKMARK', object: { metadata: { resourceVersion: '7' } } } satisfies WatchEvent;
          await ended;
        })();
      },
    };
    const informer = createNodeInformer({ client, nodeSelector: 'pool=a' });
    informer.reflector.start();
    await informer.reflector.whenSynced();
    while (asked.length < 2) await new Promise((r) => setImmediate(r));
    const stopped = informer.reflector.stop();
    closeWatch();
    await stopped;
    assert.deepEqual(asked, ['list /api/v1/nodes pool=a', 'watch /api/v1/nodes pool=a rv=7']);
    assert.deepEqual(
      informer.list().map((n) => n.metadata.name),
      ['n1', 'n2'],
    );
    assert.equal(informer.get('n2')?.metadata.uid, 'u2');
  });
});

describe('slimNode', () => {
  it('keeps only what the scraper and the API read', () => {
    const fat = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'n1',
        uid: 'u1',
        resourceVersion: '9',
        creationTimestamp: '2025-01-01T00:00:00Z',
        labels: { pool: 'a' },
        annotations: { 'metrics.k8s.io/resource-metrics-path': '/custom', 'node.alpha/other': 'x' },
        managedFields: [{ manager: 'kubelet' }],
      },
      spec: { podCIDR: '10.0.0.0/24' },
      status: {
        addresses: [
          { type: 'InternalIP', address: '10.0.0.1' },
          { type: 'Hostname', address: 'n1' },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        conditions: [
          { type: 'MemoryPressure', status: 'False', message: 'ok' },
          { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: 'x' },
        ],
        capacity: { cpu: '4' },
        images: [{ names: ['registry/image:1'], sizeBytes: 1 }],
        nodeInfo: { kubeletVersion: 'v1.33.0' },
      },
    };
    assert.deepEqual(slimNode(fat), {
      metadata: {
        name: 'n1',
        uid: 'u1',
        resourceVersion: '9',
        creationTimestamp: '2025-01-01T00:00:00Z',
        labels: { pool: 'a' },
        annotations: { 'metrics.k8s.io/resource-metrics-path': '/custom' },
      },
      status: {
        addresses: [
          { type: 'InternalIP', address: '10.0.0.1' },
          { type: 'Hostname', address: 'n1' },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  });

  it('copes with missing or malformed status', () => {
    assert.deepEqual(slimNode({ metadata: { name: 'n' } }), { metadata: { name: 'n' } });
    assert.deepEqual(slimNode({ metadata: { name: 'n' }, status: { addresses: 'x', conditions: [null] } }), {
      metadata: { name: 'n' },
      status: { conditions: [] },
    });
  });
});

describe('NodeStore', () => {
  it('a page-by-page relist keeps slim copies, serves the old set until it commits, and starts over on restart', () => {
    const store = new NodeStore();
    store.add({ metadata: { name: 'old' } });
    const session = store.beginReplace();
    session.add({ metadata: { name: 'dropped' } });
    session.restart();
    session.add({ metadata: { name: 'n1', managedFields: [{}] }, spec: { podCIDR: 'x' } });
    assert.deepEqual(
      store.list().map((n) => n.metadata.name),
      ['old'],
    );
    session.commit('9');
    assert.deepEqual(store.list(), [{ metadata: { name: 'n1' } }]);
  });
});
