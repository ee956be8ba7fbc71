import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { FamilyGenerator, ResourceDefinition } from '../metric/family.ts';
import { MetricsStore } from './metrics-store.ts';
import {
  type ByteSink,
  type MetricsWriter,
  prepareScrape,
  writeMetrics,
  writeMetricsToString,
} from './metrics-writer.ts';

const families: FamilyGenerator[] = [
  {
    name: 'kube_thing_info',
    help: 'Information about thing.',
    type: 'gauge',
    stability: 'STABLE',
    generate: (o) => [{ labelKeys: ['color'], labelValues: [String(o.spec?.color ?? '')], value: 1 }],
  },
  {
    name: 'kube_thing_empty',
    help: 'Never has series.',
    type: 'info',
    stability: 'ALPHA',
    generate: () => [],
  },
  {
    name: 'kube_thing_throws',
    help: 'A broken generator.',
    type: 'gauge',
    stability: 'ALPHA',
    generate: () => {
      throw new Error('boom');
    },
  },
];

function def(name: string): ResourceDefinition {
  return {
    name,
    apiVersion: 'v1',
    kind: 'Thing',
    resource: name,
    namespaced: true,
    enabledByDefault: true,
    families: () => families,
    defaultLabels: (o) => ({
      keys: ['namespace', 'thing'],
      values: [o.metadata.namespace ?? '', o.metadata.name ?? ''],
    }),
  };
}

function thing(uid: string, name: string, color: string): KubeObject {
  return { metadata: { uid, name, namespace: 'ns' }, spec: { color } };
}

test('MetricsStore add/update/delete/replace and header rules', async () => {
  const store = new MetricsStore(def('things'), families);
  const writers: MetricsWriter[] = [{ resource: 'things', stores: [store] }];
  assert.equal(await writeMetricsToString(writers, { openMetrics: false }), '');
  store.add(thing('u1', 'a', 'red'));
  store.add(thing('u2', 'b', 'blue'));
  store.update(thing('u1', 'a', 'green'));
  store.add({ metadata: {} });
  const header =
    '# HELP kube_thing_info [STABLE] Information about thing.\n# TYPE kube_thing_info gauge\n' +
    '# HELP kube_thing_empty Never has series.\n# TYPE kube_thing_empty gauge\n' +
    '# HELP kube_thing_throws A broken generator.\n# TYPE kube_thing_throws gauge\n';
  assert.equal(
    await writeMetricsToString(writers, { openMetrics: false }),
    '# HELP kube_thing_info [STABLE] Information about thing.\n# TYPE kube_thing_info gauge\n' +
      // An update appends the object's new bytes, so it moves to the end.
      'kube_thing_info{namespace="ns",thing="b",color="blue"} 1\n' +
      'kube_thing_info{namespace="ns",thing="a",color="green"} 1\n' +
      '# HELP kube_thing_empty Never has series.\n# TYPE kube_thing_empty gauge\n' +
      '# HELP kube_thing_throws A broken generator.\n# TYPE kube_thing_throws gauge\n',
  );
  store.delete(thing('u1', 'a', ''));
  store.delete({ metadata: {} });
  assert.equal(store.size, 1);
  store.replace([thing('u3', 'c', 'ü"\n')], '42');
  assert.equal(store.lastResourceVersion, '42');
  const om = await writeMetricsToString(writers, { openMetrics: true });
  assert.equal(
    om,
    header
      .replace('kube_thing_empty gauge', 'kube_thing_empty info')
      .replace('gauge\n', 'gauge\nkube_thing_info{namespace="ns",thing="c",color="ü\\"\\n"} 1\n') + '# EOF\n',
  );
});

test('writeMetrics orders resources alphabetically, filters, and dedupes headers', async () => {
  const mk = (res: string, uid: string) => {
    const s = new MetricsStore(def(res), families.slice(0, 1));
    s.add(thing(uid, res, 'x'));
    return { resource: res, stores: [s] };
  };
  const writers = [mk('zebras', 'z'), mk('apples', 'a'), mk('mangos', 'm')];
  const all = await writeMetricsToString(writers, { openMetrics: false });
  assert.equal(
    all,
    '# HELP kube_thing_info [STABLE] Information about thing.\n# TYPE kube_thing_info gauge\n' +
      'kube_thing_info{namespace="ns",thing="apples",color="x"} 1\n' +
      'kube_thing_info{namespace="ns",thing="mangos",color="x"} 1\n' +
      'kube_thing_info{namespace="ns",thing="zebras",color="x"} 1\n',
  );
  const some = await writeMetricsToString(writers, {
    openMetrics: false,
    resources: ['zebras', 'mangos'],
    excludeResources: ['zebras'],
  });
  assert.equal(
    some,
    '# HELP kube_thing_info [STABLE] Information about thing.\n# TYPE kube_thing_info gauge\n' +
      'kube_thing_info{namespace="ns",thing="mangos",color="x"} 1\n',
  );
});

