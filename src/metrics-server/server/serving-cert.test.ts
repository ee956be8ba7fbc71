import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadServingCert } from './serving-cert.ts';

describe('serving certificate', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ms-cert-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates apiserver.crt/.key in --cert-dir once, then reuses them', async () => {
    const opts = { certDir: join(dir, 'certs'), certFile: '', keyFile: '', bindAddress: '10.1.2.3' };
    const first = await loadServingCert(opts);
    assert.equal(first.generated, true);
    assert.equal(first.certFile, join(dir, 'certs', 'apiserver.crt'));
    const [leaf, ca] = first.certPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const cert = new X509Certificate(leaf as string);
    assert.match(cert.subject, /^CN=localhost@\d+$/);
    assert.equal(cert.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:10.1.2.3');
    assert.ok(cert.checkIssued(new X509Certificate(ca as string)));
    const second = await loadServingCert(opts);
    assert.deepEqual({ ...second, generated: true }, first);
    assert.equal(second.generated, false);
  });

  it('reads --tls-cert-file/--tls-private-key-file as given, naming a missing file', async () => {
    await assert.rejects(
      loadServingCert({
        certDir: dir,
        certFile: join(dir, 'nope.crt'),
        keyFile: join(dir, 'nope.key'),
        bindAddress: '',
      }),
      { message: `failed to read serving certificate ${join(dir, 'nope.crt')}: ENOENT` },
    );
  });
});
