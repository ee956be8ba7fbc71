/**
 * Storage and API read-path figures at "5k nodes x 30 pods" scale (2 containers per pod, 100
 * namespaces): `store()` per tick, and the latency of the full PodMetrics list and of one
 * namespace's list (the HPA pattern) in JSON and protobuf. Run: `node --import tsx bench/metrics-api-bench.ts`.
 */

import type { MetricsApiDeps } from '../src/metrics-server/api/api-types.ts';
import { handleMetricsRequest } from '../src/metrics-server/api/metrics-handler.ts';
import { MetricsStorage } from '../src/metrics-server/storage/storage.ts';
import type { MetricsBatch, PodMetricsPoint } from '../src/metrics-server/storage/types.ts';
import type { KubeObject } from '../src/shared/kube/object.ts';
import { type LabelSelector, matchLabels } from '../src/shared/kube/selectors.ts';

export interface ApiBenchResult {
  nodes: number;
  pods: number;
  storeMs: number;
  [name: string]: number;
}

function batch(nodes: number, podsPerNode: number, tick: number): MetricsBatch {
  const out: MetricsBatch = { nodes: new Map(), pods: new Map() };
  const ts = 1754300000000 + tick * 15000;
  for (let n = 0; n < nodes; n++) {
    out.nodes.set(`node-${n}`, {
      startTime: 0,
      timestamp: ts,
      cumulativeCpuUsed: 1e12 + tick * 1.5e9 * ((n % 7) + 1),
      memoryUsage: 2642362368,
    });
    for (let p = 0; p < podsPerNode; p++) {
      const i = n * podsPerNode + p;
      const pod: PodMetricsPoint = { containers: new Map() };
      for (const c of ['app', 'sidecar']) {
        pod.containers.set(c, {
          startTime: 1.7542e18,
          timestamp: ts + (i % 5000),
          cumulativeCpuUsed: 1e10 + tick * 1e8 * ((i % 13) + 1),
          memoryUsage: 12533760 + (i % 1000) * 4096,
        });
      }
      out.pods.set(`ns-${i % 100}/pod-${i}`, pod);
    }
  }
  return out;
}

function time(fn: () => unknown, runs: number): number {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / runs;
}

export function benchMetricsApi(nodes = 5000, podsPerNode = 30): ApiBenchResult {
  const storage = new MetricsStorage({ resolutionMs: 15000 });
  const b1 = batch(nodes, podsPerNode, 0);
  const b2 = batch(nodes, podsPerNode, 1);
  storage.store(b1);
  const start = process.hrtime.bigint();
  storage.store(b2);
  const storeMs = Number(process.hrtime.bigint() - start) / 1e6;

  const nodeObjects: KubeObject[] = Array.from({ length: nodes }, (_, n) => ({
    metadata: { name: `node-${n}`, labels: { 'kubernetes.io/hostname': `node-${n}` } },
  }));
  const podObjects: KubeObject[] = [];
  const byNamespace = new Map<string, KubeObject[]>();
  for (let i = 0; i < nodes * podsPerNode; i++) {
    const pod = { metadata: { namespace: `ns-${i % 100}`, name: `pod-${i}`, labels: { app: `app-${i % 50}` } } };
    podObjects.push(pod);
    const list = byNamespace.get(pod.metadata.namespace) ?? [];
    list.push(pod);
    byNamespace.set(pod.metadata.namespace, list);
  }
  const deps: MetricsApiDeps = {
    storage,
    nodes: {
      list: (s: LabelSelector) =>
        s.length === 0 ? nodeObjects : nodeObjects.filter((n) => matchLabels(s, n.metadata.labels)),
      get: (name) => nodeObjects[Number(name.slice(5))],
    },
    pods: {
      list: (s, ns) => {
        const base = ns === undefined ? podObjects : (byNamespace.get(ns) ?? []);
        return s.length === 0 ? base : base.filter((p) => matchLabels(s, p.metadata.labels));
      },
      get: (ns, name) => byNamespace.get(ns)?.find((p) => p.metadata.name === name),
    },
  };
  const call =
    (path: string, accept: string, query = '') =>
    () =>
      handleMetricsRequest({ method: 'GET', path, query: new URLSearchParams(query), accept }, deps);
  const json = 'application/json';
  const proto = 'application/vnd.kubernetes.protobuf, */*';
  const bodySize = (f: () => { body: string | Buffer }) => Buffer.byteLength(f().body);
  return {
    nodes,
    pods: nodes * podsPerNode,
    storeMs,
    namespaceListJsonMs: time(call('/apis/metrics.k8s.io/v1beta1/namespaces/ns-7/pods', json), 20),
    namespaceListProtobufMs: time(call('/apis/metrics.k8s.io/v1beta1/namespaces/ns-7/pods', proto), 20),
    hpaSelectorListJsonMs: time(
      call('/apis/metrics.k8s.io/v1beta1/namespaces/ns-7/pods', json, 'labelSelector=app%3Dapp-7'),
      20,
    ),
    fullPodListJsonMs: time(call('/apis/metrics.k8s.io/v1beta1/pods', json), 2),
    fullPodListProtobufMs: time(call('/apis/metrics.k8s.io/v1beta1/pods', proto), 2),
    fullPodListJsonBytes: bodySize(call('/apis/metrics.k8s.io/v1beta1/pods', json)),
    fullPodListProtobufBytes: bodySize(call('/apis/metrics.k8s.io/v1beta1/pods', proto)),
    nodeListProtobufMs: time(call('/apis/metrics.k8s.io/v1beta1/nodes', proto), 5),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchMetricsApi();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(26)} ${Number.isInteger(v) ? v : v.toFixed(2)}`);
}
