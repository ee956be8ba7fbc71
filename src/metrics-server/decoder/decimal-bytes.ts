/**
 * Exact conversion of a sample value's bytes to a double, without creating a string for the
 * shapes kubelets write. The result is always the correctly rounded value (as Go's ParseFloat and
 * JavaScript's Number give); inputs the fast paths cannot prove exact go through `Number`.
 */

/** Exact powers of ten: every 10^i for i <= 22 is representable as a double. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Relative margin wider than the rounding error of one division (2^-53). */
const MARGIN = 2 ** -50;

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(start: number, end: number): string }).latin1Slice;

/**
 * Parses `digits[.digits][(e|E)[+|-]digits]` in [start, end) (at least one mantissa digit, at
 * most 6 exponent digits); anything else, including a sign, `NaN` and `Inf`, yields NaN.
 *
 * - Up to 15 significant digits with |exponent| <= 22: one IEEE operation on exact operands.
 * - 16 to 30 significant digits with up to 15 of them before and after the point (a kubelet's
 *   17-digit start times, `1.7349571093457494e+09`): integer part q and fraction r / 10^k are each
 *   exact or correctly rounded, and the sum is accepted only when nudging the fraction by more
 *   than its rounding error does not change it, so it equals the correctly rounded q + r / 10^k.
 * - Anything else: `Number` on the text.
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  const value = scanDecimal(buf, start, end);
  return scanEnd === end ? value : Number.NaN;
}

/** Where the last {@link scanDecimal} stopped (a module variable: no result object per value). */
export let scanEnd = 0;

/**
 * Reads the longest prefix of [start, limit) that fits the grammar of {@link parseDecimal} and
 * sets {@link scanEnd} after it; returns its value, or NaN when that prefix is not a number
 * (no mantissa digit, or an exponent marker without digits). The caller decides whether the
 * byte at `scanEnd` may end the token.
 */
export function scanDecimal(buf: Uint8Array, start: number, limit: number): number {
  let pos = start;
  while (pos < limit && buf[pos] === 48) pos++;
  let sigStart = pos;
  let mantissa = digitRun(buf, pos, limit);
  pos = runEnd;
  let digits = pos - sigStart;
  let sawDigit = pos > start;
  let exponent = 0;
  let intValue = 0;
  let intDigits = 0;
  let head = 0;
  let headLength = 0;
  let tail = 0;
  let tailLength = 0;
  if (pos < limit && buf[pos] === 46) {
    const fracStart = ++pos;
    if (digits === 0) {
      while (pos < limit && buf[pos] === 48) pos++;
      sigStart = pos;
    }
    // The fraction is read as a head of up to 9 digits and the rest, so that a kubelet start time
    // (`1.767276603` `2367754` e+09) splits into q and r without reading its digits twice.
    const headStart = pos;
    head = digitRun(buf, pos, Math.min(limit, pos + 9));
    pos = runEnd;
    headLength = pos - headStart;
    if (headLength === 9) {
      const tailStart = pos;
      tail = digitRun(buf, pos, limit);
      pos = runEnd;
      tailLength = pos - tailStart;
    }
    intValue = mantissa;
    intDigits = digits;
    const n = headLength + tailLength;
    // Only used while digits <= 15, where every step is exact.
    mantissa = digits + n <= 15 ? (mantissa * POW10[headLength]! + head) * POW10[tailLength]! + tail : 0;
    digits += n;
    exponent = fracStart - pos;
    if (pos > fracStart) sawDigit = true;
  }
  let c = buf[pos];
  if (sawDigit && pos < limit && (c === 101 || c === 69)) {
    c = buf[++pos];
    let expSign = 1;
    if (c === 43 || c === 45) {
      if (c === 45) expSign = -1;
      c = buf[++pos];
    }
    let exp = 0;
    const expStart = pos;
    while (pos < limit && c! >= 48 && c! <= 57 && pos - expStart < 6) {
      exp = exp * 10 + (c! - 48);
      c = buf[++pos];
    }
    if (pos === expStart) {
      scanEnd = pos;
      return Number.NaN;
    }
    exponent += expSign * exp;
  }
  scanEnd = pos;
  if (!sawDigit) return Number.NaN;
  const end = pos;
  if (digits <= 15 && exponent >= -22 && exponent <= 22) {
    return exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
  }
  // value = M * 10^exponent with M the `digits` significant digits: split at the decimal point.
  const k = -exponent;
  if (digits <= 30 && k >= 1 && k <= 15 && digits - k <= 15) {
    if (tailLength === k && intDigits + headLength === digits - k) {
      return exactSum(intValue * POW10[headLength]! + head, tail, k, buf, start, end);
    }
    return splitSum(buf, start, sigStart, end, digits - k, k);
  }
  return Number(latin1Slice.call(buf, start, end));
}

/**
 * q + r / 10^k where q is made of the first `intDigits` significant digits from `sigStart` and r
 * of the next k (a `.` among them is skipped). [start, end) is the whole token, for the fallback.
 */
function splitSum(buf: Uint8Array, start: number, sigStart: number, end: number, intDigits: number, k: number): number {
  const q = digitsValue(buf, sigStart, intDigits);
  return exactSum(q, digitsValue(buf, runEnd, k), k, buf, start, end);
}

/** q + r / 10^k (q, r < 10^15), or `Number` on [start, end) when rounding it in two steps could differ. */
function exactSum(q: number, r: number, k: number, buf: Uint8Array, start: number, end: number): number {
  const f = r / POW10[k]!;
  const sum = q + f;
  const nudge = f * MARGIN;
  if (q + (f - nudge) === sum && q + (f + nudge) === sum) return sum;
  return Number(latin1Slice.call(buf, start, end));
}

/** Where the last {@link digitRun} or {@link digitsValue} stopped. */
export let runEnd = 0;

/**
 * Value of the run of digits at `pos` (before `limit`), exact below 2^53; sets {@link runEnd}.
 * Digits gather in int32 chunks of up to 9: a chain of float multiply-adds per digit is several
 * times slower.
 */
export function digitRun(buf: Uint8Array, pos: number, limit: number): number {
  let value = 0;
  for (;;) {
    const stop = Math.min(pos + 9, limit);
    const from = pos;
    let chunk = 0;
    while (pos < stop) {
      const d = buf[pos]! - 48;
      if (d < 0 || d > 9) break;
      chunk = chunk * 10 + d;
      pos++;
    }
    value = value * POW10[pos - from]! + chunk;
    if (pos !== stop || stop === limit) {
      runEnd = pos;
      return value;
    }
  }
}

/** Value of the next `n` (<= 15) digits at `pos`, skipping a `.`; sets {@link runEnd}. */
function digitsValue(buf: Uint8Array, pos: number, n: number): number {
  let value = 0;
  let chunk = 0;
  let chunkDigits = 0;
  while (n > 0) {
    const c = buf[pos++]!;
    if (c === 46) continue;
    chunk = chunk * 10 + (c - 48);
    n--;
    if (++chunkDigits === 9) {
      value = chunk;
      chunk = 0;
      chunkDigits = 0;
    }
  }
  runEnd = pos;
  return value * POW10[chunkDigits]! + chunk;
}
