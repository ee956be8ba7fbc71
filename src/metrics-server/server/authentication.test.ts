import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { type CA, createCA, issueCertificate } from '../../shared/tls/pki.ts';
import { ANONYMOUS, DelegatingAuthenticator, type DistinctHeaders, type TokenReviewer } from './authentication.ts';

/** A socket stand-in that presents `pem` as the peer certificate. */
const socketWith = (pem?: string) => ({
  getPeerX509Certificate: () => (pem ? new X509Certificate(pem) : undefined),
});

describe('DelegatingAuthenticator', () => {
  let proxyCA: CA;
  let clientCA: CA;
  let otherCA: CA;
  let proxy: { certPem: string };
  let intruder: { certPem: string };
  let alice: { certPem: string };
  let stranger: { certPem: string };
  let reviews = 0;
  let now = Date.now();
  const reviewer: TokenReviewer = async (token) => {
    reviews++;
    if (token === 'boom') throw new Error('connection refused');
    return token === 'good'
      ? { authenticated: true, user: { name: 'bob', groups: ['devs'], extra: {} } }
      : { authenticated: false, error: 'token expired' };
  };
  let authn: DelegatingAuthenticator;

  before(async () => {
    [proxyCA, clientCA, otherCA] = await Promise.all([
      createCA('front-proxy-ca'),
      createCA('client-ca'),
      createCA('other'),
    ]);
    proxy = await issueCertificate(proxyCA, { commonName: 'front-proxy-client', usage: 'client' });
    intruder = await issueCertificate(proxyCA, { commonName: 'intruder', usage: 'client' });
    alice = await issueCertificate(clientCA, {
      commonName: 'alice',
      organizations: ['team-a', 'team-b'],
      usage: 'client',
    });
    stranger = await issueCertificate(otherCA, { commonName: 'mallory', usage: 'client' });
    authn = new DelegatingAuthenticator({
      config: {
        clientCAs: [new X509Certificate(clientCA.certPem)],
        requestHeader: {
          cas: [new X509Certificate(proxyCA.certPem)],
          allowedNames: ['front-proxy-client'],
          usernameHeaders: ['X-Remote-User'],
          groupHeaders: ['X-Remote-Group'],
          extraHeadersPrefix: ['X-Remote-Extra-'],
          uidHeaders: [],
        },
      },
      tokenReviewer: reviewer,
      cacheTtlMs: 10_000,
      now: () => now,
    });
  });

  const identity: DistinctHeaders = {
    'x-remote-user': ['carol'],
    'x-remote-group': ['system:masters', 'system:authenticated'],
    'x-remote-extra-scopes': ['a', 'b'],
    'x-remote-extra-acme.com%2fproject': ['p1'],
  };

  it('front-proxy certificate with an allowed CN: identity from the headers', async () => {
    const r = await authn.authenticate({ headers: identity, socket: socketWith(proxy.certPem) });
    assert.deepEqual(r, {
      ok: true,
      user: {
        name: 'carol',
        groups: ['system:masters', 'system:authenticated'],
        extra: { scopes: ['a', 'b'], 'acme.com/project': ['p1'] },
      },
    });
  });

  const refused: Array<[string, () => { headers: DistinctHeaders; socket: unknown }, string]> = [
    [
      'front-proxy CA but a CN outside the allowed names',
      () => ({ headers: identity, socket: socketWith(intruder.certPem) }),
      'x509: subject with cn=intruder is not in the allowed list, verifying certificate: x509: certificate signed by unknown authority',
    ],
    [
      'identity headers without any certificate',
      () => ({ headers: identity, socket: socketWith() }),
      'request header identity without a verified front-proxy client certificate',
    ],
    [
      'certificate from an unknown CA',
      () => ({ headers: {}, socket: socketWith(stranger.certPem) }),
      'x509: certificate signed by unknown authority, verifying certificate: x509: certificate signed by unknown authority',
    ],
    ['rejected token', () => ({ headers: { authorization: ['Bearer bad'] }, socket: socketWith() }), 'token expired'],
    [
      'failing TokenReview',
      () => ({ headers: { authorization: ['Bearer boom'] }, socket: socketWith() }),
      'token review failed: connection refused',
    ],
  ];
  for (const [name, request, reason] of refused) {
    it(`401: ${name}`, async () => {
      assert.deepEqual(await authn.authenticate(request()), { ok: false, reason });
    });
  }

  it('client certificate: CN is the user, O the groups', async () => {
    const r = await authn.authenticate({ headers: {}, socket: socketWith(alice.certPem) });
    assert.deepEqual(r, { ok: true, user: { name: 'alice', groups: ['team-a', 'team-b'], extra: {} } });
  });

  it('nothing presented: anonymous', async () => {
    assert.deepEqual(await authn.authenticate({ headers: {}, socket: socketWith() }), { ok: true, user: ANONYMOUS });
  });

  it('caches TokenReview answers for the TTL, but not failures to ask', async () => {
    reviews = 0;
    const req = { headers: { authorization: ['Bearer good'] }, socket: socketWith() };
    const user = { name: 'bob', groups: ['devs'], extra: {} };
    assert.deepEqual(await authn.authenticate(req), { ok: true, user });
    assert.deepEqual(await authn.authenticate(req), { ok: true, user });
    assert.equal(reviews, 1);
    now += 10_001;
    await authn.authenticate(req);
    assert.equal(reviews, 2);
    const boom = { headers: { authorization: ['Bearer boom'] }, socket: socketWith() };
    await authn.authenticate(boom);
    await authn.authenticate(boom);
    assert.equal(reviews, 4);
  });
});
