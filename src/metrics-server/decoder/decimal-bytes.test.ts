import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDecimal } from './decimal-bytes.ts';

function parse(text: string): number {
  // Surround the token so the parser must honour [start, end).
  const buf = Buffer.from(`x ${text} 9`, 'latin1');
  return parseDecimal(buf, 2, 2 + text.length);
}

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(rand: () => number, n: number, nonZeroFirst: boolean): string {
  let out = '';
  for (let i = 0; i < n; i++)
    out += String(i === 0 && nonZeroFirst ? 1 + Math.floor(rand() * 9) : Math.floor(rand() * 10));
  return out;
}

describe('parseDecimal', () => {
  const cases: { text: string; want: number }[] = [
    { text: '0', want: 0 },
    { text: '1', want: 1 },
    { text: '1e+06', want: 1e6 },
    { text: '1E6', want: 1e6 },
    { text: '2.58043904e+09', want: 2580439040 },
    { text: '1.7349571093457494e+09', want: 1734957109.3457494 },
    { text: '1.7672766032367754e+09', want: 1767276603.2367754 },
    { text: '0.00123456789123456789e+11', want: 123456789.12345679 },
    { text: '1234567891.234567e0', want: 1234567891.234567 },
    { text: '48213.552012', want: 48213.552012 },
    { text: '1.253376e+07', want: 12533760 },
    { text: '1.633252712e+9', want: 1633252712 },
    { text: '.5', want: 0.5 },
    { text: '5.', want: 5 },
    { text: '0.000001', want: 1e-6 },
    { text: '1e-05', want: 1e-5 },
    { text: '00000000000000000001.5', want: 1.5 },
    { text: '123456789012345678901234567890', want: 1.2345678901234568e29 },
    { text: '1234567890123456789012345678901234567890.5', want: 1.2345678901234568e39 },
    { text: '0.12345678901234567890123', want: 0.12345678901234568 },
    { text: '9007199254740993', want: 9007199254740992 },
    { text: '9007199254740993.0', want: 9007199254740992 },
    // Exact midpoints between two doubles go through the careful path (ties to even).
    { text: '562949953421312.0625', want: 562949953421312 },
    { text: '562949953421312.1875', want: 562949953421312.25 },
    { text: '562949953421312.0624999', want: 562949953421312 },
    { text: '1000000000000000.0625', want: 1000000000000000 },
    { text: '1000000000000000.1875', want: 1e15 + 0.25 },
    { text: '1e308', want: 1e308 },
    { text: '1e309', want: Number.POSITIVE_INFINITY },
    { text: '1e-400', want: 0 },
    { text: '0e999999', want: 0 },
  ];
  for (const { text, want } of cases) {
    it(`${text} -> ${want}`, () => assert.equal(parse(text), want));
  }

  const rejected = [
    '',
    '-0',
    '-1',
    '+1',
    'NaN',
    'nan',
    'Inf',
    '+Inf',
    '-Inf',
    '.',
    'e5',
    '.e5',
    '1e',
    '1e+',
    '1e1234567',
    '0x10',
    '1_000',
    '1.2.3',
    '1 ',
    ' 1',
    '1e5.5',
  ];
  for (const text of rejected) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.ok(Number.isNaN(parse(text))));
  }

  it('agrees with Number on random long mantissas (the 16..30 digit split path and beyond)', () => {
    const rand = prng(0xdec);
    for (let i = 0; i < 200_000; i++) {
      const intDigits = 1 + Math.floor(rand() * 16);
      const fracDigits = Math.floor(rand() * 17);
      let text = digits(rand, intDigits, rand() < 0.9);
      if (fracDigits > 0) text += `.${digits(rand, fracDigits, false)}`;
      if (rand() < 0.5) {
        const e = Math.floor(rand() * 24) - 12;
        text += `e${e < 0 ? '-' : '+'}${Math.abs(e) < 10 ? '0' : ''}${Math.abs(e)}`;
      }
      assert.equal(parse(text), Number(text), text);
    }
  });

  it('agrees with Number on start-time shapes (q ends where the 9-digit fraction head ends)', () => {
    const rand = prng(1709);
    for (let i = 0; i < 100_000; i++) {
      const e = 9 + Math.floor(rand() * 3) - 1;
      const fraction = digits(rand, e + 1 + Math.floor(rand() * 8), false);
      const intPart = rand() < 0.1 ? '0' : String(1 + Math.floor(rand() * 9));
      const text = `${intPart}.${fraction}e+${String(e).padStart(2, '0')}`;
      assert.equal(parse(text), Number(text), text);
    }
  });

  it('agrees with Number next to rounding boundaries of q + r / 10^k', () => {
    const rand = prng(7);
    for (let i = 0; i < 50_000; i++) {
      // q near 2^m makes ulp(q) = 2^(m-52); with m >= 49 the half-ulp has at most 4 decimals.
      const m = 49 + Math.floor(rand() * 4);
      const q = 2 ** m + Math.floor(rand() * 1000);
      const halfUlpDecimals = 53 - m;
      const k = halfUlpDecimals + Math.floor(rand() * (16 - halfUlpDecimals));
      if (String(q).length > 15) continue;
      // A multiple of half an ulp, written with k decimals, nudged by a few units of the last place.
      const halfUlp = 2 ** (m - 53);
      const j = Math.floor(rand() * 2 ** (53 - m + 1));
      const exact = BigInt(Math.round(j * halfUlp * 10 ** halfUlpDecimals)) * 10n ** BigInt(k - halfUlpDecimals);
      const r = exact + BigInt(Math.floor(rand() * 5) - 2);
      if (r < 0n || r >= 10n ** BigInt(k)) continue;
      const text = `${q}.${r.toString().padStart(k, '0')}`;
      assert.equal(parse(text), Number(text), text);
    }
  });

  it('agrees with Number on kubelet-shaped values (Go %g of random doubles)', () => {
    const rand = prng(99);
    for (let i = 0; i < 100_000; i++) {
      const v = rand() * 10 ** Math.floor(rand() * 12);
      for (const text of [String(v), v.toExponential(), v.toExponential(Math.floor(rand() * 17))]) {
        if (text.includes('e')) {
          const [mant, exp] = text.split('e') as [string, string];
          const e = Number(exp);
          const goText = `${mant}e${e < 0 ? '-' : '+'}${Math.abs(e) < 10 ? '0' : ''}${Math.abs(e)}`;
          assert.equal(parse(goText), Number(goText), goText);
        } else {
          assert.equal(parse(text), Number(text), text);
        }
      }
    }
  });
});
