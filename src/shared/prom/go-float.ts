/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 64)`, which Prometheus exporters written in Go put on the
 * wire. JS `Number#toString` picks the same shortest round-trip digits but switches to exponent
 * notation at different thresholds and does not pad the exponent, so the digits are re-laid out.
 */

/** Shortest round-trip decimal: digits without dot, and the decimal exponent of the first digit. */
function shortestDigits(abs: number): { digits: string; exp: number } {
  if (Number.isInteger(abs) && abs < 1e21) {
    // Integers (timestamps, byte counts) print without exponent in JS: cheaper than toExponential.
    const s = String(abs);
    let end = s.length;
    while (end > 1 && s.charCodeAt(end - 1) === 48) end--;
    return { digits: s.slice(0, end), exp: s.length - 1 };
  }
  const s = abs.toExponential(); // shortest unique digits, e.g. `1.23456e+5`
  const e = s.indexOf('e');
  return { digits: s.slice(0, e).replace('.', ''), exp: Number(s.slice(e + 1)) };
}

/**
 * Go's `%g` with shortest precision: exponent form when the decimal exponent is < -4 or >= 6
 * (`1e+06`, `1.5e+09`, `1e-05`; JS waits until 1e21), the exponent signed and at least two digits.
 * `NaN`, `+Inf`, `-Inf` and `-0` as Go writes them.
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const abs = Math.abs(v);
  // Fast path: in [1e-4, 1e6) both languages print the shortest digits in plain decimal.
  if (abs >= 1e-4 && abs < 1e6) return String(v);
  const sign = v < 0 ? '-' : '';
  const { digits, exp } = shortestDigits(abs);
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expAbs = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length);
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/**
 * A sample value as the Prometheus text format (expfmt) writes it: `1`, `0`, `-1`, `NaN`, `+Inf`,
 * `-Inf` are special-cased before `%g`, so `-0` prints `0`; everything else is {@link formatGoFloat}.
 */
export function formatPromValue(v: number): string {
  if (v === 0) return '0';
  return formatGoFloat(v);
}
