import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { ObjectStore } from '../apiserver/object-store.ts';
import { ServiceAccountTokens, type TokenCheck } from './service-account-tokens.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });

function setup(keyPem: string) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const store = new ObjectStore();
  const sa = store.create({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'ms', namespace: 'kube-system' },
  });
  const tokens = new ServiceAccountTokens(store, { privateKeyPem: String(keyPem), now: () => now });
  const spec = {
    namespace: 'kube-system',
    name: 'ms',
    uid: sa.metadata.uid!,
    audiences: ['https://kubernetes.default.svc.cluster.local'],
    expirationSeconds: 3600,
  };
  return { store, tokens, spec, sa, advance: (ms: number) => (now += ms) };
}

function decode(token: string): { header: unknown; claims: Record<string, unknown> } {
  const [h, c] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(c!, 'base64url').toString()),
  };
}

const errorOf = (c: TokenCheck) => (c && 'error' in c ? c.error : undefined);

describe('ServiceAccountTokens', () => {
  for (const [alg, key] of [
    ['RS256', rsa],
    ['ES256', ec],
  ] as const) {
    it(`issues and verifies ${alg} tokens with sorted claims`, () => {
      const { tokens, spec, sa } = setup(String(key));
      const { token, expiresAt } = tokens.issue(spec);
      const { header, claims } = decode(token);
      assert.equal((header as { alg: string }).alg, alg);
      assert.deepEqual(Object.keys(claims), ['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
      assert.equal(claims.sub, 'system:serviceaccount:kube-system:ms');
      assert.equal(claims.iss, 'https://kubernetes.default.svc.cluster.local');
      assert.equal(expiresAt, Date.parse('2026-01-01T01:00:00Z'));
      const checked = tokens.check(token);
      assert.ok(checked && 'user' in checked);
      assert.deepEqual(checked.user, {
        name: 'system:serviceaccount:kube-system:ms',
        uid: sa.metadata.uid,
        groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`] },
      });
      assert.deepEqual(checked.audiences, ['https://kubernetes.default.svc.cluster.local']);
    });
  }

  it('rejects expired, tampered, foreign-audience and revoked tokens', () => {
    const { store, tokens, spec, advance } = setup(String(rsa));
    const { token } = tokens.issue(spec);
    const [h, c, s] = token.split('.');
    const forged = Buffer.from(c!, 'base64url').toString().replace('"ms"', '"xx"');
    assert.equal(
      errorOf(tokens.check(`${h}.${Buffer.from(forged).toString('base64url')}.${s}`)),
      'square/go-jose: error in cryptographic primitive',
    );
    assert.equal(
      errorOf(tokens.check(token, ['metrics'])),
      'token audiences ["https://kubernetes.default.svc.cluster.local"] is invalid for the target audiences ["metrics"]',
    );
    assert.equal(tokens.check('not-a-jwt'), undefined);
    advance(3601_000);
    assert.equal(errorOf(tokens.check(token)), 'Token has expired.');
    advance(-3601_000);
    store.delete('v1', 'ServiceAccount', 'kube-system', 'ms');
    assert.equal(errorOf(tokens.check(token)), 'serviceaccounts "ms" not found');
    const again = store.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'ms', namespace: 'kube-system' },
    });
    assert.equal(
      errorOf(tokens.check(token)),
      `ServiceAccount UID (${again.metadata.uid}) does not match claim (${spec.uid})`,
    );
  });

  it('binds tokens to a pod and its node', () => {
    const { store, tokens, spec } = setup(String(rsa));
    const pod = store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'kube-system' },
      spec: { containers: [] },
    });
    const { token } = tokens.issue({
      ...spec,
      bound: { kind: 'Pod', name: 'p', uid: pod.metadata.uid! },
      node: { name: 'n1', uid: 'node-uid' },
    });
    assert.deepEqual(Object.keys(decode(token).claims['kubernetes.io'] as object), [
      'namespace',
      'node',
      'pod',
      'serviceaccount',
    ]);
    const checked = tokens.check(token);
    assert.ok(checked && 'user' in checked);
    assert.deepEqual(Object.keys(checked.user.extra!), [
      'authentication.kubernetes.io/credential-id',
      'authentication.kubernetes.io/node-name',
      'authentication.kubernetes.io/node-uid',
      'authentication.kubernetes.io/pod-name',
      'authentication.kubernetes.io/pod-uid',
    ]);
    store.delete('v1', 'Pod', 'kube-system', 'p');
    assert.equal(errorOf(tokens.check(token)), 'Token has been invalidated');
  });
});
