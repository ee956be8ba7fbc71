import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ListOptions, WatchOptions } from './api-client.ts';
import { ApiError } from './api-error.ts';
import type { KubeList, KubeObject, WatchEvent } from './object.ts';
import { type ListerWatcher, Reflector } from './reflector.ts';
import type { ReflectorStore, ReplaceSession } from './reflector-cache.ts';

const pod = (name: string): KubeObject => ({ metadata: { name, namespace: 'ns', uid: `u-${name}` } });

/** Pages by continue token; a token mapped to an Error fails that request. */
function lister(pages: Record<string, KubeList | Error>, log: string[]): ListerWatcher {
  return {
    async list(_path: string, options: ListOptions): Promise<KubeList> {
      const token = options.continue ?? (options.limit ? '' : 'unpaged');
      log.push(`list ${token}`);
      const page = pages[token];
      if (!page) throw new Error(`no page ${token}`);
      if (page instanceof Error) throw page;
      return page;
    },
    async openWatch(_path: string, options: WatchOptions): Promise<AsyncIterable<WatchEvent>> {
      const signal = options.signal;
      return {
        async *[Symbol.asyncIterator]() {
          // A quiet watch until the reflector stops (the timer keeps the event loop alive meanwhile).
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 10_000);
            signal?.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        },
      };
    },
  };
}

function streamingStore(log: string[]): ReflectorStore {
  const session: ReplaceSession = {
    add: (o) => log.push(`add ${o.metadata.name}`),
    restart: () => log.push('restart'),
    commit: (rv) => log.push(`commit ${rv}`),
  };
  return {
    replace: () => assert.fail('a streaming store gets no whole-list replace'),
    add: () => {},
    update: () => {},
    delete: () => {},
    beginReplace: () => session,
  };
}

const page = (names: string[], rv: string, cont?: string): KubeList => ({
  apiVersion: 'v1',
  kind: 'PodList',
  items: names.map(pod),
  metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) },
});

test('Reflector streams list pages into the store and asks for the next page before applying one', async () => {
  const log: string[] = [];
  const pages = { '': page(['a', 'b'], '5', 'p2'), p2: page(['c'], '5', 'p3'), p3: page(['d'], '6') };
  const r = new Reflector({ client: lister(pages, log), path: '/api/v1/pods', store: streamingStore(log) });
  r.start();
  await r.whenSynced();
  await r.stop();
  assert.deepEqual(log, ['list ', 'list p2', 'add a', 'add b', 'list p3', 'add c', 'add d', 'commit 6']);
  assert.equal(r.resourceVersion, '6');
});

test('Reflector restarts the replace session when a continue token expired, and filters items', async () => {
  const log: string[] = [];
  const gone = new ApiError({ statusCode: 410, method: 'GET', url: '/api/v1/pods', message: 'continue expired' });
  const pages = { '': page(['a', 'skip'], '5', 'p2'), p2: gone, unpaged: page(['a', 'b', 'skip'], '8') };
  const r = new Reflector({
    client: lister(pages, log),
    path: '/api/v1/pods',
    store: streamingStore(log),
    filter: (o) => o.metadata.name !== 'skip',
  });
  r.start();
  await r.whenSynced();
  await r.stop();
  assert.deepEqual(log, ['list ', 'list p2', 'add a', 'restart', 'list unpaged', 'add a', 'add b', 'commit 8']);
});
