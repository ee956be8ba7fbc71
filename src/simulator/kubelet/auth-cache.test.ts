import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withAuthCache } from './auth-cache.ts';
import type { KubeletResourceAttributes, UserInfo } from './kubelet-auth.ts';

const attrs: KubeletResourceAttributes = {
  verb: 'get',
  resource: 'nodes',
  subresource: 'metrics',
  name: 'n1',
  apiGroup: '',
};
const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

describe('withAuthCache', () => {
  it('keeps allowed answers 5 minutes and denied ones 30 seconds, like the kubelet', async () => {
    let clock = 0;
    let allow = false;
    let calls = 0;
    const auth = withAuthCache(
      {
        authorize: async () => {
          calls++;
          return { allowed: allow };
        },
      },
      { now: () => clock },
    );
    const steps: { at: number; allow: boolean; want: boolean; calls: number }[] = [
      { at: 0, allow: false, want: false, calls: 1 },
      { at: 29_000, allow: true, want: false, calls: 1 },
      { at: 30_000, allow: true, want: true, calls: 2 },
      { at: 329_000, allow: false, want: true, calls: 2 },
      { at: 330_000, allow: false, want: false, calls: 3 },
    ];
    for (const s of steps) {
      clock = s.at;
      allow = s.allow;
      assert.equal((await auth.authorize(alice, attrs)).allowed, s.want, `at ${s.at}`);
      assert.equal(calls, s.calls, `calls at ${s.at}`);
    }
  });

  it('separates users, subresources and nodes, and never caches errors', async () => {
    let calls = 0;
    let fail = true;
    const auth = withAuthCache({
      authorize: async () => {
        calls++;
        if (fail) throw new Error('SAR failed');
        return { allowed: true };
      },
    });
    await assert.rejects(auth.authorize(alice, attrs), /SAR failed/);
    fail = false;
    await auth.authorize(alice, attrs);
    await auth.authorize({ ...alice, name: 'bob' }, attrs);
    await auth.authorize(alice, { ...attrs, subresource: 'stats' });
    await auth.authorize(alice, { ...attrs, name: 'n2' });
    await auth.authorize(alice, attrs);
    assert.equal(calls, 5);
  });

  it('caches token reviews, refusals included, for two minutes', async () => {
    let clock = 0;
    let calls = 0;
    const auth = withAuthCache(
      {
        authorize: async () => ({ allowed: true }),
        reviewToken: async (t) => {
          calls++;
          return t === 'good' ? alice : undefined;
        },
      },
      { now: () => clock },
    );
    assert.deepEqual(await auth.reviewToken?.('good'), alice);
    assert.equal(await auth.reviewToken?.('bad'), undefined);
    clock = 119_000;
    await auth.reviewToken?.('good');
    await auth.reviewToken?.('bad');
    assert.equal(calls, 2);
    clock = 120_000;
    await auth.reviewToken?.('good');
    assert.equal(calls, 3);
  });
});
