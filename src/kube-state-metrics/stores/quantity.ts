/**
 * Kubernetes `resource.Quantity` strings to numbers, with the rounding of Go's `Value()` and
 * `MilliValue()` (both round up, away from zero for positives). Exact: the mantissa is kept as a
 * BigInt so `1.5Gi` or `100m` never pass through binary fractions before rounding.
 * Returns `undefined` for anything that does not parse: stores then simply skip the sample.
 */

const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d{1,4}))?$/;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** A parsed quantity: value = `mantissa * 2^pow2 * 10^pow10`. */
interface ExactQuantity {
  mantissa: bigint;
  pow2: number;
  pow10: number;
}

function parseExact(s: unknown): ExactQuantity | undefined {
  if (typeof s !== 'string') return undefined;
  const m = QUANTITY_RE.exec(s.trim());
  if (!m) return undefined;
  const [, sign, num = '', suffix, exp] = m;
  const dot = num.indexOf('.');
  const digits = dot < 0 ? num : num.slice(0, dot) + num.slice(dot + 1);
  let pow10 = dot < 0 ? 0 : -(num.length - dot - 1);
  let pow2 = 0;
  if (suffix !== undefined) {
    if (suffix in BINARY_SUFFIX) pow2 = BINARY_SUFFIX[suffix] ?? 0;
    else pow10 += DECIMAL_SUFFIX[suffix] ?? 0;
  } else if (exp !== undefined) {
    pow10 += Number(exp);
  }
  let mantissa = BigInt(digits === '' ? '0' : digits);
  if (sign === '-') mantissa = -mantissa;
  return { mantissa, pow2, pow10 };
}

/** `ceil(q * 10^scale)` as a Number (may be ±Infinity for absurd inputs, never throws). */
function scaledCeil(q: ExactQuantity, scale: number): number {
  let n = q.mantissa * (1n << BigInt(q.pow2));
  const p = q.pow10 + scale;
  if (p >= 0) return Number(n * 10n ** BigInt(p));
  const d = 10n ** BigInt(-p);
  const quotient = n / d; // truncates toward zero
  n = n % d === 0n || n < 0n ? quotient : quotient + 1n;
  return Number(n);
}

/**
 * Parsed quantities by string and scale: a cluster uses few distinct ones (`100m`, `128Mi`), and
 * the exact BigInt parse is the most expensive step of rendering a pod. Cleared when full.
 */
const CACHE_SIZE = 4096;
const valueCache = new Map<string, number | null>();
const milliCache = new Map<string, number | null>();

function cachedScaled(s: unknown, scale: 0 | 3): number | undefined {
  if (typeof s !== 'string') return undefined;
  const cache = scale === 0 ? valueCache : milliCache;
  const hit = cache.get(s);
  if (hit !== undefined) return hit === null ? undefined : hit;
  const q = parseExact(s);
  const v = q && scaledCeil(q, scale);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(s, v ?? null);
  return v;
}

/** Go `Quantity.Value()`: base units rounded up to an integer (`1.5Gi` -> 1610612736, `100m` -> 1). */
export function quantityValue(s: unknown): number | undefined {
  return cachedScaled(s, 0);
}

/** Go `Quantity.MilliValue()`: thousandths rounded up to an integer (`100m` -> 100, `1` -> 1000). */
export function quantityMilliValue(s: unknown): number | undefined {
  return cachedScaled(s, 3);
}

/** Go's `float64(MilliValue())/1000` (`100m` -> 0.1): how KSM reports CPU cores. */
export function quantityCores(s: unknown): number | undefined {
  const milli = quantityMilliValue(s);
  return milli === undefined ? undefined : milli / 1000;
}

/** Go's `int64` bound on MilliValue, above which KSM's `convertValueToFloat64` falls back to `Value()`. */
const MAX_MILLI_VALUE = 2 ** 63 / 1000;

/** KSM's `convertValueToFloat64`: `MilliValue()/1000`, or `Value()` when that would overflow. */
export function quantityToFloat(s: unknown): number | undefined {
  const value = quantityValue(s);
  if (value === undefined) return undefined;
  if (value > MAX_MILLI_VALUE) return value;
  return quantityCores(s);
}
