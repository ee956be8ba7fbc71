import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { parseLabelSelector } from '../../shared/kube/selectors.ts';
import { PodMetadataStore } from './pod-lister.ts';

const pod = (namespace: string, name: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name, uid: `${namespace}-${name}`, resourceVersion: '7', ...(labels ? { labels } : {}) },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x' }] },
  status: { phase: 'Running' },
});

describe('PodMetadataStore', () => {
  it('keeps only metadata and answers by namespace and label selector', () => {
    const store = new PodMetadataStore();
    store.replace([
      pod('a', 'web-1', { app: 'web' }),
      pod('a', 'db-0', { app: 'db' }),
      pod('b', 'web-2', { app: 'web' }),
    ]);
    const names = (pods: readonly KubeObject[]) => pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort();
    assert.deepEqual(names(store.list([], undefined)), ['a/db-0', 'a/web-1', 'b/web-2']);
    assert.deepEqual(names(store.list(parseLabelSelector('app=web'), undefined)), ['a/web-1', 'b/web-2']);
    assert.deepEqual(names(store.list(parseLabelSelector('app=web'), 'a')), ['a/web-1']);
    assert.deepEqual(names(store.list([], 'nope')), []);
    assert.deepEqual(store.get('a', 'web-1'), {
      apiVersion: 'meta.k8s.io/v1',
      kind: 'PartialObjectMetadata',
      metadata: { name: 'web-1', namespace: 'a', labels: { app: 'web' }, resourceVersion: '7' },
    });
  });

  it('follows adds, updates, deletes and relists', () => {
    const store = new PodMetadataStore();
    store.add(pod('a', 'x'));
    store.update(pod('a', 'x', { v: '2' }));
    assert.deepEqual(store.get('a', 'x')?.metadata.labels, { v: '2' });
    store.delete(pod('a', 'x'));
    assert.equal(store.get('a', 'x'), undefined);
    assert.equal(store.size, 0);
    store.add(pod('a', 'y'));
    store.replace([pod('b', 'z')]);
    assert.equal(store.get('a', 'y'), undefined);
    assert.equal(store.size, 1);
  });

  it('a page-by-page relist serves the old set until it commits, and starts over on restart', () => {
    const store = new PodMetadataStore();
    store.add(pod('a', 'old'));
    const session = store.beginReplace();
    session.add(pod('a', 'gone-on-restart'));
    session.restart();
    session.add(pod('b', 'new', { app: 'web' }));
    assert.deepEqual(store.get('a', 'old')?.metadata.name, 'old');
    assert.equal(store.get('b', 'new'), undefined);
    session.commit('9');
    assert.equal(store.get('a', 'old'), undefined);
    assert.equal(store.get('a', 'gone-on-restart'), undefined);
    assert.deepEqual(store.get('b', 'new'), {
      apiVersion: 'meta.k8s.io/v1',
      kind: 'PartialObjectMetadata',
      metadata: { name: 'new', namespace: 'b', labels: { app: 'web' }, resourceVersion: '7' },
    });
    assert.equal(store.size, 1);
  });
});
