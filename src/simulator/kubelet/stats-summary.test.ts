import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSummary, metaTime, renderSummary } from './stats-summary.ts';
import { exampleNodeUsage } from './test-fixtures.ts';

describe('stats summary', () => {
  it('only_cpu_and_memory: identity, times, cpu, memory, swap', () => {
    const s = buildSummary(exampleNodeUsage(), { onlyCpuAndMemory: true }) as {
      node: Record<string, unknown>;
      pods: Record<string, unknown>[];
    };
    assert.deepEqual(s.pods[1], {
      podRef: {
        name: 'coredns-668d6bf9bc-4xk2p',
        namespace: 'kube-system',
        uid: '43bbf834-faf8-4f46-b016-b468c283382a',
      },
      startTime: '2024-12-23T12:18:20Z',
      containers: [
        {
          name: 'coredns',
          startTime: '2024-12-23T12:31:49Z',
          cpu: { time: '2024-12-24T09:33:55Z', usageNanoCores: 1203411, usageCoreNanoSeconds: 42118532000 },
          memory: {
            time: '2024-12-24T09:33:55Z',
            availableBytes: 161886208,
            usageBytes: 21811200,
            workingSetBytes: 16371712,
            rssBytes: 12800000,
            pageFaults: 11286,
            majorPageFaults: 0,
          },
          swap: { time: '2024-12-24T09:33:55Z', swapUsageBytes: 0 },
        },
      ],
      cpu: { time: '2024-12-24T09:33:59Z', usageNanoCores: 1203411, usageCoreNanoSeconds: 42198714000 },
      memory: {
        time: '2024-12-24T09:33:59Z',
        availableBytes: 161607680,
        usageBytes: 22089728,
        workingSetBytes: 16650240,
        rssBytes: 12800000,
        pageFaults: 11286,
        majorPageFaults: 0,
      },
      swap: { time: '2024-12-24T09:33:59Z', swapUsageBytes: 0 },
    });
    assert.deepEqual(Object.keys(s.node), ['nodeName', 'startTime', 'cpu', 'memory', 'swap']);
  });

  it('full summary keeps Go struct key order and omits availableBytes without a limit', () => {
    const s = buildSummary(exampleNodeUsage()) as { node: Record<string, unknown>; pods: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(s.node), [
      'nodeName',
      'startTime',
      'cpu',
      'memory',
      'network',
      'fs',
      'runtime',
      'rlimit',
      'swap',
    ]);
    const web = s.pods[0] as { containers: Record<string, Record<string, unknown>>[] } & Record<string, unknown>;
    assert.deepEqual(Object.keys(web), [
      'podRef',
      'startTime',
      'containers',
      'cpu',
      'memory',
      'network',
      'volume',
      'ephemeral-storage',
      'process_stats',
      'swap',
    ]);
    assert.deepEqual(Object.keys(web.containers[0]!), ['name', 'startTime', 'cpu', 'memory', 'rootfs', 'logs', 'swap']);
    assert.equal('availableBytes' in web.containers[0]!.memory!, false, 'log-shipper has no limit');
    assert.equal(web.containers[1]!.memory!.availableBytes, 134217728 - 47026176);
  });

  it('faults: zero-cpu zeroes counters, missing-memory drops memory', () => {
    const s = buildSummary(exampleNodeUsage(), { zeroCpu: true, missingMemory: true, onlyCpuAndMemory: true }) as {
      node: Record<string, unknown>;
    };
    assert.deepEqual(s.node.cpu, { time: '2024-12-24T09:33:58Z', usageNanoCores: 0, usageCoreNanoSeconds: 0 });
    assert.equal('memory' in s.node, false);
  });

  it('pretty-prints with one space per level', () => {
    const body = renderSummary(exampleNodeUsage(), { onlyCpuAndMemory: true });
    assert.ok(body.startsWith('{\n "node": {\n  "nodeName": "worker-1",\n'));
  });

  it('metaTime truncates to seconds', () => {
    assert.equal(metaTime(1735032838999.9), '2024-12-24T09:33:58Z');
  });
});
