import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { FamilyGenerator, ResourceDefinition } from '../metric/family.ts';
import { FamilyArena, type Slice } from './family-arena.ts';
import { MetricsStore } from './metrics-store.ts';

const joined = (arena: FamilyArena) => Buffer.concat(arena.snapshot()).toString();

test('FamilyArena keeps appended pieces in order across chunks, with oversized pieces in chunks of their own', () => {
  const arena = new FamilyArena();
  const pieces: string[] = [];
  // 3,000 pieces of 300 bytes fill chunks of 4 KiB, 8 KiB, ... up to 256 KiB and beyond.
  for (let i = 0; i < 3000; i++) pieces.push(`${String(i).padStart(6, '0')}${'x'.repeat(293)}\n`);
  const big = `${'b'.repeat(300 * 1024)}\n`;
  pieces.splice(1500, 0, big);
  const slices: Slice[] = pieces.map((p) => arena.append(p, Buffer.byteLength(p)));
  assert.equal(joined(arena), pieces.join(''));
  assert.equal(arena.liveBytes, Buffer.byteLength(pieces.join('')));
  // No chunk is bigger than 256 KiB except the oversized piece's own.
  assert.ok(arena.snapshot().every((b) => b.length <= 256 * 1024 || b.length === big.length));
  assert.equal(slices[1500]!.length, big.length);
  assert.equal(slices[1500]!.offset % (256 * 1024), 0);
});

test('FamilyArena holes, compaction and shrinking keep earlier snapshots valid', () => {
  const arena = new FamilyArena();
  const slices = ['a\n', 'bb\n', 'ccc\n', 'dddd\n'].map((p) => arena.append(p, p.length));
  const before = arena.snapshot();
  arena.release(slices[1]!);
  assert.equal(joined(arena), 'a\nccc\ndddd\n');
  const moved = arena.append('BB\n', 3);
  assert.equal(joined(arena), 'a\nccc\ndddd\nBB\n');
  const offsets = arena.compact([slices[0]!, slices[2]!, slices[3]!, moved]);
  assert.deepEqual(offsets, [0, 2, 6, 11]);
  assert.equal(joined(arena), 'a\nccc\ndddd\nBB\n');
  assert.equal(Buffer.concat(before).toString(), 'a\nbb\nccc\ndddd\n');
  // Less than a first chunk of spare room is kept.
  arena.shrinkToFit();
  assert.equal(arena.capacity, 4096);
  arena.append('e\n', 2);
  assert.equal(joined(arena), 'a\nccc\ndddd\nBB\ne\n');
  assert.equal(arena.append('', 0).length, 0);
});

test('FamilyArena.shrinkToFit releases the spare room of the last chunk', () => {
  const arena = new FamilyArena();
  arena.append('x'.repeat(4096), 4096);
  arena.append('y'.repeat(100), 100);
  assert.equal(arena.capacity, 4096 + 8192);
  arena.shrinkToFit();
  assert.equal(arena.capacity, 4096 + 100);
  arena.append('z', 1);
  assert.equal(joined(arena), `${'x'.repeat(4096)}${'y'.repeat(100)}z`);
});

const colorFamily: FamilyGenerator = {
  name: 'kube_thing_color',
  help: 'Color.',
  type: 'gauge',
  stability: 'ALPHA',
  generate: (o) => [{ labelKeys: ['color'], labelValues: [String(o.spec?.color ?? '')], value: 1 }],
};

const thingDef: ResourceDefinition = {
  name: 'things',
  apiVersion: 'v1',
  kind: 'Thing',
  resource: 'things',
  namespaced: false,
  enabledByDefault: true,
  families: () => [colorFamily],
  defaultLabels: (o) => ({ keys: ['thing'], values: [o.metadata.name ?? ''] }),
};

const thing = (name: string, color: string): KubeObject => ({ metadata: { uid: `u-${name}`, name }, spec: { color } });
const body = (s: MetricsStore) => Buffer.concat(s.snapshotFamily(0)).toString();

test('MetricsStore.beginReplace: pages applied as they come, unlisted objects removed at commit', () => {
  const store = new MetricsStore(thingDef, [colorFamily]);
  store.replace([thing('a', 'red'), thing('b', 'red')], '1');
  const session = store.beginReplace();
  session.add(thing('b', 'blue'));
  session.add(thing('c', 'green'));
  // Before the commit a scrape sees every object, old or new.
  assert.equal(
    body(store),
    'kube_thing_color{thing="a",color="red"} 1\nkube_thing_color{thing="b",color="blue"} 1\nkube_thing_color{thing="c",color="green"} 1\n',
  );
  session.commit('7');
  assert.equal(
    body(store),
    'kube_thing_color{thing="b",color="blue"} 1\nkube_thing_color{thing="c",color="green"} 1\n',
  );
  assert.equal(store.size, 2);
  assert.equal(store.lastResourceVersion, '7');
});

test('MetricsStore.beginReplace: a restarted list forgets what the abandoned pages named', () => {
  const store = new MetricsStore(thingDef, [colorFamily]);
  const session = store.beginReplace();
  session.add(thing('a', 'red'));
  session.add(thing('gone', 'red'));
  session.restart();
  session.add(thing('a', 'red'));
  session.commit('9');
  assert.equal(body(store), 'kube_thing_color{thing="a",color="red"} 1\n');
});

test('MetricsStore reuses slot rows of deleted objects and keeps update order through compaction', () => {
  const store = new MetricsStore(thingDef, [colorFamily]);
  const names = Array.from({ length: 600 }, (_, i) => `t${i}`);
  for (const n of names) store.add(thing(n, 'red'));
  for (const n of names.slice(0, 300)) store.delete(thing(n, 'red'));
  for (const n of names.slice(0, 300)) store.add(thing(n, 'blue'));
  // Updates of every other object pile up holes until the arena compacts.
  for (let round = 0; round < 3; round++) for (const n of names.slice(300)) store.add(thing(n, `c${round}`));
  const expected = [
    ...names.slice(0, 300).map((n) => `kube_thing_color{thing="${n}",color="blue"} 1\n`),
    ...names.slice(300).map((n) => `kube_thing_color{thing="${n}",color="c2"} 1\n`),
  ].join('');
  assert.equal(body(store), expected);
  assert.equal(store.size, 600);
  assert.ok(store.capacityBytes < 2 * store.liveBytes + 64 * 1024);
});
