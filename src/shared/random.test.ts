import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from './random.ts';

describe('Random', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const seqA = Array.from({ length: 5 }, () => a.uint32());
    const seqB = Array.from({ length: 5 }, () => b.uint32());
    assert.deepEqual(seqA, seqB);
    assert.notDeepEqual(
      seqA,
      Array.from({ length: 5 }, () => new Random(43).uint32()),
    );
  });

  const cases = [
    {
      name: 'int stays in range',
      draw: (r: Random) => r.int(3, 7),
      ok: (v: number) => v >= 3 && v <= 7 && Number.isInteger(v),
    },
    { name: 'next is in [0, 1)', draw: (r: Random) => r.next(), ok: (v: number) => v >= 0 && v < 1 },
    { name: 'float is in [min, max)', draw: (r: Random) => r.float(-2, 2), ok: (v: number) => v >= -2 && v < 2 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = new Random(7);
      for (let i = 0; i < 10_000; i++) assert.ok(tc.ok(tc.draw(r)));
    });
  }

  it('makes uuid-shaped ids and Kubernetes-style suffixes', () => {
    const r = new Random(1);
    assert.match(r.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(r.suffix(), /^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('picks by weight and rejects bad input', () => {
    const r = new Random(3);
    for (let i = 0; i < 100; i++) assert.equal(r.weighted(['a', 'b'], [0, 1]), 'b');
    assert.throws(() => r.pick([]), { message: 'cannot pick from an empty list' });
    assert.throws(() => r.int(5, 1), { message: 'random int range is empty: [5, 1]' });
    assert.throws(() => new Random(Number.NaN), { message: 'random seed must be a finite number, got NaN' });
  });
});
