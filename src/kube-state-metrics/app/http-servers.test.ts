import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildWriters } from '../metrics-store/build-writers.ts';
import { configmapsResource } from '../stores/configmaps.ts';
import { namespacesResource } from '../stores/namespaces.ts';
import { type ListeningServer, listen, mainHandler, telemetryHandler, wantsGzip } from './http-servers.ts';
import { KsmTelemetry } from './telemetry.ts';

const writers = buildWriters([configmapsResource, namespacesResource], {
  filter: (f) => f.name === 'kube_configmap_info' || f.name === 'kube_namespace_created',
});
writers[0]!.stores[0]!.add({ metadata: { name: 'cm', namespace: 'ns', uid: 'u1' } });
writers[1]!.stores[0]!.add({
  metadata: { name: 'ns', uid: 'u2', creationTimestamp: '2020-01-01T00:00:00Z' },
});

const CM = '# HELP kube_configmap_info [STABLE] Information about configmap.\n# TYPE kube_configmap_info gauge\n';
const CM_LINE = 'kube_configmap_info{namespace="ns",configmap="cm"} 1\n';
const NS =
  '# HELP kube_namespace_created [STABLE] Unix creation timestamp\n# TYPE kube_namespace_created gauge\n' +
  'kube_namespace_created{namespace="ns"} 1.5778368e+09\n';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

const timeouts = { readMs: 60_000, writeMs: 60_000, idleMs: 300_000, readHeaderMs: 5_000 };

