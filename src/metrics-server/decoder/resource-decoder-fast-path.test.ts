import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DecodeResult, decodeResourceMetrics } from './resource-decoder.ts';
import { decodeResourceMetricsReference } from './resource-decoder-reference.ts';

const REQUEST_TIME = 1700000000000;

/** Pods as `namespace/name` -> container names, in map order. */
function shape(result: DecodeResult): Record<string, string[]> | string {
  if (!result.ok) return result.error;
  const out: Record<string, string[]> = {};
  for (const [key, pod] of result.batch.pods) out[key] = [...pod.containers.keys()];
  return out;
}

function decode(body: string | Uint8Array): DecodeResult {
  return decodeResourceMetrics(body, 'n', REQUEST_TIME);
}

function plain(result: DecodeResult): unknown {
  if (!result.ok) return result;
  return {
    nodes: [...result.batch.nodes],
    pods: [...result.batch.pods].map(([key, pod]) => [key, [...pod.containers]]),
    nodeIncomplete: result.nodeIncomplete,
    incompletePods: result.incompletePods,
  };
}

/** Three container families for each `[container, namespace, pod]`, in kubelet layout. */
function body(rows: [string, string, string][], ts = '1735032835127'): string {
  const label = ([c, ns, p]: [string, string, string]) => `{container="${c}",namespace="${ns}",pod="${p}"}`;
  const out: string[] = [];
  for (const r of rows) out.push(`container_cpu_usage_seconds_total${label(r)} 1.5 ${ts}`);
  for (const r of rows) out.push(`container_memory_working_set_bytes${label(r)} 2.58043904e+09 ${ts}`);
  for (const r of rows) out.push(`container_start_time_seconds${label(r)} 1.7349571093457494e+09`);
  return `${out.join('\n')}\n`;
}

