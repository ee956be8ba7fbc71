import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGoDuration } from '../../shared/duration.ts';
import { formatBytes, formatNanoCores } from '../../shared/quantity/index.ts';
import { decodeResourceMetrics } from '../decoder/resource-decoder.ts';
import { MetricsStorage } from './storage.ts';
import type { MetricsBatch, NodeUsage, PodUsage } from './types.ts';

// Acceptance scenarios of the reference (metrics-server.md), checked at the storage layer with
// literal kubelet text in and literal Quantities/windows out. T = 2025-08-04T09:33:20Z.
const T = 1754300000000;

function rfc3339(ms: number | null): string | null {
  return ms === null ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

type NodeView = { cpu: string; memory: string; timestamp: string | null; window: string } | null;
type PodView = { containers: [string, string, string][]; timestamp: string | null; window: string } | null;

function nodeView(u: NodeUsage | undefined): NodeView {
  if (u === undefined) return null;
  return {
    cpu: formatNanoCores(u.cpu),
    memory: formatBytes(u.memory),
    timestamp: rfc3339(u.timestamp),
    window: formatGoDuration(u.window / 1e6),
  };
}

function podView(u: PodUsage | undefined): PodView {
  if (u === undefined) return null;
  return {
    containers: u.containers.map((c) => [c.name, formatNanoCores(c.cpu), formatBytes(c.memory)]),
    timestamp: rfc3339(u.timestamp),
    window: formatGoDuration(u.window / 1e6),
  };
}

/** Decodes per-node payloads the way the scraper will, merging them into one batch. */
function batchOf(payloads: Record<string, string>): MetricsBatch {
  const batch: MetricsBatch = { nodes: new Map(), pods: new Map() };
  for (const [node, text] of Object.entries(payloads)) {
    const result = decodeResourceMetrics(text, node, 0);
    assert.ok(result.ok, result.ok ? '' : result.error);
    for (const [k, v] of result.batch.nodes) batch.nodes.set(k, v);
    for (const [k, v] of result.batch.pods) if (!batch.pods.has(k)) batch.pods.set(k, v);
  }
  return batch;
}

const node = (cpu: string, mem: string, ts: number) =>
  `node_cpu_usage_seconds_total ${cpu} ${ts}\nnode_memory_working_set_bytes ${mem} ${ts}\n`;
const ctr = (c: string, ns: string, pod: string, cpu: string, mem: string, ts: number, start?: string) =>
  `container_cpu_usage_seconds_total{container="${c}",namespace="${ns}",pod="${pod}"} ${cpu} ${ts}\n` +
  `container_memory_working_set_bytes{container="${c}",namespace="${ns}",pod="${pod}"} ${mem} ${ts}\n` +
  (start === undefined
    ? ''
    : `container_start_time_seconds{container="${c}",namespace="${ns}",pod="${pod}"} ${start}\n`);

interface Tick {
  payloads: Record<string, string>;
  nodes?: Record<string, NodeView>;
  pods?: Record<string, PodView>;
  ready?: boolean;
}

const scenarios: { name: string; resolutionMs?: number; ticks: Tick[] }[] = [
  {
    name: '1. node rate',
    ticks: [
      { payloads: { 'node-a': node('12345.678901234', '2.642362368e+09', T) }, nodes: { 'node-a': null } },
      {
        payloads: { 'node-a': node('12347.084492794', '2.642362368e+09', T + 15000) },
        nodes: {
          'node-a': { cpu: '93706104n', memory: '2580432Ki', timestamp: '2025-08-04T09:33:35Z', window: '15s' },
        },
      },
    ],
  },
  {
    name: '2. long-running pod',
    ticks: [
      {
        payloads: { n: ctr('app', 'default', 'web-7d4b9c-x2k8p', '4.710169', '1.253376e+07', T + 2125, '1.75429e+09') },
        pods: { 'default/web-7d4b9c-x2k8p': null },
      },
      {
        payloads: {
          n: ctr('app', 'default', 'web-7d4b9c-x2k8p', '6.236104', '1.2587008e+07', T + 17343, '1.75429e+09'),
        },
        pods: {
          'default/web-7d4b9c-x2k8p': {
            containers: [['app', '100271717n', '12292Ki']],
            timestamp: '2025-08-04T09:33:37Z',
            window: '15.218s',
          },
        },
      },
    ],
  },
  {
    name: '3. two containers, different sample times',
    ticks: [
      {
        payloads: {
          n:
            ctr('cart', 'shop', 'cart-0', '100.25', '52428800', T + 1000, '1.7542e+09') +
            ctr('istio-proxy', 'shop', 'cart-0', '20.5', '41943040', T + 3500, '1.7542e+09'),
        },
        pods: { 'shop/cart-0': null },
      },
      {
        payloads: {
          n:
            ctr('istio-proxy', 'shop', 'cart-0', '20.65', '42991616', T + 20000, '1.7542e+09') +
            ctr('cart', 'shop', 'cart-0', '103.25', '53477376', T + 16000, '1.7542e+09'),
        },
        pods: {
          'shop/cart-0': {
            containers: [
              ['cart', '200m', '51Mi'],
              ['istio-proxy', '9090909n', '41Mi'],
            ],
            timestamp: '2025-08-04T09:33:36Z',
            window: '15s',
          },
        },
      },
    ],
  },
  {
    name: '4. fresh container served after one scrape',
    ticks: [
      {
        payloads: { n: ctr('worker', 'default', 'job-abc', '2.5', '1048576', T + 12500, '1.7543e+09') },
        pods: {
          'default/job-abc': {
            containers: [['worker', '200m', '1Mi']],
            timestamp: '2025-08-04T09:33:32Z',
            window: '12.5s',
          },
        },
      },
    ],
  },
  {
    name: '4b. fresh rule with 60s resolution, age 59.999s',
    resolutionMs: 60000,
    ticks: [
      {
        payloads: { n: ctr('worker', 'default', 'job-abc', '6', '1048576', T + 59999, '1.7543e+09') },
        pods: {
          'default/job-abc': {
            containers: [['worker', '100001666n', '1Mi']],
            timestamp: '2025-08-04T09:34:19Z',
            window: '59.999s',
          },
        },
      },
    ],
  },
  {
    name: '4c. fresh rule does not apply at age == resolution',
    ticks: [
      {
        payloads: { n: ctr('worker', 'default', 'job-abc', '2.5', '1048576', T + 15000, '1.7543e+09') },
        pods: { 'default/job-abc': null },
      },
    ],
  },
  {
    name: '4d. fresh window to the nanosecond from a kubelet start time (values checked with Go)',
    ticks: [
      {
        payloads: {
          n: ctr('nginx', 'default', 'web', '7.333964', '4.7026176e+07', 1735032469640, '1.7350324568302116e+09'),
        },
        pods: {
          'default/web': {
            containers: [['nginx', '572528113n', '45924Ki']],
            timestamp: '2024-12-24T09:27:49Z',
            window: '12.809788416s',
          },
        },
      },
    ],
  },
  {
    name: '5. too-fresh container (< 10 s)',
    ticks: [
      {
        payloads: { n: ctr('w', 'default', 'job-def', '1.9', '1048576', T + 9500, '1.7543e+09') },
        pods: { 'default/job-def': null },
      },
      {
        payloads: { n: ctr('w', 'default', 'job-def', '4.9', '2097152', T + 24500, '1.7543e+09') },
        pods: {
          'default/job-def': { containers: [['w', '200m', '2Mi']], timestamp: '2025-08-04T09:33:44Z', window: '15s' },
        },
      },
    ],
  },
  {
    name: '6. restart detected (start after last sample, age < 10 s)',
    ticks: [
      {
        payloads: { n: ctr('api', 'default', 'api-1', '500', '104857600', T, '1.7542e+09') },
        pods: { 'default/api-1': null },
      },
      {
        payloads: { n: ctr('api', 'default', 'api-1', '501.5', '104857600', T + 15000, '1.7542e+09') },
        pods: {
          'default/api-1': { containers: [['api', '100m', '100Mi']], timestamp: '2025-08-04T09:33:35Z', window: '15s' },
        },
      },
      {
        payloads: { n: ctr('api', 'default', 'api-1', '0.4', '20971520', T + 30000, '1.754300025e+09') },
        pods: { 'default/api-1': null },
      },
      {
        payloads: { n: ctr('api', 'default', 'api-1', '1.3', '22020096', T + 45000, '1.754300025e+09') },
        pods: {
          'default/api-1': { containers: [['api', '60m', '21Mi']], timestamp: '2025-08-04T09:34:05Z', window: '15s' },
        },
      },
    ],
  },
  {
    name: '7. restart with age in [10 s, resolution)',
    ticks: [
      { payloads: { n: ctr('api', 'default', 'api-2', '500', '104857600', T, '1.7542e+09') } },
      { payloads: { n: ctr('api', 'default', 'api-2', '501.5', '104857600', T + 15000, '1.7542e+09') } },
      {
        payloads: { n: ctr('api', 'default', 'api-2', '0.6', '20971520', T + 30000, '1.754300018e+09') },
        pods: {
          'default/api-2': { containers: [['api', '50m', '20Mi']], timestamp: '2025-08-04T09:33:50Z', window: '12s' },
        },
      },
    ],
  },
  {
    name: '8. counter decrease without restart',
    ticks: [
      {
        payloads: {
          'node-b':
            node('5000', '4.294967296e+09', T) + ctr('db', 'default', 'db-0', '300', '268435456', T, '1.7542e+09'),
        },
      },
      {
        payloads: {
          'node-b':
            node('4990', '4.294967296e+09', T + 15000) +
            ctr('db', 'default', 'db-0', '299', '268435456', T + 15000, '1.7542e+09'),
        },
        nodes: { 'node-b': null },
        pods: { 'default/db-0': { containers: [], timestamp: null, window: '0s' } },
      },
    ],
  },
  {
    name: '9. repeated (cached) kubelet sample',
    ticks: [
      { payloads: { 'node-c': node('100', '1.073741824e+09', T) } },
      { payloads: { 'node-c': node('100', '1.073741824e+09', T) }, nodes: { 'node-c': null } },
      {
        payloads: { 'node-c': node('100.75', '1.073741824e+09', T + 15000) },
        nodes: { 'node-c': { cpu: '50m', memory: '1Gi', timestamp: '2025-08-04T09:33:35Z', window: '15s' } },
      },
      {
        payloads: { 'node-c': node('100.75', '1.073741824e+09', T + 15000) },
        nodes: { 'node-c': { cpu: '50m', memory: '1Gi', timestamp: '2025-08-04T09:33:35Z', window: '15s' } },
      },
    ],
  },
  {
    name: '10. out-of-order sample newer than prev',
    ticks: [
      { payloads: { 'node-d': node('10', '1048576', T) } },
      { payloads: { 'node-d': node('50', '4194304', T + 20000) } },
      {
        payloads: { 'node-d': node('35', '2097152', T + 10000) },
        nodes: { 'node-d': { cpu: '2500m', memory: '2Mi', timestamp: '2025-08-04T09:33:30Z', window: '10s' } },
      },
    ],
  },
  {
    name: '10b. out-of-order sample older than prev',
    ticks: [
      { payloads: { 'node-d': node('10', '1048576', T) } },
      { payloads: { 'node-d': node('50', '4194304', T + 20000) } },
      { payloads: { 'node-d': node('35', '2097152', T - 5000) }, nodes: { 'node-d': null } },
    ],
  },
  {
    name: '11. decoder drop costs two scrapes',
    ticks: [
      { payloads: { n: ctr('redis', 'default', 'cache-0', '10', '8388608', T, '1.7542e+09') } },
      {
        payloads: { n: ctr('redis', 'default', 'cache-0', '10.3', '8388608', T + 15000, '1.7542e+09') },
        pods: {
          'default/cache-0': {
            containers: [['redis', '20m', '8Mi']],
            timestamp: '2025-08-04T09:33:35Z',
            window: '15s',
          },
        },
      },
      {
        payloads: { n: ctr('redis', 'default', 'cache-0', '10.6', '0', T + 30000, '1.7542e+09') },
        pods: { 'default/cache-0': null },
      },
      {
        payloads: { n: ctr('redis', 'default', 'cache-0', '10.9', '8388608', T + 45000, '1.7542e+09') },
        pods: { 'default/cache-0': null },
      },
      {
        payloads: { n: ctr('redis', 'default', 'cache-0', '11.2', '9437184', T + 60000, '1.7542e+09') },
        pods: {
          'default/cache-0': {
            containers: [['redis', '20m', '9Mi']],
            timestamp: '2025-08-04T09:34:20Z',
            window: '15s',
          },
        },
      },
    ],
  },
  {
    name: '11b. node missing from a batch loses its history',
    ticks: [
      { payloads: { 'node-e': node('1', '1048576', T) } },
      {
        payloads: { 'node-e': node('2', '1048576', T + 15000) },
        nodes: { 'node-e': { cpu: '66666666n', memory: '1Mi', timestamp: '2025-08-04T09:33:35Z', window: '15s' } },
      },
      { payloads: {}, nodes: { 'node-e': null } },
      { payloads: { 'node-e': node('3', '1048576', T + 45000) }, nodes: { 'node-e': null } },
    ],
  },
  {
    name: '12. missing start-time series, counter reset',
    ticks: [
      { payloads: { n: ctr('c', 'default', 'legacy-0', '80', '1048576', T) } },
      {
        payloads: { n: ctr('c', 'default', 'legacy-0', '80.3', '1048576', T + 15000) },
        pods: {
          'default/legacy-0': { containers: [['c', '20m', '1Mi']], timestamp: '2025-08-04T09:33:35Z', window: '15s' },
        },
      },
      {
        payloads: { n: ctr('c', 'default', 'legacy-0', '0.2', '1048576', T + 30000) },
        pods: { 'default/legacy-0': { containers: [], timestamp: null, window: '0s' } },
      },
      {
        payloads: { n: ctr('c', 'default', 'legacy-0', '0.5', '1048576', T + 45000) },
        pods: {
          'default/legacy-0': { containers: [['c', '20m', '1Mi']], timestamp: '2025-08-04T09:34:05Z', window: '15s' },
        },
      },
    ],
  },
  {
    name: '13. new container appears in an existing pod',
    ticks: [
      { payloads: { n: ctr('container1', 'ns1', 'pod1', '1', '4194304', T, '1.7542e+09') } },
      {
        payloads: {
          n:
            ctr('container1', 'ns1', 'pod1', '6', '6291456', T + 15000, '1.7542e+09') +
            ctr('container2', 'ns1', 'pod1', '8', '5242880', T + 15000, '1.7542e+09'),
        },
        pods: { 'ns1/pod1': null },
      },
      {
        payloads: {
          n:
            ctr('container1', 'ns1', 'pod1', '7.5', '6291456', T + 30000, '1.7542e+09') +
            ctr('container2', 'ns1', 'pod1', '8.3', '5242880', T + 30000, '1.7542e+09'),
        },
        pods: {
          'ns1/pod1': {
            containers: [
              ['container1', '100m', '6Mi'],
              ['container2', '20m', '5Mi'],
            ],
            timestamp: '2025-08-04T09:33:50Z',
            window: '15s',
          },
        },
      },
    ],
  },
  {
    name: '14. readiness needs node and pod points (v0.9.0)',
    ticks: [
      { payloads: { 'node-a': node('1', '1048576', T) }, ready: false },
      { payloads: { 'node-a': node('2', '1048576', T + 15000) }, ready: false },
      {
        payloads: {
          'node-a':
            node('3', '1048576', T + 30000) + ctr('app', 'default', 'web', '1', '1048576', T + 30000, '1.7542e+09'),
        },
        ready: false,
      },
      {
        payloads: {
          'node-a':
            node('4', '1048576', T + 45000) + ctr('app', 'default', 'web', '2', '1048576', T + 45000, '1.7542e+09'),
        },
        ready: true,
      },
      { payloads: { 'node-a': node('5', '1048576', T + 60000) }, ready: false },
    ],
  },
];

describe('MetricsStorage acceptance scenarios', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const storage = new MetricsStorage({ resolutionMs: scenario.resolutionMs ?? 15000 });
      assert.equal(storage.ready(), false);
      scenario.ticks.forEach((tick, i) => {
        storage.store(batchOf(tick.payloads));
        if (tick.nodes) {
          const names = Object.keys(tick.nodes);
          const got = Object.fromEntries(storage.getNodeMetrics(names).map((u, j) => [names[j], nodeView(u)]));
          assert.deepEqual(got, tick.nodes, `tick ${i + 1} nodes`);
        }
        if (tick.pods) {
          const keys = Object.keys(tick.pods);
          const refs = keys.map((k) => {
            const [namespace, name] = k.split('/') as [string, string];
            return { namespace, name };
          });
          const got = Object.fromEntries(storage.getPodMetrics(refs).map((u, j) => [keys[j], podView(u)]));
          assert.deepEqual(got, tick.pods, `tick ${i + 1} pods`);
        }
        if (tick.ready !== undefined) assert.equal(storage.ready(), tick.ready, `tick ${i + 1} ready`);
      });
    });
  }

  it('logs skipped usage with the object and reason', () => {
    const lines: string[] = [];
    const logger = {
      debug() {},
      error: (f: Record<string, unknown>, m: string) => lines.push(`${m} ${JSON.stringify(f)}`),
    };
    const storage = new MetricsStorage({ resolutionMs: 15000, logger });
    storage.store(batchOf({ 'node-b': node('5000', '1048576', T) }));
    storage.store(batchOf({ 'node-b': node('4990', '1048576', T + 15000) }));
    storage.getNodeMetrics(['node-b']);
    assert.deepEqual(lines, [
      'Skipping node usage metric {"node":"node-b","err":"unexpected decrease in cumulative CPU usage value"}',
    ]);
  });

  it('counts stored points', () => {
    const storage = new MetricsStorage({ resolutionMs: 15000 });
    storage.store(batchOf({ n: node('1', '1', T) + ctr('a', 'x', 'p', '1', '1', T, '1.7542e+09') }));
    storage.store(batchOf({ n: node('2', '1', T + 1) + ctr('a', 'x', 'p', '2', '1', T + 1, '1.7542e+09') }));
    assert.deepEqual(storage.pointCounts(), { node: 2, container: 2 });
  });

  it('rejects a non-positive resolution', () => {
    assert.throws(() => new MetricsStorage({ resolutionMs: 0 }), {
      message: 'metrics storage: resolutionMs must be positive, got 0',
    });
  });
});
