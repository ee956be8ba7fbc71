/**
 * Number text exactly as Go prints it, so exposition bodies match real components byte for byte.
 * JavaScript's `Number#toString` switches to exponent notation only at 1e21 and writes `e+7`;
 * Go's shortest `%g` switches at a decimal exponent >= 6 and pads the exponent to two digits
 * (`1.45078272e+09`).
 */

/** `strconv.FormatFloat(v, 'g', -1, 64)`: shortest round-trip digits, `e` notation when exp < -4 or >= 6. */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // toExponential() without an argument gives the shortest digits that round-trip, like Go's -1 precision.
  const shortest = v.toExponential();
  const at = shortest.indexOf('e');
  const mantissa = shortest.slice(0, at);
  const exp = Number(shortest.slice(at + 1));
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  // In this range JavaScript's decimal form is already the shortest round-trip digits without exponent.
  return String(v);
}

/**
 * A sample value as the Prometheus text format (expfmt) writes it: `1`, `0`, `-1`, `NaN`, `+Inf`,
 * `-Inf` spelled out (so `-0` prints `0`), everything else through {@link formatGoFloat}.
 */
export function formatPromValue(v: number): string {
  if (v === 0) return '0';
  return formatGoFloat(v);
}
