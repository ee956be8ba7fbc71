import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../shared/random.ts';
import { PodStorage } from './pod-storage.ts';
import { ReferencePodStorage } from './pod-storage-reference.ts';
import type { MetricsPoint, PodMetricsPoint, StorageLogger } from './types.ts';

const T = 1754300000000;

function recorder(): { log: StorageLogger; lines: string[] } {
  const lines: string[] = [];
  const line = (level: string) => (fields: Record<string, unknown>, msg: string) =>
    lines.push(`${level} ${msg} ${JSON.stringify(fields)}`);
  return { log: { debug: line('debug'), error: line('error') }, lines };
}

/**
 * Ticks over a small population of pods whose containers appear, vanish, reorder, restart, go back
 * in time and start fresh, with 1 to 40 containers (past the linear-scan limit) per pod.
 */
function ticks(seed: number, count: number): Map<string, PodMetricsPoint>[] {
  const random = new Random(seed);
  const rnd = () => random.next();
  const int = (n: number) => Math.floor(rnd() * n);
  const pods = Array.from({ length: 12 }, (_, i) => ({
    key: `ns/pod-${i}`,
    containers: Array.from({ length: i === 11 ? 40 : 1 + int(4) }, (_, c) => `c${c}`),
    start: (T - 3_600_000) * 1e6,
    cpu: int(1e9),
  }));
  const out: Map<string, PodMetricsPoint>[] = [];
  for (let t = 0; t < count; t++) {
    const now = T + t * 15_000;
    const batch = new Map<string, PodMetricsPoint>();
    for (const pod of pods) {
      if (rnd() < 0.1) continue;
      if (rnd() < 0.1) pod.start = (now - 5_000 - int(20_000)) * 1e6 + int(1e6);
      const names = [...pod.containers];
      if (rnd() < 0.2) names.reverse();
      if (rnd() < 0.1) names.push(`extra-${int(3)}`);
      const containers = new Map<string, MetricsPoint>();
      for (const name of names) {
        if (rnd() < 0.05) continue;
        pod.cpu += int(2e9) - (rnd() < 0.03 ? 4e9 : 0);
        containers.set(name, {
          startTime: rnd() < 0.1 ? 0 : pod.start,
          timestamp: now - int(3000) - (rnd() < 0.05 ? 20_000 : 0),
          cumulativeCpuUsed: Math.max(0, pod.cpu),
          memoryUsage: int(1e9),
        });
      }
      batch.set(pod.key, { containers });
    }
    out.push(batch);
  }
  return out;
}

describe('PodStorage against the Map-per-pod reference', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`serves the same usage, counts and logs (seed ${seed})`, () => {
      const a = recorder();
      const b = recorder();
      const ours = new PodStorage(15_000, a.log);
      const ref = new ReferencePodStorage(15_000, b.log);
      for (const batch of ticks(seed, 30)) {
        ours.store(batch);
        ref.store(batch);
        assert.equal(ours.prevCount, ref.prevCount);
        assert.equal(ours.pointCount, ref.pointCount);
        for (let i = 0; i < 13; i++) assert.deepEqual(ours.get(`ns/pod-${i}`), ref.get(`ns/pod-${i}`));
      }
      assert.deepEqual(a.lines, b.lines);
    });
  }
});
