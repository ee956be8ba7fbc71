/**
 * Rate arithmetic between two points (upstream `resourceUsage(last, prev)`), in the same float64
 * operations and truncations as Go so served values match upstream to the nanocore.
 */
import { compare, diffNs, type Instant } from './point-time.ts';
import type { MetricsPoint } from './types.ts';

/** A stored previous point; `timestampNs` is set when it was synthesized at a container start. */
export interface PrevPoint extends MetricsPoint {
  timestampNs?: number;
}

export type UsageResult =
  | { ok: true; cpu: number; memory: number; timestamp: number; window: number }
  | { ok: false; error: string };

export function instantOf(point: PrevPoint): Instant {
  return point.timestampNs !== undefined ? { ms: point.timestamp, ns: point.timestampNs } : { ms: point.timestamp };
}

/** Go's `Duration.Seconds()`: whole seconds plus the remainder, each converted separately. */
function goSeconds(ns: number): number {
  const sec = Math.trunc(ns / 1e9);
  return sec + (ns - sec * 1e9) / 1e9;
}

/** CPU nanocores, memory bytes, timestamp (ms) and window (ns) from two points of one node or container. */
export function resourceUsage(last: MetricsPoint, prev: PrevPoint, what: 'node' | 'container'): UsageResult {
  if (last.startTime < prev.startTime) return { ok: false, error: `unexpected decrease in startTime of ${what}` };
  if (last.cumulativeCpuUsed < prev.cumulativeCpuUsed) {
    return { ok: false, error: 'unexpected decrease in cumulative CPU usage value' };
  }
  // Common case: both are whole-millisecond samples, exact in doubles without BigInt.
  const window =
    prev.timestampNs === undefined
      ? (last.timestamp - prev.timestamp) * 1e6
      : diffNs(instantOf(prev), { ms: last.timestamp });
  if (!(window > 0)) return { ok: false, error: `non-positive window ${window}ns` };
  // Both counters are integer-valued doubles near each other, so the subtraction is exact (Sterbenz).
  const cpu = Math.trunc((last.cumulativeCpuUsed - prev.cumulativeCpuUsed) / goSeconds(window));
  return { ok: true, cpu, memory: last.memoryUsage, timestamp: last.timestamp, window };
}

export { compare };
