import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCA, issueCertificate } from '../../shared/tls/pki.ts';
import { type ListeningServer, listen } from './http-servers.ts';
import { loadWebConfig } from './web-config.ts';

describe('--tls-config (exporter-toolkit web config)', () => {
  let dir: string;
  let caPem: string;
  let server: ListeningServer | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ksm-webcfg-'));
    const ca = await createCA('ksm-test-ca');
    caPem = ca.certPem;
    const leaf = await issueCertificate(ca, { commonName: 'ksm', ipAddresses: ['127.0.0.1'], usage: 'server' });
    await writeFile(join(dir, 'tls.crt'), leaf.certPem);
    await writeFile(join(dir, 'tls.key'), leaf.keyPem);
    await writeFile(join(dir, 'ca.crt'), ca.certPem);
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with the configured certificate and extra headers', async () => {
    const file = join(dir, 'web.yaml');
    await writeFile(
      file,
      'tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n',
    );
    const web = await loadWebConfig(file);
    assert.equal(web.tls?.minVersion, 'TLSv1.2');
    server = await listen((_req, res) => res.end('ok'), '127.0.0.1', 0, web, {
      readMs: 1000,
      writeMs: 1000,
      idleMs: 1000,
      readHeaderMs: 1000,
    });
    const port = server.port;
    const reply = await new Promise<[string, string | undefined]>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port, path: '/', ca: caPem, agent: false }, (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve([body, res.headers['x-frame-options'] as string | undefined]));
        })
        .on('error', reject);
    });
    assert.deepEqual(reply, ['ok', 'deny']);
  });

  it('rejects configurations it cannot honour, naming the file and the problem', async () => {
    const cases: [string, RegExp][] = [
      ['tls_server_config:\n  cert_file: tls.crt\n', /tls_server_config needs both a certificate and a key$/],
      ['tls_server_config:\n  cert_file: nope.crt\n  key_file: tls.key\n', /cannot read cert_file nope\.crt/],
      [
        'tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n  client_auth_type: RequireAndVerifyClientCert\n',
        /client_ca_file is required for client_auth_type RequireAndVerifyClientCert$/,
      ],
      [
        'tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n  client_auth_type: Sometimes\n',
        /invalid client_auth_type "Sometimes"$/,
      ],
      [
        'tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n  min_version: TLS99\n',
        /unknown TLS version TLS99$/,
      ],
      ['basic_auth_users:\n  alice: $2y$10$abc\n', /basic_auth_users is not supported/],
    ];
    for (const [text, message] of cases) {
      const file = join(dir, 'bad.yaml');
      await writeFile(file, text);
      await assert.rejects(loadWebConfig(file), { message }, text);
    }
    await assert.rejects(loadWebConfig(join(dir, 'missing.yaml')), /cannot read --tls-config .*missing\.yaml/);
  });
});
