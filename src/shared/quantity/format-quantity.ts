/**
 * Canonical `resource.Quantity.String()` output for the two kinds of value metrics-server emits:
 * CPU built with `NewScaledQuantity(nanocores, -9)` (DecimalSI) and memory built with
 * `NewQuantity(bytes, BinarySI)`. Inputs are non-negative integers up to 2^53; larger or
 * fractional inputs are truncated first because upstream stores them as uint64.
 */

const DECIMAL_SUFFIX: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};

const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function toInteger(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.trunc(value);
}

/**
 * DecimalSI canonical form of `mantissa x 10^exponent`: trailing zeros move into the exponent,
 * then the exponent is lowered to a multiple of three (`100000000n` -> `100m`, `1500000n` -> `1500u`).
 */
function formatDecimal(mantissa: number, exponent: number): string {
  if (mantissa === 0) return '0';
  const negative = mantissa < 0;
  let m = Math.abs(mantissa);
  let e = exponent;
  while (m % 10 === 0 && e < 18) {
    m /= 10;
    e++;
  }
  while (((e % 3) + 3) % 3 !== 0) {
    m *= 10;
    e--;
  }
  const suffix = DECIMAL_SUFFIX[e];
  const text = suffix === undefined ? `${m}e${e}` : `${m}${suffix}`;
  return negative ? `-${text}` : text;
}

/** CPU usage in nanocores as Go prints it: `93706104n`, `100m`, `1500u`, `2500m`, `1`, `0`. */
export function formatNanoCores(nanocores: number): string {
  return formatDecimal(toInteger(nanocores), -9);
}

/**
 * Memory in bytes as Go prints a BinarySI quantity: below 1024 it falls back to DecimalSI
 * (`500`, `1000` -> `1k`); otherwise the largest exact power of 1024 (`2580432Ki`, `4Gi`), or the
 * plain integer when not a multiple of 1024 (`1536`).
 */
export function formatBytes(bytes: number): string {
  const value = toInteger(bytes);
  if (Math.abs(value) < 1024) return formatDecimal(value, 0);
  const negative = value < 0;
  let m = Math.abs(value);
  let power = 0;
  while (m % 1024 === 0 && power < BINARY_SUFFIXES.length - 1) {
    m /= 1024;
    power++;
  }
  return `${negative ? '-' : ''}${m}${BINARY_SUFFIXES[power]}`;
}
