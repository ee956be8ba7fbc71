import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import * as tls from 'node:tls';
import { type CA, createCA, issueCertificate, loadCA } from './pki.ts';

describe('pki', () => {
  let ca: CA;
  let other: CA;
  before(async () => {
    [ca, other] = await Promise.all([createCA('test-ca'), createCA('other-ca')]);
  });

  it('creates a self-signed CA', () => {
    const cert = new X509Certificate(ca.certPem);
    assert.equal(cert.subject, 'CN=test-ca');
    assert.equal(cert.issuer, 'CN=test-ca');
    assert.equal(cert.ca, true);
    assert.equal(cert.checkIssued(cert), true);
    assert.equal(cert.verify(cert.publicKey), true);
    assert.equal(createPrivateKey(ca.keyPem).asymmetricKeyType, 'ec');
  });

  const cases = [
    {
      name: 'server certificate with IP and DNS SANs',
      opts: {
        commonName: 'kube-apiserver',
        usage: 'server' as const,
        ipAddresses: ['127.0.0.1'],
        dnsNames: ['localhost'],
      },
      subject: 'CN=kube-apiserver',
      san: 'DNS:localhost, IP Address:127.0.0.1',
      ip: '127.0.0.1',
      eku: ['1.3.6.1.5.5.7.3.1'],
    },
    {
      name: 'client certificate with groups',
      opts: { commonName: 'kubernetes-admin', organizations: ['system:masters', 'dev'], usage: 'client' as const },
      subject: 'O=system:masters\nO=dev\nCN=kubernetes-admin',
      san: undefined,
      ip: undefined,
      eku: ['1.3.6.1.5.5.7.3.2'],
    },
    {
      name: 'dual-use certificate with many IP SANs',
      opts: {
        commonName: 'kubelets',
        usage: 'both' as const,
        ipAddresses: ['127.0.1.1', '127.0.1.2', '::1', 'fd00::a:1', '::ffff:10.0.0.1'],
      },
      subject: 'CN=kubelets',
      san: 'IP Address:127.0.1.1, IP Address:127.0.1.2, IP Address:0:0:0:0:0:0:0:1, IP Address:FD00:0:0:0:0:0:A:1, IP Address:0:0:0:0:0:FFFF:A00:1',
      ip: '127.0.1.2',
      eku: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
    },
  ];
  for (const tc of cases) {
    it(`issues a ${tc.name}`, async () => {
      const pair = await issueCertificate(ca, tc.opts);
      const cert = new X509Certificate(pair.certPem);
      const caCert = new X509Certificate(ca.certPem);
      assert.equal(cert.subject, tc.subject);
      assert.equal(cert.issuer, 'CN=test-ca');
      assert.equal(cert.ca, false);
      assert.equal(cert.checkIssued(caCert), true);
      assert.equal(cert.verify(caCert.publicKey), true);
      assert.equal(cert.verify(new X509Certificate(other.certPem).publicKey), false);
      assert.equal(cert.subjectAltName, tc.san);
      assert.deepEqual(cert.keyUsage, tc.eku);
      if (tc.ip) assert.equal(cert.checkIP(tc.ip), tc.ip);
      assert.equal(cert.checkIP('10.0.0.1'), undefined);
      assert.ok(createPublicKey(createPrivateKey(pair.keyPem)).equals(cert.publicKey));
    });
  }

  it('rejects bad input with context', async () => {
    await assert.rejects(issueCertificate(ca, { commonName: 'x', usage: 'server', ipAddresses: ['300.1.1.1'] }), {
      message: 'invalid IP address "300.1.1.1" for certificate x',
    });
    await assert.rejects(issueCertificate(ca, { commonName: '', usage: 'server' }), {
      message: 'certificate common name must not be empty',
    });
    await assert.rejects(createCA('x', -1), { message: 'validityDays must be a positive number, got -1' });
  });

  it('loads a CA from PEM and keeps issuing under the same issuer bytes', async () => {
    const loaded = await loadCA(ca.certPem, ca.keyPem);
    assert.deepEqual(Buffer.from(loaded.subjectDer), Buffer.from(ca.subjectDer));
    const pair = await issueCertificate(loaded, { commonName: 'again', usage: 'client' });
    assert.equal(new X509Certificate(pair.certPem).checkIssued(new X509Certificate(ca.certPem)), true);
  });

  it('refuses a CA whose key does not match, or a leaf as CA', async () => {
    await assert.rejects(loadCA(ca.certPem, other.keyPem), { message: 'CA key does not match certificate CN=test-ca' });
    const leaf = await issueCertificate(ca, { commonName: 'leaf', usage: 'server' });
    await assert.rejects(loadCA(leaf.certPem, leaf.keyPem), /is not a CA/);
    await assert.rejects(loadCA('garbage', ca.keyPem), /CA certificate is not valid PEM/);
  });

  describe('with node:tls', () => {
    let server: tls.Server;
    let port: number;
    let client: { certPem: string; keyPem: string };
    before(async () => {
      const serving = await issueCertificate(ca, { commonName: 'srv', usage: 'server', ipAddresses: ['127.0.0.1'] });
      client = await issueCertificate(ca, { commonName: 'alice', organizations: ['team'], usage: 'client' });
      server = tls.createServer(
        { cert: serving.certPem, key: serving.keyPem, ca: [ca.certPem], requestCert: true, rejectUnauthorized: true },
        (socket) => socket.end(String(socket.getPeerCertificate().subject?.CN)),
      );
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      port = (server.address() as AddressInfo).port;
    });
    after(() => server.close());

    it('completes a mutual TLS handshake by IP', async () => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        ca: [ca.certPem],
        cert: client.certPem,
        key: client.keyPem,
      });
      let body = '';
      socket.on('data', (d) => {
        body += d;
      });
      await once(socket, 'end');
      assert.equal(body, 'alice');
    });
  });
});
