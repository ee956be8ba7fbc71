import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { createCA, issueCertificate } from '../tls/pki.ts';
import { ApiError, KubeApiClient, withQuery } from './api-client.ts';
import type { WatchEvent } from './object.ts';

interface Seen {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  body?: string;
  clientCN?: string;
}

describe('KubeApiClient over HTTPS', () => {
  let server: Server;
  let client: KubeApiClient;
  let url = '';
  const seen: Seen = {};

  before(async () => {
    const ca = await createCA('api-ca');
    const serving = await issueCertificate(ca, {
      commonName: 'kube-apiserver',
      ipAddresses: ['127.0.0.1'],
      usage: 'server',
    });
    const user = await issueCertificate(ca, { commonName: 'ksm', usage: 'client' });
    server = createServer(
      { cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          Object.assign(seen, {
            method: req.method,
            url: req.url,
            headers: req.headers,
            body,
            clientCN: String((req.socket as TLSSocket).getPeerCertificate()?.subject?.CN),
          });
          const path = new URL(req.url ?? '/', 'https://x').pathname;
          if (path === '/proxy-error') {
            res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream connect error');
          } else if (path === '/forbidden') {
            res.writeHead(403, { 'content-type': 'application/json' }).end(
              JSON.stringify({
                kind: 'Status',
                apiVersion: 'v1',
                metadata: {},
                status: 'Failure',
                message: 'pods is forbidden: User "ksm" cannot list resource "pods"',
                reason: 'Forbidden',
                code: 403,
              }),
            );
          } else if (path === '/not-json') {
            res.end('{oops');
          } else if (path === '/watch-split') {
            res.writeHead(200, { 'content-type': 'application/json' });
            const line = JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'ü-split' } } });
            const bytes = Buffer.from(line + '\n');
            // Split inside the multi-byte character and inside the JSON.
            const cut = bytes.indexOf(Buffer.from('ü')) + 1;
            res.write(bytes.subarray(0, cut));
            setTimeout(() => {
              res.write(bytes.subarray(cut));
              res.write('{"kind":"not an event"}\n');
              res.end(JSON.stringify({ type: 'DELETED', object: { metadata: { name: 'last-without-newline' } } }));
            }, 10);
          } else if (path === '/watch-huge') {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.write('{"type":"ADDED","object":{"metadata":{"name":"');
            for (let i = 0; i < 10; i++) res.write('x'.repeat(1000));
          } else if (path === '/watch-silent') {
            res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
          } else {
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ ok: true, echo: body || null }));
          }
        });
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new KubeApiClient({
      config: {
        server: url + '/',
        ca: ca.certPem,
        cert: user.certPem,
        key: user.keyPem,
        rejectUnauthorized: true,
        authHeader: async () => 'Bearer abc',
      },
      userAgent: 'kube-state-metrics/v2.20.0',
      watchGraceMs: 200,
      maxWatchLineChars: 4096,
    });
  });

  after(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('GETs JSON with the credentials and headers', async () => {
    assert.deepEqual(await client.getJSON('/version', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }), {
      ok: true,
      echo: null,
    });
    assert.equal(seen.clientCN, 'ksm');
    assert.equal(seen.headers?.authorization, 'Bearer abc');
    assert.equal(seen.headers?.['user-agent'], 'kube-state-metrics/v2.20.0');
    assert.equal(seen.headers?.accept, 'application/json;as=Table;v=v1;g=meta.k8s.io');
  });

  const writes = [
    { name: 'POST', call: () => client.post('/p', { a: 1 }), method: 'POST', type: 'application/json' },
    { name: 'PUT', call: () => client.put('/p', { a: 1 }), method: 'PUT', type: 'application/json' },
    { name: 'PATCH', call: () => client.patch('/p', { a: 1 }), method: 'PATCH', type: 'application/merge-patch+json' },
    {
      name: 'PATCH strategic',
      call: () => client.patch('/p', { a: 1 }, { contentType: 'application/strategic-merge-patch+json' }),
      method: 'PATCH',
      type: 'application/strategic-merge-patch+json',
    },
  ];
  for (const w of writes) {
    it(`${w.name} sends a JSON body`, async () => {
      await w.call();
      assert.equal(seen.method, w.method);
      assert.equal(seen.headers?.['content-type'], w.type);
      assert.equal(seen.body, '{"a":1}');
    });
  }

  it('DELETE sends no body', async () => {
    await client.delete('/p');
    assert.equal(seen.method, 'DELETE');
    assert.equal(seen.body, '');
  });

  const failures = [
    {
      name: 'a Status answer',
      path: '/forbidden',
      want: {
        statusCode: 403,
        reason: 'Forbidden',
        message: `GET URL/forbidden: 403: pods is forbidden: User "ksm" cannot list resource "pods"`,
      },
    },
    {
      name: 'a proxy text answer',
      path: '/proxy-error',
      want: { statusCode: 502, reason: undefined, message: 'GET URL/proxy-error: 502: upstream connect error' },
    },
    {
      name: 'invalid JSON',
      path: '/not-json',
      want: { statusCode: 200, reason: undefined },
    },
  ];
  for (const f of failures) {
    it(`ApiError for ${f.name}`, async () => {
      await assert.rejects(client.getJSON(f.path), (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.statusCode, f.want.statusCode);
        assert.equal(err.reason, f.want.reason);
        assert.equal(err.url, url + f.path);
        if (f.want.message) assert.equal(err.message, f.want.message.replace('URL', url));
        return true;
      });
    });
  }

  it('decodes watch lines split across chunks and counts the bad ones', async () => {
    const before = client.watchParseErrors;
    const events: WatchEvent[] = [];
    for await (const e of client.watch('/watch-split', { resourceVersion: '5', timeoutSeconds: 10 })) events.push(e);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED ü-split', 'DELETED last-without-newline'],
    );
    assert.equal(client.watchParseErrors - before, 1);
    assert.equal(seen.url, '/watch-split?watch=true&resourceVersion=5&timeoutSeconds=10');
  });

  it('refuses a watch line without end', async () => {
    await assert.rejects(
      (async () => {
        for await (const _ of client.watch('/watch-huge', { timeoutSeconds: 10 })) {
          // nothing complete arrives
        }
      })(),
      {
        statusCode: 0,
        message: `GET ${url}/watch-huge?watch=true&timeoutSeconds=10: request failed: watch event larger than 4096 characters without a line end`,
      },
    );
  });

  it('notices a silent watch connection through the body timeout', async () => {
    const stream = client.watch('/watch-silent', { timeoutSeconds: 0 });
    await assert.rejects(
      (async () => {
        for await (const _ of stream) {
          // nothing arrives
        }
      })(),
      (err: unknown) => err instanceof ApiError && err.statusCode === 0 && /UND_ERR_BODY_TIMEOUT/.test(err.message),
    );
  });
});