describe('main server', () => {
  let server: ListeningServer;
  let gzipServer: ListeningServer;
  let livez: string | undefined;
  const telemetry = new KsmTelemetry({ version: 'v0.1.0', revision: 'unknown', branch: '' });

  before(async () => {
    const options = {
      writers: () => writers,
      apiserverLivez: async () => livez,
      telemetry,
      version: 'v0.1.0',
    };
    server = await listen(mainHandler({ ...options, enableGzip: false }), '127.0.0.1', 0, undefined, timeouts);
    gzipServer = await listen(mainHandler({ ...options, enableGzip: true }), '127.0.0.1', 0, undefined, timeouts);
  });
  after(async () => {
    await server.close();
    await gzipServer.close();
  });

  test('/metrics: text by default, with Content-Length, resources in order', async () => {
    const r = await get(server.port, '/metrics');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(r.headers['content-length'], String(r.body.length));
    assert.equal(r.body.toString(), CM + CM_LINE + NS);
  });

  test('/metrics: OpenMetrics when asked, ending with # EOF', async () => {
    const r = await get(server.port, '/metrics', { accept: 'application/openmetrics-text; version=1.0.0' });
    assert.equal(
      r.headers['content-type'],
      'application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores',
    );
    assert.equal(r.body.toString(), `${CM}${CM_LINE}${NS}# EOF\n`);
  });

  test('/metrics: resources and exclude_resources query filters', async () => {
    const cases: [string, string][] = [
      ['/metrics?resources=namespaces', NS],
      ['/metrics?resources=configmaps&resources=namespaces&exclude_resources=configmaps', NS],
      ['/metrics?exclude_resources=namespaces,nothing', CM + CM_LINE],
      ['/metrics?resources=unknown', ''],
    ];
    for (const [path, want] of cases) assert.equal((await get(server.port, path)).body.toString(), want, path);
  });

  test('/metrics: gzip only with --enable-gzip-encoding and Accept-Encoding: gzip', async () => {
    const plain = await get(server.port, '/metrics', { 'accept-encoding': 'gzip' });
    assert.equal(plain.headers['content-encoding'], undefined);
    const zipped = await get(gzipServer.port, '/metrics', { 'accept-encoding': 'br, gzip;q=0.9' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(zipped.body).toString(), CM + CM_LINE + NS);
    const identity = await get(gzipServer.port, '/metrics', { 'accept-encoding': 'identity' });
    assert.equal(identity.headers['content-encoding'], undefined);
  });

  test('/healthz, /livez, landing page and 404', async () => {
    assert.deepEqual(await get(server.port, '/healthz').then((r) => [r.status, r.body.toString()]), [200, 'OK']);
    livez = undefined;
    assert.equal((await get(server.port, '/livez')).status, 200);
    livez = 'connection refused';
    assert.equal((await get(server.port, '/livez')).status, 503);
    const landing = await get(server.port, '/');
    assert.equal(landing.headers['content-type'], 'text/html; charset=UTF-8');
    assert.match(landing.body.toString(), /<a href="\/metrics">Metrics<\/a>/);
    assert.match(landing.body.toString(), /Version: \(version=v0\.1\.0, branch=, revision=unknown\)/);
    assert.match(landing.body.toString(), /Metrics for Kubernetes&#39; state/);
    assert.deepEqual(await get(server.port, '/nope').then((r) => [r.status, r.body.toString()]), [
      404,
      '404 page not found\n',
    ]);
  });

  test('scrapes are timed in http_request_duration_seconds{handler="metrics"}', async () => {
    const text = await telemetry.registry.metrics();
    assert.match(text, /http_request_duration_seconds_count\{handler="metrics",method="get"\} [1-9]/);
  });
});

describe('telemetry server', () => {
  let server: ListeningServer;
  let ready = false;
  const telemetry = new KsmTelemetry({ version: 'v0.1.0', revision: 'unknown', branch: '' });

  before(async () => {
    telemetry.setShard(1, 3);
    telemetry.listTotal.inc({ resource: '*v1.Pod', result: 'success' });
    server = await listen(
      telemetryHandler({ telemetry, ready: () => ready, version: 'v0.1.0' }),
      '127.0.0.1',
      0,
      undefined,
      timeouts,
    );
  });
  after(() => server.close());

  test('/metrics serves the self-metrics', async () => {
    const body = (await get(server.port, '/metrics')).body.toString();
    for (const line of [
      'kube_state_metrics_shard_ordinal{shard_ordinal="1"} 1',
      'kube_state_metrics_total_shards 3',
      'kube_state_metrics_list_total{resource="*v1.Pod",result="success"} 1',
      'kube_state_metrics_custom_resource_state_add_events_total 0',
      'kube_state_metrics_custom_resource_state_cache 0',
    ]) {
      assert.ok(body.includes(`${line}\n`), line);
    }
    assert.match(
      body,
      /^kube_state_metrics_build_info\{branch="",client_go_version="unknown",.*,version="v0\.1\.0"\} 1$/m,
    );
    assert.match(body, /^process_cpu_seconds_total /m);
  });

  test('/readyz follows the stores', async () => {
    ready = false;
    assert.equal((await get(server.port, '/readyz')).status, 503);
    ready = true;
    assert.deepEqual(await get(server.port, '/readyz').then((r) => [r.status, r.body.toString()]), [200, 'OK']);
  });
});

test('wantsGzip', () => {
  const cases: [string | undefined, boolean][] = [
    [undefined, false],
    ['gzip', true],
    ['deflate, gzip', true],
    [' gzip;q=1.0', true],
    ['gzipx', false],
    ['identity', false],
  ];
  for (const [header, want] of cases) assert.equal(wantsGzip(header), want, String(header));
});

test('listen: a taken port is a clear error; an empty host binds every interface', async () => {
  const first = await listen((_req, res) => res.end(), '127.0.0.1', 0, undefined, timeouts);
  try {
    await assert.rejects(
      listen((_req, res) => res.end(), '127.0.0.1', first.port, undefined, timeouts),
      {
        message: new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${first.port}: listen EADDRINUSE`),
      },
    );
  } finally {
    await first.close();
  }
  const any = await listen((_req, res) => res.end('any'), '', 0, undefined, timeouts);
  try {
    assert.equal((await get(any.port, '/')).body.toString(), 'any');
  } finally {
    await any.close();
  }
});
