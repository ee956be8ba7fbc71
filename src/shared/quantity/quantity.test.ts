import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatNanoCores } from './format-quantity.ts';
import { parseQuantity } from './parse-quantity.ts';

describe('parseQuantity', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['100m', 0.1],
    ['250m', 0.25],
    ['93706104n', 0.093706104],
    ['1500u', 0.0015],
    ['2', 2],
    ['1.5', 1.5],
    ['1k', 1000],
    ['1M', 1e6],
    ['1Ki', 1024],
    ['2580432Ki', 2642362368],
    ['1Gi', 1073741824],
    ['1.5Gi', 1610612736],
    ['8048652Ki', 8241819648],
    ['1e3', 1000],
    ['1E3', 1000],
    ['5e-3', 0.005],
    ['-2Ki', -2048],
    ['+3', 3],
    ['.5', 0.5],
    ['1Ei', 2 ** 60],
  ];
  for (const [text, want] of cases) {
    it(`${text} -> ${want}`, () => assert.equal(parseQuantity(text), want));
  }

  const bad: [string, string][] = [
    ['', 'quantity "" is invalid: empty'],
    ['abc', 'quantity "abc" is invalid: expected a number'],
    ['1x', 'quantity "1x" is invalid: unknown suffix "x"'],
    ['1KiB', 'quantity "1KiB" is invalid: unknown suffix "KiB"'],
    ['1e', 'quantity "1e" is invalid: unknown suffix "e"'],
    ['1e3.5', 'quantity "1e3.5" is invalid: unknown suffix "e3.5"'],
    ['-', 'quantity "-" is invalid: expected a number'],
    ['1 Gi', 'quantity "1 Gi" is invalid: unknown suffix " Gi"'],
    ['1e999', 'quantity "1e999" is invalid: out of range'],
  ];
  for (const [text, message] of bad) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.throws(() => parseQuantity(text), { message }));
  }
});

describe('formatNanoCores', () => {
  const cases: [number, string][] = [
    [93706104, '93706104n'],
    [100000000, '100m'],
    [1500000, '1500u'],
    [2500000000, '2500m'],
    [1000000000, '1'],
    [10000000000, '10'],
    [12000000000, '12'],
    [0, '0'],
    [209090909, '209090909n'],
    [1000000000000, '1k'],
    [7, '7n'],
    [100271717, '100271717n'],
    [9090909.9, '9090909n'],
  ];
  for (const [n, want] of cases) {
    it(`${n} -> ${want}`, () => assert.equal(formatNanoCores(n), want));
  }
});

describe('formatBytes', () => {
  const cases: [number, string][] = [
    [2642362368, '2580432Ki'],
    [12533760, '12240Ki'],
    [1000, '1k'],
    [500, '500'],
    [1536, '1536'],
    [2684354560, '2560Mi'],
    [4294967296, '4Gi'],
    [0, '0'],
    [1023, '1023'],
    [1024, '1Ki'],
    [1048576, '1Mi'],
    [1500000, '1500000'],
    [120, '120'],
    [2 ** 50, '1Pi'],
  ];
  for (const [n, want] of cases) {
    it(`${n} -> ${want}`, () => assert.equal(formatBytes(n), want));
  }
});