describe('decodeResourceMetrics fast path', () => {
  it('decodes kubelet-layout lines with exact units', () => {
    const result = decode(body([['app', 'default', 'web-1']]));
    assert.ok(result.ok);
    assert.deepEqual(result.batch.pods.get('default/web-1')?.containers.get('app'), {
      startTime: Math.trunc(1734957109.3457494 * 1e9),
      timestamp: 1735032835127,
      cumulativeCpuUsed: 1500000000,
      memoryUsage: 2580439040,
    });
  });

  const timestamps: { ts: string; want: number | string }[] = [
    { ts: '0', want: 0 },
    { ts: '8640000000000000', want: 8640000000000000 },
    { ts: '8640000000000001', want: 'failed parsing metrics: invalid timestamp (line 1)' },
    { ts: '99999999999999999999', want: 'failed parsing metrics: invalid timestamp (line 1)' },
    { ts: '123456789012345', want: 123456789012345 },
    { ts: '-5', want: 'failed parsing metrics: invalid timestamp (line 1)' },
  ];
  for (const { ts, want } of timestamps) {
    it(`container timestamp ${ts}`, () => {
      const result = decode(body([['c', 'ns', 'p']], ts));
      if (typeof want === 'string') assert.deepEqual(result, { ok: false, error: want });
      else assert.equal(result.ok && result.batch.pods.get('ns/p')?.containers.get('c')?.timestamp, want);
    });
  }

  it('tells apart pods whose names share length, first and last four bytes', () => {
    const rows: [string, string, string][] = [
      ['app', 'ns', 'web-aaaa-zzzz'],
      ['app', 'ns', 'web-bbbb-zzzz'],
      ['app', 'ns', 'web-cbbb-zzzz'],
      ['side', 'ns', 'web-aaaa-zzzz'],
      ['app', 'nt', 'web-aaaa-zzzz'],
      ['a', 'x', 'p'],
      ['b', 'x', 'p'],
      ['a', 'y', 'q'],
    ];
    assert.deepEqual(shape(decode(body(rows))), {
      'ns/web-aaaa-zzzz': ['app', 'side'],
      'ns/web-bbbb-zzzz': ['app'],
      'ns/web-cbbb-zzzz': ['app'],
      'nt/web-aaaa-zzzz': ['app'],
      'x/p': ['a', 'b'],
      'y/q': ['a'],
    });
  });

  it('stays correct when pods and container names are crafted to collide (tables fall back to Maps)', () => {
    const rows: [string, string, string][] = [];
    // Same length, first and last four bytes: one sampled hash for all of them.
    for (let i = 0; i < 300; i++)
      rows.push([`cccc-${String(i).padStart(4, '0')}-zzzz`, 'ns', `pppp-${String(i % 150).padStart(4, '0')}-zzzz`]);
    rows.sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1));
    const general = 'container_cpu_usage_seconds_total{pod="pppp-0007-zzzz",namespace="ns",container="extra"} 1 1\n';
    const text =
      body(rows) + general + general.replace('container_cpu_usage_seconds_total', 'container_memory_working_set_bytes');
    const result = decode(text);
    assert.ok(result.ok);
    assert.equal(result.batch.pods.size, 150);
    assert.deepEqual(
      [...result.batch.pods.get('ns/pppp-0007-zzzz')!.containers.keys()],
      ['cccc-0007-zzzz', 'cccc-0157-zzzz', 'extra'],
    );
    assert.deepEqual(plain(result), plain(decodeResourceMetricsReference(text, 'n', REQUEST_TIME)));
  });

  it('finds a pod first seen through the general parser, and the other way round', () => {
    const text = [
      'container_cpu_usage_seconds_total{pod="p",namespace="ns",container="a"} 1 1',
      'container_cpu_usage_seconds_total{container="b",namespace="ns",pod="p"} 1 1',
      'container_cpu_usage_seconds_total{container="a",namespace="ns2",pod="q"} 1 1',
      'container_memory_working_set_bytes{container="a",namespace="ns",pod="p"} 1 1',
      'container_memory_working_set_bytes{container="b",namespace="ns",pod="p"} 1 1',
      'container_memory_working_set_bytes{ container="a", namespace="ns2", pod="q" } 1 1',
      '',
    ].join('\n');
    assert.deepEqual(shape(decode(text)), { 'ns/p': ['a', 'b'], 'ns2/q': ['a'] });
    assert.deepEqual(plain(decode(text)), plain(decodeResourceMetricsReference(text, 'n', REQUEST_TIME)));
  });

  it('grows its tables past 32 pods and 16 container names', () => {
    const rows: [string, string, string][] = [];
    for (let p = 0; p < 150; p++) for (let c = 0; c < 20; c++) rows.push([`c${c}`, `ns-${p % 9}`, `pod-${p}`]);
    rows.sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1));
    const text = body(rows);
    const result = decode(text);
    assert.ok(result.ok);
    assert.equal(result.batch.pods.size, 150);
    assert.deepEqual(
      [...result.batch.pods.get('ns-3/pod-12')!.containers.keys()].sort(),
      rows
        .filter((r) => r[2] === 'pod-12')
        .map((r) => r[0])
        .sort(),
    );
    assert.deepEqual(plain(result), plain(decodeResourceMetricsReference(text, 'n', REQUEST_TIME)));
  });

  it('reads a body at an odd offset inside a larger buffer', () => {
    const text = body([
      ['app', 'default', 'web-1'],
      ['app', 'kube-system', 'dns'],
    ]);
    const backing = new Uint8Array(text.length + 7);
    backing.set(Buffer.from(text), 3);
    const view = backing.subarray(3, 3 + text.length);
    assert.deepEqual(plain(decode(view)), plain(decode(text)));
    assert.deepEqual(shape(decode(view)), { 'default/web-1': ['app'], 'kube-system/dns': ['app'] });
  });

  const declined: { name: string; line: string; want: Record<string, string[]> | string }[] = [
    {
      name: 'tab before the value',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p"}\t1 1',
      want: { 'n/p': ['c'] },
    },
    {
      name: 'two spaces before the timestamp',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p"} 1  1',
      want: { 'n/p': ['c'] },
    },
    {
      name: 'trailing space',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p"} 1 ',
      want: { 'n/p': ['c'] },
    },
    {
      name: 'escaped quote',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p\\"q"} 1 1',
      want: { 'n/p"q': ['c'] },
    },
    {
      name: 'non-ASCII pod',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="pö"} 1 1',
      want: { 'n/pö': ['c'] },
    },
    {
      name: 'empty container',
      line: 'container_cpu_usage_seconds_total{container="",namespace="n",pod="p"} 1 1',
      want: 'failed parsing metrics: series lacks a non-empty container label (line 1)',
    },
    {
      name: 'slash in namespace',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="a/b",pod="p"} 1 1',
      want: 'failed parsing metrics: invalid namespace "a/b" (line 1)',
    },
    {
      name: 'carriage return',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p"} 1 1\r',
      want: 'failed parsing metrics: unexpected text after timestamp (line 1)',
    },
    {
      name: 'brace after the value',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p"} 1 }',
      want: 'failed parsing metrics: expected value after series (line 1)',
    },
    {
      name: 'NaN',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p"} NaN 1',
      want: 'failed parsing metrics: invalid value "NaN" (line 1)',
    },
    {
      name: '-0',
      line: 'container_cpu_usage_seconds_total{container="c",namespace="n",pod="p"} -0 1',
      want: 'failed parsing metrics: invalid value "-0" (line 1)',
    },
    {
      name: 'swap family is skipped',
      line: 'container_swap_usage_bytes{container="c",namespace="n",pod="p"} 1 1',
      want: {},
    },
    {
      name: 'name without labels',
      line: 'container_cpu_usage_seconds_total 1 1',
      want: 'failed parsing metrics: series lacks a non-empty container label (line 1)',
    },
    {
      name: 'longer name is another family',
      line: 'container_cpu_usage_seconds_totalx{container="c",namespace="n",pod="p"} 1 1',
      want: {},
    },
  ];
  for (const { name, line, want } of declined) {
    it(`general path: ${name}`, () => {
      // Memory series too, so the pod is complete and kept.
      const memory =
        line.startsWith('container_cpu') && typeof want !== 'string' && Object.keys(want).length > 0
          ? `\n${line.replace('container_cpu_usage_seconds_total', 'container_memory_working_set_bytes').replace(/[\t ]+1[\t ]*(1)?\r?$/, ' 1 1')}`
          : '';
      const text = `${line}${memory}\n`;
      assert.deepEqual(shape(decode(text)), want);
      assert.deepEqual(plain(decode(text)), plain(decodeResourceMetricsReference(text, 'n', REQUEST_TIME)));
    });
  }
});
