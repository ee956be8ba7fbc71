import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { prepareStateDir, type SimulatorPki, writeKubeconfig } from './state-dir.ts';

const ALL_FILES = [
  'ca.crt',
  'ca.key',
  'front-proxy-ca.crt',
  'front-proxy-ca.key',
  'kubelet-ca.crt',
  'kubelet-ca.key',
  'apiserver.crt',
  'apiserver.key',
  'admin.crt',
  'admin.key',
  'front-proxy-client.crt',
  'front-proxy-client.key',
  'sa.key',
  'sa.pub',
].sort();

describe('state dir', () => {
  let root: string;
  let pki: SimulatorPki;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'km-state-'));
    pki = await prepareStateDir(join(root, 'sim'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('writes every file with absolute paths', () => {
    assert.deepEqual([...pki.written].sort(), ALL_FILES);
    assert.ok(isAbsolute(pki.dir));
    for (const p of Object.values(pki.paths)) assert.ok(isAbsolute(p), p);
  });

  const certs = [
    { file: 'apiserver.crt', ca: 'ca.crt', subject: 'CN=kube-apiserver', san: /IP Address:127\.0\.0\.1/ },
    { file: 'admin.crt', ca: 'ca.crt', subject: 'O=system:masters\nCN=kubernetes-admin', san: undefined },
    { file: 'front-proxy-client.crt', ca: 'front-proxy-ca.crt', subject: 'CN=front-proxy-client', san: undefined },
  ];
  for (const tc of certs) {
    it(`${tc.file} is issued by ${tc.ca}`, async () => {
      const cert = new X509Certificate(await readFile(join(pki.pkiDir, tc.file)));
      const ca = new X509Certificate(await readFile(join(pki.pkiDir, tc.ca)));
      assert.equal(cert.subject, tc.subject);
      assert.equal(cert.checkIssued(ca), true);
      assert.equal(cert.verify(ca.publicKey), true);
      if (tc.san) assert.match(cert.subjectAltName ?? '', tc.san);
    });
  }

  it('serves the API name kubernetes.default.svc and keeps the front-proxy CA separate', async () => {
    const api = new X509Certificate(pki.apiserver.certPem);
    assert.equal(api.checkHost('kubernetes.default.svc'), 'kubernetes.default.svc');
    assert.equal(api.checkHost('localhost'), 'localhost');
    const fp = new X509Certificate(pki.frontProxyClient.certPem);
    assert.equal(fp.checkIssued(new X509Certificate(pki.ca.certPem)), false);
  });

  it('keeps keys private', async () => {
    for (const f of ['ca.key', 'admin.key', 'apiserver.key', 'front-proxy-ca.key', 'kubelet-ca.key', 'sa.key']) {
      assert.equal((await stat(join(pki.pkiDir, f))).mode & 0o777, 0o600, f);
    }
  });

  it('writes a kubeconfig with inlined credentials', async () => {
    const path = await writeKubeconfig(pki, 'https://127.0.0.1:6443');
    assert.equal(path, join(pki.dir, 'kubeconfig'));
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const kc = parse(await readFile(path, 'utf8'));
    assert.equal(kc['current-context'], 'admin@kube-metrics-sim');
    assert.deepEqual(kc.contexts, [
      { name: 'admin@kube-metrics-sim', context: { cluster: 'kube-metrics-sim', user: 'admin', namespace: 'default' } },
    ]);
    assert.equal(kc.clusters[0].cluster.server, 'https://127.0.0.1:6443');
    assert.equal(
      Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString(),
      pki.ca.certPem,
    );
    assert.equal(Buffer.from(kc.users[0].user['client-key-data'], 'base64').toString(), pki.admin.keyPem);
  });

  it('reuses valid material on the next start, tightening loose key modes', async () => {
    await chmod(join(pki.pkiDir, 'admin.key'), 0o644);
    const again = await prepareStateDir(pki.dir);
    assert.equal((await stat(join(pki.pkiDir, 'admin.key'))).mode & 0o777, 0o600);
    assert.deepEqual(again.written, []);
    assert.equal(again.ca.certPem, pki.ca.certPem);
    assert.equal(again.admin.certPem, pki.admin.certPem);
  });

  it('re-issues a damaged leaf only, and everything under a replaced CA', async () => {
    await writeFile(join(pki.pkiDir, 'admin.crt'), 'not a certificate');
    const repaired = await prepareStateDir(pki.dir);
    assert.deepEqual([...repaired.written].sort(), ['admin.crt', 'admin.key']);
    assert.equal(repaired.ca.certPem, pki.ca.certPem);

    await writeFile(join(pki.pkiDir, 'front-proxy-ca.key'), 'garbage');
    const rotated = await prepareStateDir(pki.dir);
    assert.deepEqual([...rotated.written].sort(), [
      'front-proxy-ca.crt',
      'front-proxy-ca.key',
      'front-proxy-client.crt',
      'front-proxy-client.key',
    ]);
  });

  it('replaces a CA that is about to expire', async () => {
    const tenYearsLater = Date.now() + 3650 * 24 * 3600 * 1000;
    const renewed = await prepareStateDir(pki.dir, tenYearsLater);
    assert.ok(renewed.written.includes('ca.crt'));
  });
});
