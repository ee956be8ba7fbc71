import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { type AuthRejection, createAuthFilter, type ReviewClient } from './auth-filter.ts';

const USERS: Record<string, { username: string; groups: string[] }> = {
  good: { username: 'system:serviceaccount:monitoring:prometheus', groups: ['system:serviceaccounts'] },
  nobody: { username: 'system:serviceaccount:default:default', groups: ['system:serviceaccounts'] },
};

function fakeClient(calls: unknown[], fail?: 'tokenreview' | 'sar'): ReviewClient {
  return {
    async post<T>(path: string, body: unknown): Promise<T> {
      calls.push({ path, spec: (body as { spec: unknown }).spec });
      if (path.endsWith('/tokenreviews')) {
        if (fail === 'tokenreview') throw new Error('connection refused');
        const user = USERS[(body as { spec: { token: string } }).spec.token];
        return { status: user ? { authenticated: true, user } : { authenticated: false, error: 'invalid' } } as T;
      }
      if (fail === 'sar') throw new Error('timeout');
      const spec = (body as { spec: { user: string; nonResourceAttributes: { path: string; verb: string } } }).spec;
      const allowed = spec.user === USERS.good!.username && spec.nonResourceAttributes.path === '/metrics';
      return { status: { allowed } } as T;
    },
  };
}

const request = (authorization: string | undefined, url = '/metrics?resources=pods', method = 'GET') =>
  ({ headers: authorization ? { authorization } : {}, url, method }) as IncomingMessage;

test('auth filter: controller-runtime statuses and messages', async () => {
  const cases: [string | undefined, 'tokenreview' | 'sar' | undefined, AuthRejection | undefined][] = [
    [undefined, undefined, { status: 401, message: 'Unauthorized' }],
    ['Basic abc', undefined, { status: 401, message: 'Unauthorized' }],
    ['Bearer unknown', undefined, { status: 401, message: 'Unauthorized' }],
    [
      'Bearer nobody',
      undefined,
      { status: 403, message: 'Authorization denied for user system:serviceaccount:default:default' },
    ],
    ['Bearer good', undefined, undefined],
    ['bearer good', undefined, undefined],
    ['Bearer good', 'tokenreview', { status: 500, message: 'Authentication failed' }],
    [
      'Bearer good',
      'sar',
      { status: 500, message: 'Authorization for user system:serviceaccount:monitoring:prometheus failed' },
    ],
  ];
  for (const [header, fail, want] of cases) {
    const check = createAuthFilter(fakeClient([], fail));
    assert.deepEqual(await check(request(header)), want, `${header} ${fail ?? ''}`);
  }
});

test('auth filter: the SubjectAccessReview names the user, the path and the lower-case verb', async () => {
  const calls: unknown[] = [];
  await createAuthFilter(fakeClient(calls))(request('Bearer good', '/metrics?x=1', 'HEAD'));
  assert.deepEqual(calls, [
    { path: '/apis/authentication.k8s.io/v1/tokenreviews', spec: { token: 'good' } },
    {
      path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      spec: {
        user: 'system:serviceaccount:monitoring:prometheus',
        groups: ['system:serviceaccounts'],
        nonResourceAttributes: { path: '/metrics', verb: 'head' },
      },
    },
  ]);
});
