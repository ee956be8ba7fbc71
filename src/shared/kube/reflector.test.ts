import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { KubeApiClient } from './api-client.ts';
import type { Clock } from './backoff.ts';
import type { KubeObject } from './object.ts';
import { Reflector } from './reflector.ts';
import { ReflectorCache } from './reflector-cache.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/** A scripted API server: each LIST / WATCH request takes the next handler of its queue. */
class FakeApi {
  server: Server;
  lists: Handler[] = [];
  watches: Handler[] = [];
  requests: string[] = [];
  constructor() {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.requests.push(`${req.method} ${url.pathname}${url.search}`);
      const queue = url.searchParams.get('watch') === 'true' ? this.watches : this.lists;
      const handler = queue.shift();
      if (handler) handler(req, res, url);
      // Out of script: hold the watch open like a quiet server until the client goes away.
      else if (queue === this.watches) res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
      else json(res, 500, status(500, 'InternalError', 'no list scripted'));
    });
  }
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message };
}

function pod(name: string, rv: string, uid = `uid-${name}`): KubeObject {
  return { kind: 'Pod', metadata: { name, namespace: 'default', uid, resourceVersion: rv } };
}

function list(items: KubeObject[], rv: string, cont?: string): Handler {
  return (_req, res) =>
    json(res, 200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: rv, continue: cont }, items });
}

function stream(lines: Array<object | string>, keepOpen = false): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (const l of lines) res.write((typeof l === 'string' ? l : JSON.stringify(l)) + '\n');
    if (!keepOpen) res.end();
  };
}

/** Sleeps return at once so backoff never slows the test; the delays asked for are recorded. */
function fakeClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => 1_000_000 + sleeps.length * 10_000, sleep: async (ms) => void sleeps.push(ms) };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

