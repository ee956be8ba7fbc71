import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connect, createServer, type Server } from 'node:tls';
import { createCA, issueCertificate } from '../../shared/tls/pki.ts';
import { sniCallback } from './sni-certs.ts';

describe('--tls-sni-cert-key certificates', () => {
  let server: Server;
  let port: number;

  before(async () => {
    const ca = await createCA('sni-ca');
    const issue = (cn: string, dnsNames: string[]) =>
      issueCertificate(ca, { commonName: cn, dnsNames, usage: 'server' });
    const [fallback, explicit, extracted, wildcard] = await Promise.all([
      issue('default', ['localhost']),
      issue('explicit', ['ignored.example']),
      issue('extracted', ['metrics.example.com']),
      issue('wildcard', ['*.svc.local']),
    ]);
    const sni = [
      { ...explicit, names: ['api.example.com', 'metrics.example.com'] },
      { ...extracted, names: [] },
      { ...wildcard, names: [] },
    ];
    server = createServer({ cert: fallback.certPem, key: fallback.keyPem, SNICallback: sniCallback(sni, {}) }, (s) =>
      s.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function presented(servername: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
        resolve(socket.getPeerX509Certificate()?.subject ?? '');
        socket.destroy();
      });
      socket.on('error', reject);
    });
  }

  const cases: Array<[string, string]> = [
    ['api.example.com', 'CN=explicit'],
    ['metrics.example.com', 'CN=explicit'],
    ['ignored.example', 'CN=default'],
    ['metrics-server.svc.local', 'CN=wildcard'],
    ['a.b.svc.local', 'CN=default'],
    ['unknown.example', 'CN=default'],
  ];
  for (const [name, subject] of cases) {
    it(`${name} gets ${subject}`, async () => {
      assert.equal(await presented(name), subject);
    });
  }
});
