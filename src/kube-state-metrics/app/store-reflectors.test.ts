import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ListOptions, WatchOptions } from '../../shared/kube/api-client.ts';
import type { KubeList, WatchEvent } from '../../shared/kube/object.ts';
import type { ListerWatcher } from '../../shared/kube/reflector.ts';
import { writeMetricsToString } from '../metrics-store/metrics-writer.ts';
import { ksmFlags } from '../options/flags.ts';
import { resolveOptions } from '../options/validate.ts';
import { shardOf } from '../sharding/shard-hash.ts';
import { resourceByName } from '../stores/index.ts';
import { shardFromStatefulSet } from './auto-sharding.ts';
import { collectionPath, fieldSelectorFor, StoreSet } from './store-reflectors.ts';
import { goTypeName, KsmTelemetry } from './telemetry.ts';

function resolved(argv: string[]) {
  const { flags, options } = ksmFlags();
  flags.parse(argv);
  return resolveOptions(options());
}

test('collectionPath', () => {
  const cases: [string, string, string][] = [
    ['pods', '', '/api/v1/pods'],
    ['pods', 'kube-system', '/api/v1/namespaces/kube-system/pods'],
    ['deployments', 'a b', '/apis/apps/v1/namespaces/a%20b/deployments'],
    ['horizontalpodautoscalers', '', '/apis/autoscaling/v2/horizontalpodautoscalers'],
    ['nodes', '', '/api/v1/nodes'],
  ];
  for (const [name, ns, want] of cases) assert.equal(collectionPath(resourceByName(name)!, ns), want, name);
});

test('fieldSelectorFor: denylist on namespaced resources, node term on pods only', () => {
  const r = resolved(['--resources=pods', '--namespaces-denylist=a', '--node=n1']);
  const r2 = resolved(['--namespaces-denylist=a,b']);
  const cases: [typeof r, string, string][] = [
    [r, 'pods', 'metadata.namespace!=a,spec.nodeName=n1'],
    [r2, 'pods', 'metadata.namespace!=a,metadata.namespace!=b'],
    [r2, 'configmaps', 'metadata.namespace!=a,metadata.namespace!=b'],
    [r2, 'nodes', ''],
    [resolved(['--resources=pods', '--track-unscheduled-pods']), 'pods', 'spec.nodeName='],
  ];
  for (const [opts, name, want] of cases) assert.equal(fieldSelectorFor(resourceByName(name)!, opts), want, name);
});

test('goTypeName is the Go type string upstream labels list/watch counters with', () => {
  const cases: [string, string][] = [
    ['pods', '*v1.Pod'],
    ['horizontalpodautoscalers', '*v2.HorizontalPodAutoscaler'],
    ['deployments', '*v1.Deployment'],
  ];
  for (const [name, want] of cases) assert.equal(goTypeName(resourceByName(name)!), want);
});

test('shardFromStatefulSet: ordinal from the pod name, total from replicas', () => {
  const ss = (replicas?: number) => ({ metadata: { name: 'kube-state-metrics' }, spec: { replicas } });
  assert.deepEqual(shardFromStatefulSet(ss(3), 'kube-state-metrics-2'), { shard: 2, totalShards: 3 });
  assert.deepEqual(shardFromStatefulSet(ss(), 'kube-state-metrics-0'), { shard: 0, totalShards: 1 });
  assert.throws(() => shardFromStatefulSet(ss(2), 'kube-state-metrics-x'), {
    message: 'failed to detect shard index for Pod kube-state-metrics-x of StatefulSet kube-state-metrics, parsed "x"',
  });
});

/** Serves one list per path and watches that stay open until aborted. */
function fakeClient(items: Record<string, object[]>, calls: string[]): ListerWatcher {
  return {
    async list(path: string, options: ListOptions): Promise<KubeList> {
      calls.push(`LIST ${path} ${options.fieldSelector ?? ''} rv=${options.resourceVersion ?? ''}`);
      return {
        apiVersion: 'v1',
        kind: 'List',
        metadata: { resourceVersion: '10' },
        items: (items[path] ?? []) as KubeList['items'],
      };
    },
    async openWatch(_path: string, options: WatchOptions): Promise<AsyncIterable<WatchEvent>> {
      return {
        async *[Symbol.asyncIterator]() {
          await new Promise((resolve) => options.signal?.addEventListener('abort', resolve));
        },
      };
    },
  };
}

