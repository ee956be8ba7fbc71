import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backoff } from './backoff.ts';

describe('Backoff', () => {
  const cases = [
    { name: 'no jitter doubles to the cap', random: 0, want: [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000] },
    {
      name: 'full jitter stretches each delay',
      random: 1,
      want: [1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000],
    },
    { name: 'half jitter', random: 0.5, want: [1200, 2400, 4800, 9600, 19200, 38400, 45000, 45000] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = new Backoff({ clock: { now: () => 0, sleep: async () => {} }, random: () => c.random });
      assert.deepEqual(
        c.want.map(() => b.next()),
        c.want,
      );
    });
  }

  it('starts over after a quiet period and after reset()', () => {
    let now = 0;
    const b = new Backoff({ clock: { now: () => now, sleep: async () => {} }, random: () => 0, resetAfterMs: 120_000 });
    assert.deepEqual([b.next(), b.next(), b.next()], [800, 1600, 3200]);
    now = 120_000;
    assert.equal(b.next(), 800);
    assert.equal(b.next(), 1600);
    b.reset();
    assert.equal(b.next(), 800);
  });

  it('validates its bounds', () => {
    assert.throws(() => new Backoff({ initialMs: 0 }), /need 0 < initialMs <= maxMs/);
    assert.throws(() => new Backoff({ initialMs: 10, maxMs: 5 }), /need 0 < initialMs <= maxMs/);
  });
});
