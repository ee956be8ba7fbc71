/**
 * Go `resource.Quantity.AsApproximateFloat64()`: the parsed mantissa times a power of ten, in
 * float64 arithmetic, so `1001m` reads as 1.0010000000000001 exactly as upstream prints it. Only
 * `kube_horizontalpodautoscaler_spec_behavior_*_tolerance` reports quantities this way.
 */

const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
/** Digits an int64 amount keeps before Go falls back to its arbitrary-precision path. */
const MAX_INT64_DIGITS = 18;
/** Go rounds anything finer than nano units up to a nano. */
const NANO = -9;

/** Go's `math.Pow10`: a correctly rounded power of ten, or its reciprocal for negative exponents. */
function pow10(n: number): number {
  return n >= 0 ? Number(`1e${n}`) : 1 / Number(`1e${-n}`);
}

/** `undefined` when `s` is not a quantity. */
export function quantityApproximateFloat(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = QUANTITY_RE.exec(s);
  if (!m) return undefined;
  const [, sign = '', whole = '', frac = '', suffix = '', exp] = m;
  if (whole === '' && frac === '') return undefined;
  const digits = (whole + frac).replace(/^0+(?=\d)/, '') || '0';
  let unscaled: bigint;
  let scale: number;
  let fast = false;
  const binary = BINARY_SUFFIX[suffix];
  if (binary !== undefined) {
    unscaled = BigInt(digits) << BigInt(binary);
    scale = -frac.length;
    // The int64 fast path only takes whole binary amounts with room to spare.
    fast = frac === '' && 15 - whole.length - Math.trunc((binary * 3) / 10) - 1 >= 0;
  } else {
    unscaled = BigInt(digits);
    scale = (exp !== undefined ? Number(exp) : (DECIMAL_SUFFIX[suffix] ?? 0)) - frac.length;
    fast = whole.length + frac.length <= MAX_INT64_DIGITS && scale >= NANO;
  }
  if (!fast && scale < NANO && unscaled !== 0n) {
    const d = 10n ** BigInt(NANO - scale);
    unscaled = (unscaled + d - 1n) / d;
    scale = NANO;
  }
  let base = Number(unscaled);
  if (sign === '-') base = -base;
  return scale === 0 ? base : base * pow10(scale);
}
