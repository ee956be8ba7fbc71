import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoFloat, formatPromValue } from './go-float.ts';

test('formatGoFloat matches strconv.FormatFloat(v, g, -1, 64)', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-1, '-1'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
    [819200, '819200'],
    [123456, '123456'],
    [999999, '999999'],
    [1000000, '1e+06'],
    [1.5e9, '1.5e+09'],
    [1501569018, '1.501569018e+09'],
    [2.1e9, '2.1e+09'],
    [3e8, '3e+08'],
    [1e8, '1e+08'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.25, '0.25'],
    [43.21, '43.21'],
    [-43.21, '-43.21'],
    [1670488259.2037103, '1.6704882592037103e+09'],
    [123456789, '1.23456789e+08'],
    [1e-7, '1e-07'],
    [2 ** 64, '1.8446744073709552e+19'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [5e-324, '5e-324'],
    [0.1, '0.1'],
    [100.5, '100.5'],
    [12345.678, '12345.678'],
  ];
  for (const [v, want] of cases) assert.equal(formatGoFloat(v), want, `formatGoFloat(${v})`);
});

test('formatGoFloat on kubelet /metrics/resource values', () => {
  const cases: [number, string][] = [
    [1024000, '1.024e+06'],
    [1234500, '1.2345e+06'],
    [1450782720, '1.45078272e+09'],
    [2580439040, '2.58043904e+09'],
    [16650240, '1.665024e+07'],
    [1735032457.1906428, '1.7350324571906428e+09'],
    [7.333964, '7.333964'],
    [48213.552012, '48213.552012'],
    [0.000012345, '1.2345e-05'],
    [-2.5e-7, '-2.5e-07'],
    [0.1 + 0.2, '0.30000000000000004'],
  ];
  for (const [v, want] of cases) assert.equal(formatGoFloat(v), want, `formatGoFloat(${v})`);
});

test('formatPromValue spells expfmt specials', () => {
  const cases: [number, string][] = [
    [-0, '0'],
    [0, '0'],
    [1, '1'],
    [-1, '-1'],
    [1616273408, '1.616273408e+09'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NaN, 'NaN'],
  ];
  for (const [v, want] of cases) assert.equal(formatPromValue(v), want, `formatPromValue(${v})`);
});

test('formatGoFloat fast paths agree with the general layout', () => {
  const cases: [number, string][] = [
    [1767323045, '1.767323045e+09'],
    [1000000000, '1e+09'],
    [120000000, '1.2e+08'],
    [-2500000, '-2.5e+06'],
    [999999.5, '999999.5'],
    [1e6 + 0.5, '1.0000005e+06'],
    [0.00012, '0.00012'],
    [0.000099, '9.9e-05'],
    [2 ** 53 + 2, '9.007199254740994e+15'],
    [1e20, '1e+20'],
  ];
  for (const [v, want] of cases) assert.equal(formatGoFloat(v), want, `formatGoFloat(${v})`);
});
