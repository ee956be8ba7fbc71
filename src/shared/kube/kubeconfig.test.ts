import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createTokenFileReader, loadKubeconfig } from './kubeconfig.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

describe('loadKubeconfig in cluster', () => {
  writeFileSync(join(dir, 'token'), 'tok-1\n');
  writeFileSync(join(dir, 'ca.crt'), CA);
  const cases = [
    { name: 'IPv4 host', host: '10.96.0.1', port: '443', want: 'https://10.96.0.1:443' },
    { name: 'IPv6 host is bracketed', host: 'fd00::1', port: '6443', want: 'https://[fd00::1]:6443' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cfg = await loadKubeconfig({
        inCluster: true,
        serviceAccountDir: dir,
        env: { KUBERNETES_SERVICE_HOST: c.host, KUBERNETES_SERVICE_PORT: c.port },
      });
      assert.equal(cfg.server, c.want);
      assert.equal(cfg.ca, CA);
      assert.equal(cfg.rejectUnauthorized, true);
      assert.equal(await cfg.authHeader(), 'Bearer tok-1');
    });
  }

  it('names the missing environment', async () => {
    await assert.rejects(
      loadKubeconfig({ inCluster: true, serviceAccountDir: dir, env: {} }),
      /KUBERNETES_SERVICE_HOST/,
    );
  });

  it('names the missing token file', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    writeFileSync(join(empty, 'ca.crt'), CA);
    await assert.rejects(
      loadKubeconfig({
        serviceAccountDir: empty,
        env: { KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '1' },
      }),
      { message: `unable to read service account token ${empty}/token: ENOENT` },
    );
  });

  it('masterUrl overrides the server', async () => {
    const cfg = await loadKubeconfig({ masterUrl: 'http://127.0.0.1:8080/', env: {} });
    assert.equal(cfg.server, 'http://127.0.0.1:8080');
    assert.equal(await cfg.authHeader(), undefined);
  });
});

describe('createTokenFileReader', () => {
  it('re-reads the token after a minute', async () => {
    const file = join(dir, 'rotating');
    writeFileSync(file, 'a');
    let now = 0;
    const read = createTokenFileReader(file, () => now);
    assert.equal(await read(), 'a');
    writeFileSync(file, 'b');
    now = 59_999;
    assert.equal(await read(), 'a');
    now = 60_000;
    assert.equal(await read(), 'b');
    rmSync(file);
    now = 200_000;
    assert.equal(await read(), 'b', 'keeps the last good token while the file is being replaced');
  });
});

describe('loadKubeconfig from a file', () => {
  it('reads server, CA, client cert and token', async () => {
    const file = join(dir, 'config');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: ${b64(CA)}
    tls-server-name: kubernetes
users:
- name: u
  user:
    token: secret-token
    client-certificate-data: ${b64('CERT')}
    client-key-data: ${b64('KEY')}
contexts:
- name: c
  context: { cluster: k, user: u }
`,
    );
    const cfg = await loadKubeconfig({ kubeconfigPath: file });
    assert.equal(cfg.server, 'https://127.0.0.1:6443');
    assert.equal(cfg.ca, CA);
    assert.equal(cfg.cert, 'CERT');
    assert.equal(cfg.key, 'KEY');
    assert.equal(cfg.servername, 'kubernetes');
    assert.equal(cfg.rejectUnauthorized, true);
    assert.equal(await cfg.authHeader(), 'Bearer secret-token');
  });

  it('names the missing file', async () => {
    await assert.rejects(loadKubeconfig({ kubeconfigPath: join(dir, 'nope') }), /unable to load kubeconfig .*nope/);
  });
});
