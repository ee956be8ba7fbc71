import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeApiClient } from '../../src/shared/kube/api-client.ts';
import type { KubeObject } from '../../src/shared/kube/object.ts';
import { Reflector } from '../../src/shared/kube/reflector.ts';
import { ReflectorCache } from '../../src/shared/kube/reflector-cache.ts';
import { type Harness, startHarness } from '../simulator/apiserver-helpers.ts';

const CMS = '/api/v1/namespaces/default/configmaps';

async function waitFor(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

describe('Reflector against the simulator API server', () => {
  let h: Harness;
  let client: KubeApiClient;
  before(async () => {
    h = await startHarness({ watchHistory: 100 });
    client = new KubeApiClient({
      config: {
        server: h.url,
        ca: h.caPem,
        cert: h.admin.certPem,
        key: h.admin.keyPem,
        rejectUnauthorized: true,
        authHeader: async () => undefined,
      },
    });
  });
  after(async () => {
    await client.close();
    await h.close();
  });

  const create = async (name: string, labels: Record<string, string> = { app: 'reflector' }) => {
    const res = await client.post<KubeObject>(CMS, { metadata: { name, labels }, data: { a: '1' } });
    return res.metadata.resourceVersion ?? '';
  };

  it('pages, watches, follows bookmarks, resumes after closed watches and relists after compaction', async () => {
    for (const name of ['cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5']) await create(name);
    await create('unrelated', { app: 'other' });
    const events: string[] = [];
    const cache = new ReflectorCache({
      listener: {
        onAdd: (o) => events.push(`add ${o.metadata.name}`),
        onUpdate: (o) => events.push(`update ${o.metadata.name}`),
        onDelete: (o) => events.push(`delete ${o.metadata.name}`),
      },
    });
    const calls = { list: 0, watch: 0, errors: 0 };
    const r = new Reflector({
      client,
      path: CMS,
      store: cache,
      labelSelector: 'app=reflector',
      pageSize: 2,
      onList: (res) => (res === 'success' ? calls.list++ : calls.errors++),
      onWatch: (res) => (res === 'success' ? calls.watch++ : calls.errors++),
    });
    r.start();
    await r.whenSynced();
    assert.deepEqual(events.sort(), ['add cm-1', 'add cm-2', 'add cm-3', 'add cm-4', 'add cm-5']);
    await waitFor('the watch', () => h.server.rest.activeWatches > 0);

    events.length = 0;
    await create('cm-6');
    await client.patch(`${CMS}/cm-1`, { data: { a: '2' } });
    await client.delete(`${CMS}/cm-2`);
    await waitFor('live events', () => events.length >= 3);
    assert.deepEqual(events, ['add cm-6', 'update cm-1', 'delete cm-2']);

    // Changes outside the selector move the server's version; a bookmark carries it to us.
    const outside = await create('unrelated-2', { app: 'other' });
    h.server.sendBookmarks();
    await waitFor('the bookmark', () => r.resourceVersion === outside);

    // A closed watch resumes from the last version without relisting.
    h.server.closeAllWatches();
    await waitFor('the resumed watch', () => calls.watch >= 2 && h.server.rest.activeWatches > 0);
    await create('cm-7');
    await waitFor('the event after resuming', () => events.includes('add cm-7'));
    assert.equal(calls.list, 1);

    // Compaction past our version: the re-watch gets 410 and the reflector relists.
    await create('unrelated-3', { app: 'other' });
    h.server.store.compact();
    h.server.closeAllWatches();
    await waitFor('the relist', () => calls.list >= 2);
    await waitFor('the watch after relisting', () => h.server.rest.activeWatches > 0);
    await create('cm-8');
    await waitFor('the event after relisting', () => events.includes('add cm-8'));
    await r.stop();

    assert.equal(calls.errors, 0);
    const server = await client.list(CMS, { labelSelector: 'app=reflector' });
    assert.deepEqual(
      cache
        .list()
        .map((o) => o.metadata.name)
        .sort(),
      server.items.map((o) => o.metadata.name).sort(),
    );
    assert.deepEqual(
      server.items.map((o) => o.metadata.name),
      ['cm-1', 'cm-3', 'cm-4', 'cm-5', 'cm-6', 'cm-7', 'cm-8'],
    );
  });

  it('ApiError carries the Status of a failed call', async () => {
    await assert.rejects(client.getJSON(`${CMS}/does-not-exist`), {
      name: 'ApiError',
      statusCode: 404,
      reason: 'NotFound',
      method: 'GET',
      url: `${h.url}${CMS}/does-not-exist`,
      message: `GET ${h.url}${CMS}/does-not-exist: 404: configmaps "does-not-exist" not found`,
    });
  });
});
