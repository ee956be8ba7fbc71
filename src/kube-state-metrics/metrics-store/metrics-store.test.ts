import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { FamilyGenerator, ResourceDefinition } from '../metric/family.ts';
import { MetricsStore } from './metrics-store.ts';
import { type ByteSink, type MetricsWriter, writeMetrics, writeMetricsToString } from './metrics-writer.ts';

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
      'kube_thing_info{namespace="ns",thing="a",color="green"} 1\n' +
      'kube_thing_info{namespace="ns",thing="b",color="blue"} 1\n' +
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
  const store = new MetricsStore(def('things'), families.slice(0, 1));
  for (let i = 0; i < 5000; i++) store.add(thing(`u${i}`, `thing-${i}`, 'c'.repeat(20)));
  const chunks: Buffer[] = [];
  let drains = 0;
  let pending: (() => void) | undefined;
  const sink: ByteSink = {
    write(chunk) {
      chunks.push(Buffer.from(chunk));
      return chunks.length % 2 === 0;
    },
    once(_event, listener) {
      pending = listener;
      drains++;
      setImmediate(() => pending?.());
    },
  };
  await writeMetrics(sink, [{ resource: 'things', stores: [store] }], { openMetrics: false });
  const body = Buffer.concat(chunks).toString();
  assert.ok(chunks.length > 3, `expected several chunks, got ${chunks.length}`);
  assert.ok(drains > 0);
  assert.equal(body.split('\n').length - 1, 5002);
  assert.ok(chunks.every((c) => c.length <= 64 * 1024));
  assert.equal(body, await writeMetricsToString([{ resource: 'things', stores: [store] }], { openMetrics: false }));
});
