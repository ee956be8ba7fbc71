/**
 * Parsing of Kubernetes `resource.Quantity` text (`100m`, `1Gi`, `1.5e3`, `-2Ki`) into a plain
 * number of base units. Results are IEEE doubles: exact for integers up to 2^53 and for the
 * decimal fractions Kubernetes objects carry in practice (`100m` -> 0.1).
 */

const SUFFIX_MULTIPLIER: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// Negative suffix exponents divide instead of multiplying, so `100m` is exactly 0.1 rather than 0.1000...02.
const SUFFIX_DIVISOR: Record<string, number> = { n: 1e9, u: 1e6, m: 1e3 };

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Parses a quantity into base units (cores, bytes, ...). Throws an Error naming the input when
 * the text is not a valid quantity (same grammar as Go's `resource.ParseQuantity`).
 */
export function parseQuantity(text: string): number {
  const fail = (why: string): never => {
    throw new Error(`quantity ${JSON.stringify(text)} is invalid: ${why}`);
  };
  if (typeof text !== 'string' || text.length === 0) fail('empty');
  let i = 0;
  let sign = 1;
  if (text[0] === '+' || text[0] === '-') {
    sign = text[0] === '-' ? -1 : 1;
    i = 1;
  }
  const numberStart = i;
  let digits = 0;
  while (i < text.length && isDigit(text.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (text[i] === '.') {
    i++;
    while (i < text.length && isDigit(text.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) fail('expected a number');
  const numberText = text.slice(numberStart, i);
  const suffix = text.slice(i);
  const mantissa = Number(numberText);
  let value: number;
  const multiplier = SUFFIX_MULTIPLIER[suffix];
  if (multiplier !== undefined) {
    const divisor = SUFFIX_DIVISOR[suffix];
    value = divisor !== undefined ? mantissa / divisor : mantissa * multiplier;
  } else if (suffix[0] === 'e' || suffix[0] === 'E') {
    const exponentText = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(exponentText)) fail(`unknown suffix ${JSON.stringify(suffix)}`);
    const exponent = Number(exponentText);
    // Dividing by a power of ten keeps `1e-3` at exactly 0.001.
    value = exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
  } else {
    value = fail(`unknown suffix ${JSON.stringify(suffix)}`);
  }
  if (!Number.isFinite(value)) fail('out of range');
  return value === 0 ? 0 : sign * value;
}
