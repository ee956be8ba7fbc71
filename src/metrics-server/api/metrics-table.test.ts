import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodMetricsItem } from './api-types.ts';
import { podMetricsTable } from './metrics-table.ts';

// Values of upstream's pkg/api table test: windows of 1-3 µs, usage summed over containers.
function pod(name: string, window: number, containers: [number, number][]): PodMetricsItem {
  return {
    namespace: 'other',
    name,
    labels: undefined,
    creationTimestamp: 0,
    timestamp: 1000,
    window,
    containers: containers.map(([cpu, memory], i) => ({ name: `c${i}`, usage: { cpu, memory } })),
  };
}

describe('podMetricsTable', () => {
  const cases: { name: string; items: PodMetricsItem[]; rows: string[][] }[] = [
    {
      name: 'upstream pods',
      items: [
        pod('pod1', 1000, [[10e6, 5 * 2 ** 20]]),
        pod('pod2', 2000, [
          [10e6, 5 * 2 ** 20],
          [10e6, 10 * 2 ** 20],
        ]),
        pod('pod3', 3000, [
          [10e6, 5 * 2 ** 20],
          [10e6, 20 * 2 ** 20],
        ]),
      ],
      rows: [
        ['pod1', '10m', '5Mi', '1µs'],
        ['pod2', '20m', '15Mi', '2µs'],
        ['pod3', '20m', '25Mi', '3µs'],
      ],
    },
    {
      name: 'first pod without containers gives no resource columns',
      items: [pod('empty', 0, []), pod('full', 15e9, [[1e9, 1024]])],
      rows: [
        ['empty', '0s'],
        ['full', '15s'],
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const table = podMetricsTable(c.items, 'v1', 'None', 'v1beta1');
      assert.deepEqual(
        (table.rows ?? []).map((r) => r.cells),
        c.rows,
      );
    });
  }
});
