import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { createCA, issueCertificate } from '../../shared/tls/pki.ts';
import { hostnameError, statusText, transportMessage, verifyPeer } from './kubelet-error.ts';

describe('hostnameError (Go x509.HostnameError wording)', () => {
  const certs = new Map<string, X509Certificate>();
  before(async () => {
    const ca = await createCA('t');
    const make = async (key: string, ipAddresses: string[], dnsNames: string[]) =>
      certs.set(
        key,
        new X509Certificate(
          (await issueCertificate(ca, { commonName: 'node-1', ipAddresses, dnsNames, usage: 'server' })).certPem,
        ),
      );
    await make('dns-only', [], ['node-1']);
    await make('ips', ['10.0.0.1', 'fd00::5'], ['node-1']);
    await make('wildcard', [], ['*.nodes.example']);
    await make('nothing', [], []);
  });

  const cases = [
    {
      cert: 'dns-only',
      host: '127.0.1.1',
      want: "x509: cannot validate certificate for 127.0.1.1 because it doesn't contain any IP SANs",
    },
    { cert: 'ips', host: '10.0.0.2', want: 'x509: certificate is valid for 10.0.0.1, fd00::5, not 10.0.0.2' },
    { cert: 'ips', host: '10.0.0.1', want: undefined },
    { cert: 'ips', host: 'fd00::5', want: undefined },
    { cert: 'dns-only', host: 'node-1', want: undefined },
    { cert: 'dns-only', host: 'node-2', want: 'x509: certificate is valid for node-1, not node-2' },
    { cert: 'wildcard', host: 'a.nodes.example', want: undefined },
    {
      cert: 'wildcard',
      host: 'a.b.nodes.example',
      want: 'x509: certificate is valid for *.nodes.example, not a.b.nodes.example',
    },
    {
      cert: 'nothing',
      host: 'node-1',
      want: 'x509: certificate is not valid for any names, but wanted to match node-1',
    },
  ];
  for (const c of cases) {
    it(`${c.cert} for ${c.host}`, () => assert.equal(hostnameError(c.host, certs.get(c.cert)), c.want));
  }

  it('checks the validity period, then the name, then the chain, like Go', () => {
    const cert = certs.get('dns-only');
    const prefix = 'tls: failed to verify certificate: ';
    assert.equal(
      verifyPeer('127.0.0.1', cert, 'CERT_HAS_EXPIRED')?.message,
      `${prefix}x509: certificate has expired or is not yet valid`,
    );
    assert.equal(
      verifyPeer('127.0.0.1', cert, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')?.message,
      `${prefix}x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs`,
    );
    assert.equal(
      verifyPeer('node-1', cert, 'DEPTH_ZERO_SELF_SIGNED_CERT')?.message,
      `${prefix}x509: certificate signed by unknown authority`,
    );
    assert.equal(verifyPeer('node-1', cert, undefined), undefined);
  });
});

describe('transportMessage (Go dial errors)', () => {
  const cases = [
    { code: 'ECONNREFUSED', want: 'dial tcp 10.0.0.1:10250: connect: connection refused' },
    { code: 'EHOSTUNREACH', want: 'dial tcp 10.0.0.1:10250: connect: no route to host' },
    { code: 'UND_ERR_CONNECT_TIMEOUT', want: 'dial tcp 10.0.0.1:10250: i/o timeout' },
    { code: 'ENOTFOUND', want: 'dial tcp: lookup 10.0.0.1: no such host' },
    { code: 'UND_ERR_SOCKET', want: 'EOF' },
    { code: 'EWEIRD', want: 'boom (EWEIRD)' },
  ];
  for (const c of cases) {
    it(c.code, () => {
      const err = Object.assign(new Error('boom'), { code: c.code });
      assert.equal(transportMessage(err, '10.0.0.1:10250', '10.0.0.1'), c.want);
    });
  }

  it('statusText is Go resp.Status', () => {
    assert.equal(statusText(403), '403 Forbidden');
    assert.equal(statusText(599), '599 status code 599');
    assert.equal(statusText(500, 'Kubelet Exploded'), '500 Kubelet Exploded');
  });
});