function recorder() {
  const events: string[] = [];
  const cache = new ReflectorCache({
    listener: {
      onAdd: (o) => events.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}`),
      onUpdate: (o) => events.push(`update ${o.metadata.name}@${o.metadata.resourceVersion}`),
      onDelete: (o) => events.push(`delete ${o.metadata.name}`),
    },
  });
  return { events, cache };
}

describe('Reflector against a scripted API server', () => {
  const api = new FakeApi();
  let client: KubeApiClient;
  before(async () => {
    await new Promise<void>((r) => api.server.listen(0, '127.0.0.1', r));
    client = new KubeApiClient({
      config: { server: api.url, rejectUnauthorized: true, authHeader: async () => 'Bearer t' },
    });
  });
  after(async () => {
    await client.close();
    api.server.closeAllConnections();
    await new Promise((r) => api.server.close(r));
  });

  it('pages the list, watches from its resourceVersion, resumes after a normal close', async () => {
    api.requests.length = 0;
    api.lists.push(list([pod('a', '5'), pod('b', '6')], '', 'c1'), list([pod('c', '7')], '10'));
    api.watches.push(
      stream([
        { type: 'ADDED', object: pod('d', '11') },
        'this is not json',
        { type: 'MODIFIED', object: pod('a', '12') },
        { type: 'DELETED', object: pod('b', '13') },
        { type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '20' } } },
      ]),
    );
    const { events, cache } = recorder();
    const calls: string[] = [];
    const clock = fakeClock();
    const r = new Reflector({
      client,
      path: '/api/v1/pods',
      store: cache,
      pageSize: 2,
      labelSelector: 'app=x',
      fieldSelector: 'spec.nodeName=n1',
      onList: (res) => calls.push(`list ${res}`),
      onWatch: (res) => calls.push(`watch ${res}`),
      clock,
      random: () => 0.5,
    });
    const parseErrorsBefore = client.watchParseErrors;
    r.start();
    await r.whenSynced();
    assert.equal(r.hasSynced(), true);
    await until(() => calls.length >= 3, 'the resumed watch');
    await r.stop();
    assert.deepEqual(api.requests.slice(0, 4), [
      'GET /api/v1/pods?labelSelector=app%3Dx&fieldSelector=spec.nodeName%3Dn1&limit=2',
      'GET /api/v1/pods?labelSelector=app%3Dx&fieldSelector=spec.nodeName%3Dn1&limit=2&continue=c1',
      'GET /api/v1/pods?watch=true&resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=450&labelSelector=app%3Dx&fieldSelector=spec.nodeName%3Dn1',
      'GET /api/v1/pods?watch=true&resourceVersion=20&allowWatchBookmarks=true&timeoutSeconds=450&labelSelector=app%3Dx&fieldSelector=spec.nodeName%3Dn1',
    ]);
    assert.deepEqual(events, ['add a@5', 'add b@6', 'add c@7', 'add d@11', 'update a@12', 'delete b']);
    assert.deepEqual(
      cache
        .list()
        .map((o) => o.metadata.name)
        .sort(),
      ['a', 'c', 'd'],
    );
    assert.deepEqual(calls, ['list success', 'watch success', 'watch success']);
    assert.equal(client.watchParseErrors - parseErrorsBefore, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('relists on a 410 ERROR event and on HTTP 410, reporting what vanished', async () => {
    api.requests.length = 0;
    api.lists.push(list([pod('a', '5'), pod('b', '5')], '5'), list([pod('a', '5'), pod('c', '30')], '30'));
    api.lists.push(list([pod('a', '40')], '40'));
    api.watches.push(
      stream([{ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 5 (25)') }], true),
      (_req, res) => json(res, 410, status(410, 'Expired', 'too old resource version: 30 (35)')),
    );
    const { events, cache } = recorder();
    const r = new Reflector({ client, path: '/api/v1/pods', store: cache, clock: fakeClock(), random: () => 0 });
    r.start();
    await until(() => api.requests.length >= 6, 'the third watch');
    await r.stop();
    assert.deepEqual(events, ['add a@5', 'add b@5', 'add c@30', 'delete b', 'update a@40', 'delete c']);
    assert.match(api.requests[5]!, /resourceVersion=40&/);
  });

  it('backs off with jitter after errors and never gives up', async () => {
    api.requests.length = 0;
    api.lists.push(
      (_req, res) => json(res, 500, status(500, 'InternalError', 'etcd down')),
      (_req, res) => json(res, 503, status(503, 'ServiceUnavailable', 'later')),
      list([pod('a', '1')], '1'),
    );
    api.watches.push(
      (_req, res) => json(res, 403, status(403, 'Forbidden', 'pods is forbidden')),
      // The connection dies mid-stream: a transport error, retried from the last version.
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(JSON.stringify({ type: 'ADDED', object: pod('b', '2') }) + '\n');
        setImmediate(() => res.socket?.destroy());
      },
    );
    const clock = fakeClock();
    const calls: string[] = [];
    const { cache } = recorder();
    const r = new Reflector({
      client,
      path: '/api/v1/pods',
      store: cache,
      clock,
      random: () => 1,
      onList: (res) => calls.push(`list ${res}`),
      onWatch: (res) => calls.push(`watch ${res}`),
      backoff: { resetAfterMs: 1e9 },
    });
    r.start();
    await until(() => calls.length >= 6, 'the third watch');
    await r.stop();
    assert.deepEqual(calls, [
      'list error',
      'list error',
      'list success',
      'watch error',
      'watch success',
      'watch success',
    ]);
    // 800 ms doubling with full jitter (random() = 1), reset by the successful list.
    assert.deepEqual(clock.sleeps, [1600, 3200, 1600, 3200]);
    assert.match(api.requests[5]!, /resourceVersion=2&/);
    assert.deepEqual(
      cache
        .list()
        .map((o) => o.metadata.name)
        .sort(),
      ['a', 'b'],
    );
  });

  it('applies the filter to list items and watch events; resourceVersion=0 lists unpaged', async () => {
    api.requests.length = 0;
    api.lists.push(list([pod('keep-1', '1'), pod('drop-1', '1')], '1', 'ignored'));
    api.watches.push(
      stream(
        [
          { type: 'ADDED', object: pod('drop-2', '2') },
          { type: 'ADDED', object: pod('keep-2', '3') },
          {
            type: 'MODIFIED',
            object: { ...pod('keep-1', '4'), metadata: { ...pod('keep-1', '4').metadata, labels: { gone: 'yes' } } },
          },
          { type: 'MODIFIED', object: pod('drop-1', '5') },
        ],
        true,
      ),
    );
    const { events, cache } = recorder();
    const r = new Reflector({
      client,
      path: '/api/v1/pods',
      store: cache,
      useApiserverCache: true,
      filter: (o) => (o.metadata.name?.startsWith('keep') ?? false) && !o.metadata.labels?.gone,
      clock: fakeClock(),
    });
    r.start();
    await until(() => events.length >= 3, 'the watch events');
    await r.stop();
    assert.deepEqual(events, ['add keep-1@1', 'add keep-2@3', 'delete keep-1']);
    assert.equal(api.requests[0], 'GET /api/v1/pods?resourceVersion=0');
  });

  it('rejects whenSynced when stopped before syncing', async () => {
    api.lists.push((_req, res) => json(res, 500, status(500, 'InternalError', 'x')));
    const clock: Clock = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((r) => signal?.addEventListener('abort', () => r())),
    };
    const r = new Reflector({ client, path: '/api/v1/pods', store: new ReflectorCache(), clock });
    r.start();
    const rejected = assert.rejects(r.whenSynced(), /reflector for \/api\/v1\/pods stopped/);
    await r.stop();
    await rejected;
  });
});
