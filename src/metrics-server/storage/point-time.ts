/**
 * Exact time arithmetic between sample timestamps (integer ms) and container start times
 * (integer-valued ns doubles). Nanoseconds since the epoch exceed 2^53, so `ms * 1e6` is not
 * exact; upstream works in int64 ns, and windows are printed to the nanosecond (`12.809346817s`),
 * so the rare comparisons that land within a millisecond fall back to BigInt.
 */

/** A point in time: whole milliseconds, or nanoseconds when it came from a container start time. */
export interface Instant {
  /** ms since the epoch (integer). Ignored when `ns` is set. */
  ms: number;
  /** ns since the epoch (integer-valued double), for synthesized points anchored at a start time. */
  ns?: number;
}

function exactNs(t: Instant): bigint {
  return t.ns !== undefined ? BigInt(t.ns) : BigInt(t.ms) * 1_000_000n;
}

function approxNs(t: Instant): number {
  return t.ns !== undefined ? t.ns : t.ms * 1e6;
}

/** `b - a` in nanoseconds, exact for differences below 2^53 ns (104 days). */
export function diffNs(a: Instant, b: Instant): number {
  if (a.ns === undefined && b.ns === undefined) return (b.ms - a.ms) * 1e6;
  return Number(exactNs(b) - exactNs(a));
}

/** Sign of `b - a`: -1, 0 or 1. */
export function compare(a: Instant, b: Instant): number {
  if (a.ns === undefined && b.ns === undefined) return Math.sign(b.ms - a.ms);
  const approx = approxNs(b) - approxNs(a);
  // Double rounding at 1.8e18 is at most 256 ns per operand: only near-ties need BigInt.
  if (Math.abs(approx) > 4096) return Math.sign(approx);
  const exact = exactNs(b) - exactNs(a);
  return exact > 0n ? 1 : exact < 0n ? -1 : 0;
}

/** Start time (ns, 0 = unknown) strictly before a timestamp (ms). Unknown is before everything, like Go's zero time. */
export function startBefore(startNs: number, timestampMs: number): boolean {
  if (startNs === 0) return true;
  const approx = timestampMs * 1e6 - startNs;
  if (Math.abs(approx) > 4096) return approx > 0;
  return compare({ ms: 0, ns: startNs }, { ms: timestampMs }) > 0;
}