test('StoreSet: one reflector per namespace, shard filter, use-apiserver-cache', async () => {
  const pods = Array.from({ length: 20 }, (_, i) => ({
    metadata: { name: `p${i}`, namespace: i % 2 ? 'a' : 'b', uid: `uid-${i}` },
    status: { phase: 'Running' },
  }));
  const items = {
    '/api/v1/namespaces/a/pods': pods.filter((p) => p.metadata.namespace === 'a'),
    '/api/v1/namespaces/b/pods': pods.filter((p) => p.metadata.namespace === 'b'),
  };
  const calls: string[] = [];
  const opts = resolved([
    '--resources=pods',
    '--namespaces=a,b',
    '--use-apiserver-cache',
    '--metric-allowlist=^kube_pod_info$',
  ]);
  const set = new StoreSet({ resolved: opts, client: fakeClient(items, calls), shard: { shard: 1, totalShards: 2 } });
  assert.equal(set.reflectorCount, 2);
  set.start();
  await set.whenSynced();
  assert.equal(set.hasSettled(), true);
  await set.stop();
  assert.deepEqual(calls.sort(), ['LIST /api/v1/namespaces/a/pods  rv=0', 'LIST /api/v1/namespaces/b/pods  rv=0']);
  const text = await writeMetricsToString(set.writers, { openMetrics: false });
  const kept = pods.filter((p) => shardOf(p.metadata.uid, 2) === 1).map((p) => p.metadata.name);
  const seen = [...text.matchAll(/pod="(p\d+)"/g)].map((m) => m[1]);
  assert.ok(kept.length > 0 && kept.length < pods.length);
  assert.deepEqual(seen.sort(), kept.sort());
});

test('StoreSet: list errors are counted, retried and settle readiness; never fatal', async () => {
  const calls: string[] = [];
  const ok = fakeClient({ '/api/v1/pods': [{ metadata: { name: 'p', namespace: 'a', uid: 'u' } }] }, calls);
  let failures = 1;
  const client: ListerWatcher = {
    async list(path, options) {
      if (failures-- > 0) throw new Error('forbidden: pods is forbidden');
      return ok.list(path, options);
    },
    openWatch: (path, options) => ok.openWatch(path, options),
  };
  const telemetry = new KsmTelemetry({ version: 'v0.1.0', revision: 'unknown', branch: '' });
  const set = new StoreSet({
    resolved: resolved(['--resources=pods']),
    client,
    shard: { shard: 0, totalShards: 1 },
    telemetry,
  });
  set.start();
  await set.whenSynced();
  await set.stop();
  const text = await telemetry.registry.metrics();
  for (const line of [
    'kube_state_metrics_list_total{resource="*v1.Pod",result="error"} 1',
    'kube_state_metrics_list_total{resource="*v1.Pod",result="success"} 1',
  ]) {
    assert.ok(text.includes(`${line}\n`), line);
  }
  assert.equal(set.hasSettled(), true);
});

test('--object-limit: lists ask for and keep at most N objects, reported in telemetry', async () => {
  const pods = Array.from({ length: 10 }, (_, i) => ({ metadata: { name: `p${i}`, namespace: 'a', uid: `u${i}` } }));
  const seen: ListOptions[] = [];
  const base = fakeClient({ '/api/v1/pods': pods }, []);
  const client: ListerWatcher = {
    async list(path, options) {
      seen.push(options);
      const page = await base.list(path, options);
      return { ...page, metadata: { ...page.metadata, continue: 'more', remainingItemCount: 7 } };
    },
    openWatch: (path, options) => base.openWatch(path, options),
  };
  const telemetry = new KsmTelemetry({ version: 'v0.1.0', revision: 'unknown', branch: '' });
  const set = new StoreSet({
    resolved: resolved(['--resources=pods', '--object-limit=3', '--metric-allowlist=^kube_pod_info$']),
    client,
    shard: { shard: 0, totalShards: 1 },
    telemetry,
  });
  set.start();
  await set.whenSynced();
  await set.stop();
  assert.deepEqual(
    seen.map((o) => [o.limit, o.continue]),
    [[3, undefined]],
  );
  const body = await writeMetricsToString(set.writers, { openMetrics: false });
  assert.equal(body.split('\n').filter((l) => l.startsWith('kube_pod_info{')).length, 3);
  const text = await telemetry.registry.metrics();
  assert.ok(text.includes('kube_state_metrics_list_objects{resource="*v1.Pod"} 3\n'));
  assert.ok(text.includes('kube_state_metrics_list_objects_limit{resource="*v1.Pod"} 3\n'));
});

test('without --object-limit the list_objects gauges do not exist', async () => {
  const telemetry = new KsmTelemetry({ version: 'v0.1.0', revision: 'unknown', branch: '' });
  assert.ok(!(await telemetry.registry.metrics()).includes('kube_state_metrics_list_objects'));
});