test('writeMetrics streams in chunks and waits for drain', async () => {
  // Many namespace stores with small family slices: those are gathered into chunks.
  const stores = Array.from({ length: 200 }, () => new MetricsStore(def('things'), families.slice(0, 1)));
  stores.forEach((store, s) => {
    for (let i = 0; i < 50; i++) store.add(thing(`u${s}-${i}`, `thing-${s}-${i}`, 'c'.repeat(200)));
  });
  const writers = [{ resource: 'things', stores }];
  const chunks: Buffer[] = [];
  let drains = 0;
  const sink: ByteSink = {
    write(chunk) {
      chunks.push(Buffer.from(chunk));
      return chunks.length % 2 === 0;
    },
    once(event, listener) {
      if (event !== 'drain') return;
      drains++;
      setImmediate(listener);
    },
  };
  await writeMetrics(sink, writers, { openMetrics: false });
  const body = Buffer.concat(chunks).toString();
  assert.ok(chunks.length > 3, `expected several chunks, got ${chunks.length}`);
  assert.ok(drains > 0);
  assert.equal(body.split('\n').length - 1, 10002);
  assert.ok(chunks.every((c) => c.length <= 256 * 1024));
  assert.equal(body, await writeMetricsToString(writers, { openMetrics: false }));
});

test('churn (updates, deletes, compaction) leaves exactly the series of a fresh store', async () => {
  const churned = new MetricsStore(def('things'), families);
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 300; i++) {
      if ((i + round) % 7 === 0) churned.delete(thing(`u${i}`, `t${i}`, ''));
      else churned.update(thing(`u${i}`, `t${i}`, `r${round}-${'x'.repeat(i % 13)}`));
    }
  }
  const fresh = new MetricsStore(def('things'), families);
  for (let i = 0; i < 300; i++) {
    if ((i + 19) % 7 !== 0) fresh.add(thing(`u${i}`, `t${i}`, `r19-${'x'.repeat(i % 13)}`));
  }
  const render = async (store: MetricsStore) =>
    (await writeMetricsToString([{ resource: 'things', stores: [store] }], { openMetrics: false }))
      .split('\n')
      .sort()
      .join('\n');
  assert.equal(churned.size, fresh.size);
  assert.equal(await render(churned), await render(fresh));
  assert.equal(churned.liveBytes, fresh.liveBytes);
  // Dead bytes stay under a third of the arena; spare room under 25% (plus a minimum per family).
  assert.ok(churned.capacityBytes <= 2 * churned.liveBytes + 3 * 4096, `capacity ${churned.capacityBytes}`);
  fresh.replace([...Array(300).keys()].filter((i) => (i + 19) % 7 !== 0).map((i) => thing(`u${i}`, `t${i}`, 'z')));
  assert.ok(fresh.capacityBytes <= fresh.liveBytes + 3 * 4096, `after relist ${fresh.capacityBytes}`);
});

test('prepareScrape knows the exact body size and ignores events after the snapshot', async () => {
  const store = new MetricsStore(def('things'), families);
  for (let i = 0; i < 50; i++) store.add(thing(`u${i}`, `thing-${i}`, 'é'.repeat(i % 7)));
  const writers = [{ resource: 'things', stores: [store] }];
  for (const openMetrics of [false, true]) {
    const expected = await writeMetricsToString(writers, { openMetrics });
    const prepared = prepareScrape(writers, { openMetrics });
    store.add(thing('late', 'late', 'x'));
    store.delete(thing('u0', 'thing-0', ''));
    const chunks: Buffer[] = [];
    await prepared.writeTo({
      write: (c) => chunks.push(Buffer.from(c)) > 0,
      once: () => undefined,
    });
    const body = Buffer.concat(chunks);
    assert.equal(prepared.byteLength, body.length);
    assert.equal(body.toString(), expected);
    store.delete(thing('late', 'late', ''));
    store.add(thing('u0', 'thing-0', ''));
  }
});

test('a sink that closes while the scrape waits for drain ends the scrape', async () => {
  const stores = Array.from({ length: 100 }, () => new MetricsStore(def('things'), families.slice(0, 1)));
  stores.forEach((store, s) => {
    for (let i = 0; i < 50; i++) store.add(thing(`u${s}-${i}`, `thing-${s}-${i}`, 'c'.repeat(200)));
  });
  let writes = 0;
  const sink: ByteSink = {
    write() {
      writes++;
      return false;
    },
    once(event, listener) {
      if (event === 'close') setImmediate(listener);
    },
  };
  await writeMetrics(sink, [{ resource: 'things', stores }], { openMetrics: false });
  assert.equal(writes, 1);
  let destroyedWrites = 0;
  await writeMetrics(
    { write: () => ++destroyedWrites > 0, once: () => undefined, destroyed: true },
    [{ resource: 'things', stores }],
    { openMetrics: false },
  );
  assert.equal(destroyedWrites, 0);
});
