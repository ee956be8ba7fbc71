import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterChange } from '../apiserver/cluster-state.ts';
import { ObjectStore } from '../apiserver/object-store.ts';
import { startControllers } from '../controllers/controllers.ts';
import { createChurn, startChurn } from './churn.ts';
import { generateCluster, loadCluster } from './generate-cluster.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function seededStore(): ObjectStore {
  const store = new ObjectStore({ now: () => NOW });
  loadCluster(store, generateCluster({ nodes: 4, podsPerNode: 20, seed: 5, now: NOW }));
  return store;
}

describe('churn', () => {
  it('replays the same actions under the same seed', () => {
    const run = () => {
      const store = seededStore();
      const churn = createChurn(store, { seed: 9, now: () => NOW });
      const actions = Array.from({ length: 200 }, () => churn.step());
      churn.stop();
      return actions;
    };
    const a = run();
    assert.deepEqual(a, run());
    assert.ok(new Set(a).size >= 6, `only ${[...new Set(a)].join(',')}`);
  });

  it('changes objects that watchers see, and keeps replica counts with the controllers', async () => {
    const store = seededStore();
    const controllers = startControllers(store, { seed: 1, bindDelayMs: 1, startDelayMs: 1 });
    const seen = new Map<string, number>();
    const unsubscribe = ['Pod', 'Node', 'ConfigMap'].map((kind) =>
      store.subscribe('v1', kind, (c: ClusterChange) => {
        const k = `${kind} ${c.type}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }),
    );
    const churn = createChurn(store, { seed: 3, now: () => NOW });
    for (let i = 0; i < 300; i++) {
      churn.step();
      if (i % 20 === 0) await controllers.whenIdle();
    }
    await controllers.whenIdle();
    const stats = churn.stats();
    assert.equal(stats.errors, 0);
    for (const k of ['Pod MODIFIED', 'Pod DELETED', 'Pod ADDED', 'Node MODIFIED', 'ConfigMap MODIFIED']) {
      assert.ok((seen.get(k) ?? 0) > 0, `no ${k} event`);
    }
    const restarted = store
      .list('v1', 'Pod')
      .some((p) => p.status?.containerStatuses?.[0]?.lastState?.terminated?.finishedAt === '2026-01-01T00:00:00Z');
    assert.ok(restarted);
    for (const rs of store.list('apps/v1', 'ReplicaSet')) {
      const owned = store
        .list('v1', 'Pod', rs.metadata.namespace)
        .filter(
          (p) =>
            p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid &&
            !['Succeeded', 'Failed'].includes(p.status?.phase),
        );
      assert.equal(owned.length, rs.spec.replicas, `${rs.metadata.namespace}/${rs.metadata.name}`);
    }
    for (const u of unsubscribe) u();
    churn.stop();
    controllers.stop();
  });

  it('runs on a timer and stops', async () => {
    const store = seededStore();
    const churn = startChurn(store, { eventsPerSecond: 500, seed: 1 });
    const total = () =>
      Object.entries(churn.stats())
        .filter(([k]) => k !== 'errors')
        .reduce((n, [, v]) => n + v, 0);
    while (total() < 50) await new Promise((resolve) => setTimeout(resolve, 10));
    churn.stop();
    const stopped = total();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(total(), stopped);
  });
});
