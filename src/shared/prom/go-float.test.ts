import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGoFloat, formatPromValue } from './go-float.ts';

describe('formatGoFloat', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-1, '-1'],
    [123, '123'],
    [123456, '123456'],
    [1e6, '1e+06'],
    [1024000, '1.024e+06'],
    [1234500, '1.2345e+06'],
    [1450782720, '1.45078272e+09'],
    [2580439040, '2.58043904e+09'],
    [16650240, '1.665024e+07'],
    [32923648, '3.2923648e+07'],
    [1735032457.1906428, '1.7350324571906428e+09'],
    [7.333964, '7.333964'],
    [531.060042, '531.060042'],
    [48213.552012, '48213.552012'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.000012345, '1.2345e-05'],
    [1e21, '1e+21'],
    [1.5e300, '1.5e+300'],
    [5e-324, '5e-324'],
    [-2.5e-7, '-2.5e-07'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
  ];
  for (const [value, want] of cases) {
    it(`${value} -> ${want}`, () => assert.equal(formatGoFloat(value), want));
  }
});

describe('formatPromValue', () => {
  const cases: [number, string][] = [
    [-0, '0'],
    [0, '0'],
    [1, '1'],
    [-1, '-1'],
    [1616273408, '1.616273408e+09'],
    [Number.POSITIVE_INFINITY, '+Inf'],
  ];
  for (const [value, want] of cases) {
    it(`${value} -> ${want}`, () => assert.equal(formatPromValue(value), want));
  }
});
