import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetricsPoint } from '../storage/types.ts';
import { decodeResourceMetrics } from './resource-decoder.ts';

const REQUEST_TIME = 1700000000000;

// Upstream decode_test.go "Normal" payload (kind node, 2021).
const NORMAL = `# HELP container_cpu_usage_seconds_total [ALPHA] Cumulative cpu time consumed by the container in core-seconds
# TYPE container_cpu_usage_seconds_total counter
container_cpu_usage_seconds_total{container="coredns",namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 4.710169 1633253812125
# HELP container_memory_working_set_bytes [ALPHA] Current working set of the container in bytes
# TYPE container_memory_working_set_bytes gauge
container_memory_working_set_bytes{container="coredns",namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 1.253376e+07 1633253812125
# TYPE container_start_time_seconds gauge
container_start_time_seconds{container="coredns",namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 1.633252712e+9 1633253812125
# HELP node_cpu_usage_seconds_total [ALPHA] Cumulative cpu time consumed by the node in core-seconds
# TYPE node_cpu_usage_seconds_total counter
node_cpu_usage_seconds_total 357.35491 1633253809720
# HELP node_memory_working_set_bytes [ALPHA] Current working set of the node in bytes
# TYPE node_memory_working_set_bytes gauge
node_memory_working_set_bytes 1.616273408e+09 1633253809720
# HELP pod_cpu_usage_seconds_total [ALPHA] Cumulative cpu time consumed by the pod in core-seconds
# TYPE pod_cpu_usage_seconds_total counter
pod_cpu_usage_seconds_total{namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 4.67812 1633253803935
# HELP pod_memory_working_set_bytes [ALPHA] Current working set of the pod in bytes
# TYPE pod_memory_working_set_bytes gauge
pod_memory_working_set_bytes{namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 1.2627968e+07 1633253803935
# HELP scrape_error [ALPHA] 1 if there was an error while getting container metrics, 0 otherwise
# TYPE scrape_error gauge
scrape_error 0
`;

type Expected = {
  nodes: Record<string, MetricsPoint>;
  pods: Record<string, Record<string, MetricsPoint>>;
  incompletePods?: string[];
  nodeIncomplete?: boolean;
};

function decodeToPlain(payload: string) {
  const result = decodeResourceMetrics(payload, 'node1', REQUEST_TIME);
  if (!result.ok) return { error: result.error };
  const pods: Record<string, Record<string, MetricsPoint>> = {};
  for (const [key, pod] of result.batch.pods) pods[key] = Object.fromEntries(pod.containers);
  return {
    nodes: Object.fromEntries(result.batch.nodes),
    pods,
    incompletePods: result.incompletePods,
    nodeIncomplete: result.nodeIncomplete,
  };
}

const C = 'container_cpu_usage_seconds_total{container="c",namespace="ns",pod="p"}';
const M = 'container_memory_working_set_bytes{container="c",namespace="ns",pod="p"}';

