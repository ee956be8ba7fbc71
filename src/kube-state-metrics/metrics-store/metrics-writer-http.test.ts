import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { configmapsResource } from '../stores/configmaps.ts';
import { buildWriters } from './build-writers.ts';
import { prepareScrape } from './metrics-writer.ts';

// Many namespace stores so the body is big (~20 MB) and made of many small slices.
const writers = buildWriters([configmapsResource], {
  namespaces: Array.from({ length: 400 }, (_, i) => `ns-${i}`),
});
const writer = writers[0]!;
for (const [ns, store] of writer.storesByNamespace) {
  for (let i = 0; i < 100; i++) {
    store.add({ metadata: { name: `cm-${i}-${'x'.repeat(400)}`, namespace: ns, uid: `${ns}-${i}` } });
  }
}

let server: http.Server;
let port = 0;
const finished: Promise<void>[] = [];

before(async () => {
  server = http.createServer((_req, res) => {
    const scrape = prepareScrape(writers, { openMetrics: false });
    res.writeHead(200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Content-Length': scrape.byteLength,
    });
    finished.push(scrape.writeTo(res).then(() => void res.end()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('a full scrape over HTTP matches Content-Length', async () => {
  const body = await new Promise<Buffer>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          assert.equal(Number(res.headers['content-length']), buf.length);
          resolve(buf);
        });
      })
      .on('error', reject);
  });
  assert.ok(body.length > 10 * 2 ** 20, `body ${body.length}`);
  assert.equal(body.toString().split('\n').length - 1, 5 * 2 + 40000); // five headers, one info line each
  await finished.shift();
});

test('a client that disconnects mid-scrape releases the scrape', async () => {
  await new Promise<void>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', () => {});
    req.on('timeout', reject);
  });
  // Resolves only if the writer noticed the closed socket instead of waiting for a drain.
  await finished.shift();
});
