import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject, Status, WatchEvent } from '../../shared/kube/object.ts';
import { filterListItems, filterWatchEvent, isSharded } from './shard-filter.ts';
import { shardOf } from './shard-hash.ts';

const objects: KubeObject[] = Array.from({ length: 60 }, (_, i) => ({ metadata: { name: `o${i}`, uid: `uid-${i}` } }));

test('the shards of 2 and of 3 partition the objects exactly', () => {
  for (const total of [1, 2, 3]) {
    const parts = [...Array(total).keys()].map((shard) => filterListItems(objects, { shard, totalShards: total }));
    const union = parts.flat().map((o) => o.metadata.uid);
    assert.equal(union.length, objects.length, `total ${total}`);
    assert.deepEqual(new Set(union), new Set(objects.map((o) => o.metadata.uid)));
    parts.forEach((items, shard) => {
      for (const o of items) assert.equal(shardOf(o.metadata.uid!, total), shard);
    });
  }
  assert.equal(isSharded({ shard: 0, totalShards: 1 }), false);
  assert.equal(isSharded({ shard: 1, totalShards: 2 }), true);
});

test('watch events: objects filtered by UID, bookmarks and errors pass, unknown types become errors', () => {
  const config = { shard: 0, totalShards: 2 };
  const mine = objects.find((o) => shardOf(o.metadata.uid!, 2) === 0)!;
  const theirs = objects.find((o) => shardOf(o.metadata.uid!, 2) === 1)!;
  for (const type of ['ADDED', 'MODIFIED', 'DELETED'] as const) {
    assert.deepEqual(filterWatchEvent({ type, object: mine }, config), { type, object: mine });
    assert.equal(filterWatchEvent({ type, object: theirs }, config), undefined);
  }
  const bookmark: WatchEvent<KubeObject> = { type: 'BOOKMARK', object: { metadata: { resourceVersion: '5' } } };
  assert.equal(filterWatchEvent(bookmark, config), bookmark);
  const odd = filterWatchEvent({ type: 'SURPRISE' } as unknown as WatchEvent<KubeObject>, config);
  assert.ok(odd);
  assert.equal(odd.type, 'ERROR');
  assert.equal((odd.object as Status).message, 'unexpected watch event type "SURPRISE"');
});