describe('decodeResourceMetrics', () => {
  const cases: { name: string; payload: string; want: Expected }[] = [
    {
      name: 'upstream Normal payload',
      payload: NORMAL,
      want: {
        nodes: {
          node1: { startTime: 0, timestamp: 1633253809720, cumulativeCpuUsed: 357354910000, memoryUsage: 1616273408 },
        },
        pods: {
          'kube-system/coredns-558bd4d5db-4dpjz': {
            coredns: {
              startTime: 1633252712000000000,
              timestamp: 1633253812125,
              cumulativeCpuUsed: 4710169000,
              memoryUsage: 12533760,
            },
          },
        },
      },
    },
    {
      name: 'no trailing newline, no timestamps: request time is used',
      payload: 'node_cpu_usage_seconds_total 10\nnode_memory_working_set_bytes 1000',
      want: {
        nodes: { node1: { startTime: 0, timestamp: REQUEST_TIME, cumulativeCpuUsed: 10e9, memoryUsage: 1000 } },
        pods: {},
      },
    },
    {
      name: 'timestamp comes from the last cpu/memory line parsed (upstream)',
      payload: 'node_cpu_usage_seconds_total 1 1000\nnode_memory_working_set_bytes 2 2000\n',
      want: { nodes: { node1: { startTime: 0, timestamp: 2000, cumulativeCpuUsed: 1e9, memoryUsage: 2 } }, pods: {} },
    },
    {
      name: 'labels in any order, spaces and escapes',
      payload: `container_cpu_usage_seconds_total{ pod = "p\\"q" , namespace="ns",container="a\\\\b\\nc", } 2 5\ncontainer_memory_working_set_bytes{namespace="ns",container="a\\\\b\\nc",pod="p\\"q",extra="x"} 3 6\n`,
      want: {
        nodes: {},
        pods: { 'ns/p"q': { 'a\\b\nc': { startTime: 0, timestamp: 6, cumulativeCpuUsed: 2e9, memoryUsage: 3 } } },
      },
    },
    {
      name: 'duplicate series: later value wins',
      payload: `${C} 1 10\n${C} 2 20\n${M} 5 30\n`,
      want: {
        nodes: {},
        pods: { 'ns/p': { c: { startTime: 0, timestamp: 30, cumulativeCpuUsed: 2e9, memoryUsage: 5 } } },
      },
    },
    {
      name: 'ignored families (swap, pod, scrape errors) do not create entries',
      payload:
        'node_swap_usage_bytes 500 1\nresource_scrape_error 0\npod_cpu_usage_seconds_total{namespace="a",pod="b"} 3 1\ncontainer_swap_usage_bytes{container="c",namespace="ns",pod="p"} 1 1\n',
      want: { nodes: {}, pods: {} },
    },
    {
      name: 'only container memory -> pod dropped',
      payload: `${M} 5 1\n`,
      want: { nodes: {}, pods: {}, incompletePods: ['ns/p'] },
    },
    {
      name: 'container cpu 0 -> pod dropped',
      payload: `${C} 0 1\n${M} 5 1\n`,
      want: { nodes: {}, pods: {}, incompletePods: ['ns/p'] },
    },
    {
      name: 'only container cpu -> pod dropped',
      payload: `${C} 1 1\n`,
      want: { nodes: {}, pods: {}, incompletePods: ['ns/p'] },
    },
    {
      name: 'container memory 0 -> pod dropped',
      payload: `${C} 1 1\n${M} 0 1\n`,
      want: { nodes: {}, pods: {}, incompletePods: ['ns/p'] },
    },
    {
      name: 'start time only for one container hides the whole pod',
      payload: `${C} 1 1\n${M} 5 1\ncontainer_start_time_seconds{container="new",namespace="ns",pod="p"} 1.7e9\n`,
      want: { nodes: {}, pods: {}, incompletePods: ['ns/p'] },
    },
    {
      name: 'only node memory -> node dropped',
      payload: 'node_memory_working_set_bytes 1000 1\n',
      want: { nodes: {}, pods: {}, nodeIncomplete: true },
    },
    {
      name: 'node cpu 0 -> node dropped',
      payload: 'node_cpu_usage_seconds_total 0 1\nnode_memory_working_set_bytes 1000 1\n',
      want: { nodes: {}, pods: {}, nodeIncomplete: true },
    },
    {
      name: 'only node cpu -> node dropped',
      payload: 'node_cpu_usage_seconds_total 10 1\n',
      want: { nodes: {}, pods: {}, nodeIncomplete: true },
    },
    {
      name: 'node memory 0 -> node dropped',
      payload: 'node_cpu_usage_seconds_total 10 1\nnode_memory_working_set_bytes 0 1\n',
      want: { nodes: {}, pods: {}, nodeIncomplete: true },
    },
    {
      name: 'empty payload',
      payload: '',
      want: { nodes: {}, pods: {} },
    },
    {
      name: 'kubelet error payload',
      payload:
        '# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise\n# TYPE resource_scrape_error gauge\nresource_scrape_error 1\n',
      want: { nodes: {}, pods: {} },
    },
  ];
  for (const { name, payload, want } of cases) {
    it(name, () => {
      assert.deepEqual(decodeToPlain(payload), {
        incompletePods: [],
        nodeIncomplete: false,
        ...want,
      });
    });
  }

  const errors: { name: string; payload: string; error: string }[] = [
    {
      name: 'negative timestamp',
      payload: 'node_cpu_usage_seconds_total 10 -1633253809720\n',
      error: 'failed parsing metrics: invalid timestamp (line 1)',
    },
    {
      name: 'timestamp beyond what a Date can hold',
      payload: 'node_cpu_usage_seconds_total 10 99999999999999999999\n',
      error: 'failed parsing metrics: invalid timestamp (line 1)',
    },
    {
      name: 'container series without labels (panics upstream)',
      payload: 'node_cpu_usage_seconds_total 1 1\ncontainer_cpu_usage_seconds_total 4 1\n',
      error: 'failed parsing metrics: series lacks a non-empty container label (line 2)',
    },
    {
      name: 'container series without namespace',
      payload: 'container_cpu_usage_seconds_total{container="c",pod="p"} 4 1\n',
      error: 'failed parsing metrics: series lacks a non-empty namespace label (line 1)',
    },
    {
      name: 'NaN value',
      payload: 'node_cpu_usage_seconds_total NaN 1\n',
      error: 'failed parsing metrics: invalid value "NaN" (line 1)',
    },
    {
      name: 'negative value',
      payload: 'node_memory_working_set_bytes -5 1\n',
      error: 'failed parsing metrics: invalid value "-5" (line 1)',
    },
    {
      name: 'unterminated label value',
      payload: 'container_cpu_usage_seconds_total{container="c',
      error: 'failed parsing metrics: unterminated label set (line 1)',
    },
    {
      name: 'garbage line',
      payload: '# ok\n\n{}\n',
      error: 'failed parsing metrics: invalid metric name start "{" (line 3)',
    },
    {
      name: 'text after timestamp',
      payload: 'node_cpu_usage_seconds_total 1 2 3\n',
      error: 'failed parsing metrics: unexpected text after timestamp (line 1)',
    },
    {
      name: 'bad escape',
      payload: 'container_cpu_usage_seconds_total{container="a\\x",namespace="n",pod="p"} 1\n',
      error: 'failed parsing metrics: invalid escape "\\x" in label value (line 1)',
    },
    {
      name: 'slash in namespace',
      payload: 'container_cpu_usage_seconds_total{container="a",namespace="n/x",pod="p"} 1\n',
      error: 'failed parsing metrics: invalid namespace "n/x" (line 1)',
    },
  ];
  for (const { name, payload, error } of errors) {
    it(`error: ${name}`, () => assert.deepEqual(decodeToPlain(payload), { error }));
  }

  it('accepts a Uint8Array that is not a Buffer', () => {
    const bytes = new TextEncoder().encode('node_cpu_usage_seconds_total 10 5\nnode_memory_working_set_bytes 1000 5\n');
    const result = decodeResourceMetrics(bytes, 'n', 0);
    assert.equal(result.ok && result.batch.nodes.get('n')?.memoryUsage, 1000);
  });
});
