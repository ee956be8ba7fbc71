import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGoDuration, parseGoDuration } from './duration.ts';

describe('Go durations', () => {
  const parse: [string, number][] = [
    ['0', 0],
    ['15s', 15_000],
    ['1m0s', 60_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['-2m', -120_000],
    ['1us', 0.001],
  ];
  for (const [text, ms] of parse) it(`parses ${text}`, () => assert.equal(parseGoDuration(text), ms));
  for (const bad of ['', '5', 'abc', '1x', '1h-2m']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseGoDuration(bad), /time: /));
  }
  const format: [number, string][] = [
    [0, '0s'],
    [15_218, '15.218s'],
    [60_000, '1m0s'],
    [3_723_500, '1h2m3.5s'],
    [500, '500ms'],
    [1.5, '1.5ms'],
    [0.0015, '1.5µs'],
    [-60_000, '-1m0s'],
    [3_600_000, '1h0m0s'],
  ];
  for (const [ms, text] of format) it(`formats ${ms} as ${text}`, () => assert.equal(formatGoDuration(ms), text));
});
