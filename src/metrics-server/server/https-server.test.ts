import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { MetricsStorage } from '../storage/storage.ts';
import { DelegatingAuthenticator } from './authentication.ts';
import { DelegatingAuthorizer } from './authorization.ts';
import { HealthEndpoint } from './health.ts';
import { MetricsHttpsServer } from './https-server.ts';
import { loadServingCert } from './serving-cert.ts';

async function get(url: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:https');
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request(url, { rejectUnauthorized: false, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('MetricsHttpsServer', () => {
  let dir: string;
  let server: MetricsHttpsServer;
  let base: string;
  let release: () => void = () => {};
  let held: Promise<void> = Promise.resolve();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ms-https-'));
    const cert = await loadServingCert({ certDir: dir, certFile: '', keyFile: '', bindAddress: '127.0.0.1' });
    server = new MetricsHttpsServer({
      tls: { certPem: cert.certPem, keyPem: cert.keyPem, clientCaPems: [] },
      authenticator: new DelegatingAuthenticator({
        config: { clientCAs: [] },
        tokenReviewer: async (token) =>
          token === 'ok'
            ? { authenticated: true, user: { name: 'u', groups: [], extra: {} } }
            : { authenticated: false },
        cacheTtlMs: 0,
      }),
      authorizer: new DelegatingAuthorizer({
        alwaysAllowPaths: ['/healthz'],
        reviewer: async (user, attrs) => {
          if (attrs.path === '/slow') await held;
          return { allowed: user.name === 'u', reason: '' };
        },
        allowedTtlMs: 0,
        deniedTtlMs: 0,
      }),
      health: [new HealthEndpoint('healthz', [{ name: 'ping', check: () => undefined }])],
      registry: new Registry(),
      api: {
        storage: new MetricsStorage({ resolutionMs: 15_000 }),
        nodes: { list: () => [], get: () => undefined },
        pods: { list: () => [], get: () => undefined },
      },
      version: 'v0.1.0',
      maxInflight: 1,
      maxMutatingInflight: 1,
      requestTimeoutMs: 10_000,
    });
    const { port } = await server.listen(0, '127.0.0.1');
    base = `https://127.0.0.1:${port}`;
  });

  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const auth = { Authorization: 'Bearer ok' };
  const cases: Array<[string, Record<string, string>, number, string, RegExp]> = [
    ['/healthz', {}, 200, 'text/plain; charset=utf-8', /^ok$/],
    ['/version', auth, 200, 'application/json', /"gitVersion": "v0.1.0"/],
    ['/apis/metrics.k8s.io/v1beta1/nodes', auth, 200, 'application/json', /^\{"kind":"NodeMetricsList"/],
    ['/apis/metrics.k8s.io/v1beta1/nodes', { Authorization: 'Bearer bad' }, 401, 'application/json', /"Unauthorized"/],
    ['/apis/metrics.k8s.io/v1beta1/nodes', {}, 403, 'application/json', /User \\"system:anonymous\\" cannot list/],
    ['/nope', auth, 404, 'application/json', /"NotFound"/],
  ];
  for (const [path, headers, status, type, body] of cases) {
    it(`${status} for ${path} ${headers.Authorization ?? 'anonymous'}`, async () => {
      const r = await get(base + path, headers);
      assert.equal(r.status, status, r.body);
      assert.equal(r.type, type);
      assert.match(r.body, body);
    });
  }

  it('429 beyond --max-requests-inflight', async () => {
    held = new Promise((resolve) => {
      release = resolve;
    });
    const slow = get(`${base}/slow`, auth);
    await new Promise((r) => setTimeout(r, 100));
    const refused = await get(`${base}/version`, auth);
    release();
    assert.equal(refused.status, 429);
    assert.equal(JSON.parse(refused.body).reason, 'TooManyRequests');
    assert.equal((await slow).status, 404);
  });
});
