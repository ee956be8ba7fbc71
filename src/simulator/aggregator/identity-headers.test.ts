import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalHeaderKey, encodeQuery, escapeExtraKey, forwardHeaders } from './identity-headers.ts';

describe('identity headers', () => {
  const escapes: [string, string][] = [
    ['authentication.kubernetes.io/credential-id', 'authentication.kubernetes.io%2Fcredential-id'],
    ['scopes', 'scopes'],
    ['a b=c:d%e', 'a%20b%3Dc%3Ad%25e'],
    ['ключ', '%D0%BA%D0%BB%D1%8E%D1%87'],
    ["!#$&'*+-.^_`|~", "!#$&'*+-.^_`|~"],
  ];
  for (const [key, want] of escapes)
    it(`escapes ${JSON.stringify(key)}`, () => assert.equal(escapeExtraKey(key), want));

  it('canonicalises header names like Go', () => {
    assert.equal(
      canonicalHeaderKey('X-Remote-Extra-authentication.kubernetes.io%2Fcredential-id'),
      'X-Remote-Extra-Authentication.kubernetes.io%2fcredential-Id',
    );
  });

  it('re-encodes queries like url.Values.Encode', () => {
    assert.equal(
      encodeQuery(new URLSearchParams('watch=1&labelSelector=app%3Dweb,tier!%3Dx&b=a+b&b=~')),
      'b=a+b&b=~&labelSelector=app%3Dweb%2Ctier%21%3Dx&watch=1',
    );
  });

  it('drops credentials, forged identity and hop-by-hop headers and sets the caller identity', () => {
    const out = forwardHeaders(
      {
        host: 'apiserver',
        accept: 'application/json',
        authorization: 'Bearer t',
        'impersonate-user': 'x',
        'x-remote-user': 'mallory',
        'x-remote-group': 'system:masters',
        'x-remote-extra-scopes': 'all',
        'x-remote-uid': 'u',
        connection: 'keep-alive, x-private',
        'x-private': 'secret',
        'keep-alive': 'timeout=5',
        'x-forwarded-for': '10.0.0.1',
      },
      {
        name: 'alice',
        uid: 'uid-1',
        groups: ['devs', 'system:authenticated'],
        extra: { 'example.org/team': ['a', 'b'] },
      },
      { host: '127.0.0.1:8443', clientAddress: '127.0.0.1' },
    );
    assert.deepEqual(out, {
      accept: 'application/json',
      'x-forwarded-for': '10.0.0.1, 127.0.0.1',
      host: '127.0.0.1:8443',
      'X-Remote-User': 'alice',
      'X-Remote-Uid': 'uid-1',
      'X-Remote-Group': ['devs', 'system:authenticated'],
      'X-Remote-Extra-Example.org%2fteam': ['a', 'b'],
    });
  });
});