describe('KubeApiClient transport errors', () => {
  it('names the URL when nothing listens', async () => {
    const probe = createHttpServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const client = new KubeApiClient({
      config: { server: `http://127.0.0.1:${port}`, rejectUnauthorized: true, authHeader: async () => undefined },
    });
    await assert.rejects(client.list('/api/v1/nodes'), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.statusCode, 0);
      assert.match(
        err.message,
        new RegExp(`^GET http://127.0.0.1:${port}/api/v1/nodes: request failed: .*ECONNREFUSED`),
      );
      return true;
    });
    await client.close();
  });

  it('rejects a server URL that is not http(s)', () => {
    assert.throws(
      () =>
        new KubeApiClient({
          config: { server: 'ftp://x', rejectUnauthorized: true, authHeader: async () => undefined },
        }),
      /must use http or https/,
    );
  });
});

describe('withQuery', () => {
  const cases = [
    { path: '/api/v1/pods', query: { limit: '500', continue: undefined }, want: '/api/v1/pods?limit=500' },
    {
      path: '/api/v1/pods?watch=true',
      query: { labelSelector: 'a in (b,c)' },
      want: '/api/v1/pods?watch=true&labelSelector=a+in+%28b%2Cc%29',
    },
    { path: '/api/v1/pods', query: {}, want: '/api/v1/pods' },
  ];
  for (const c of cases) it(c.want, () => assert.equal(withQuery(c.path, c.query), c.want));
});
