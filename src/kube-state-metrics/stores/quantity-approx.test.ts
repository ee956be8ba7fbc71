import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantityApproximateFloat } from './quantity-approx.ts';

describe('quantityApproximateFloat (Go AsApproximateFloat64)', () => {
  const cases: [string, number | undefined][] = [
    ['1001m', 1.0010000000000001],
    ['1.001', 1.0010000000000001],
    ['0.3', 0.30000000000000004],
    ['0.05', 0.05],
    ['100m', 0.1],
    ['12e-3', 0.012],
    ['0.0001', 0.0001],
    ['0.0000000001', 1e-9],
    ['2.5e-10', 1e-9],
    ['100Ki', 102400],
    ['1.5Gi', 1610612736],
    ['7E', 7e18],
    ['123456789012345678901', 1.2345678901234568e20],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['5.', 5],
    ['', undefined],
    ['.', undefined],
    ['1.5x', undefined],
  ];
  for (const [input, want] of cases)
    it(JSON.stringify(input), () => assert.equal(quantityApproximateFloat(input), want));
  it('non-strings', () => {
    assert.equal(quantityApproximateFloat(0.5), undefined);
    assert.equal(quantityApproximateFloat(null), undefined);
  });
});
