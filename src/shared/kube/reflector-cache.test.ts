import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from './object.ts';
import { ReflectorCache } from './reflector-cache.ts';

describe('ReflectorCache', () => {
  const obj = (name: string, rv: string, uid = `u-${name}`, namespace = 'ns'): KubeObject => ({
    metadata: { name, namespace, uid, resourceVersion: rv },
  });

  it('turns a relist into the adds, updates and deletes it implies', () => {
    const events: string[] = [];
    const cache = new ReflectorCache({
      listener: {
        onAdd: (o) => events.push(`add ${o.metadata.name}`),
        onUpdate: (o, old) =>
          events.push(`update ${o.metadata.name} ${old.metadata.resourceVersion}->${o.metadata.resourceVersion}`),
        onDelete: (o) => events.push(`delete ${o.metadata.name}`),
      },
    });
    cache.replace([obj('a', '1'), obj('b', '1'), obj('c', '1')], '1');
    cache.replace([obj('a', '1'), obj('b', '2'), obj('d', '3')], '3');
    assert.deepEqual(events, ['add a', 'add b', 'add c', 'update b 1->2', 'add d', 'delete c']);
    assert.equal(cache.resourceVersion, '3');
    assert.equal(cache.size, 3);
  });

  it('keys by UID so a recreated name is a delete plus an add', () => {
    const events: string[] = [];
    const cache = new ReflectorCache({
      listener: {
        onAdd: (o) => events.push(`add ${o.metadata.uid}`),
        onDelete: (o) => events.push(`delete ${o.metadata.uid}`),
      },
    });
    cache.replace([obj('a', '1', 'uid-1')], '1');
    cache.replace([obj('a', '5', 'uid-2')], '5');
    assert.deepEqual(events, ['add uid-1', 'add uid-2', 'delete uid-1']);
  });

  it('ignores deletes of unknown objects and falls back to namespace/name keys', () => {
    const events: string[] = [];
    const cache = new ReflectorCache({ listener: { onDelete: (o) => events.push(`delete ${o.metadata.name}`) } });
    cache.delete(obj('ghost', '1'));
    cache.add({ metadata: { name: 'no-uid', namespace: 'ns', resourceVersion: '1' } });
    assert.ok(cache.get('ns/no-uid'));
    cache.delete({ metadata: { name: 'no-uid', namespace: 'ns' } });
    assert.deepEqual(events, ['delete no-uid']);
  });
});
