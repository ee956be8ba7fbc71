import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './errors.ts';
import { applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch.ts';

const deployment = {
  metadata: { name: 'web', labels: { app: 'web', old: 'x' } },
  spec: {
    replicas: 1,
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'a:1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
          { name: 'side', image: 's:1' },
        ],
      },
    },
  },
};

describe('mergePatch (RFC 7386)', () => {
  const cases: { name: string; target: unknown; patch: unknown; want: unknown }[] = [
    { name: 'adds a key', target: { a: 1 }, patch: { b: 2 }, want: { a: 1, b: 2 } },
    { name: 'null deletes', target: { a: 1, b: 2 }, patch: { b: null }, want: { a: 1 } },
    { name: 'nested merge', target: { m: { x: 1, y: 2 } }, patch: { m: { y: 3 } }, want: { m: { x: 1, y: 3 } } },
    { name: 'lists replace', target: { l: [1, 2] }, patch: { l: [3] }, want: { l: [3] } },
    { name: 'non-object patch replaces', target: { a: 1 }, patch: 'x', want: 'x' },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(mergePatch(c.target, c.patch), c.want));
});

describe('strategicMergePatch', () => {
  it('label and annotate: maps merge, null deletes', () => {
    const out = strategicMergePatch(deployment, { metadata: { labels: { new: 'y', old: null } } }) as typeof deployment;
    assert.deepEqual(out.metadata.labels, { app: 'web', new: 'y' });
  });
  it('containers merge by name and keep the others', () => {
    const out = strategicMergePatch(deployment, {
      spec: { template: { spec: { containers: [{ name: 'app', image: 'a:2' }] } } },
    }) as typeof deployment;
    assert.deepEqual(
      out.spec.template.spec.containers.map((c) => [c.name, c.image]),
      [
        ['app', 'a:2'],
        ['side', 's:1'],
      ],
    );
    assert.deepEqual(out.spec.template.spec.containers[0]!.env, [{ name: 'A', value: '1' }]);
  });
  it('env merges by name, ports by containerPort', () => {
    const out = strategicMergePatch(deployment, {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'app', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] },
            ],
          },
        },
      },
    }) as typeof deployment;
    const app = out.spec.template.spec.containers[0]!;
    assert.deepEqual(app.env, [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    assert.deepEqual(app.ports, [{ containerPort: 80, name: 'http' }]);
  });
  it('$patch: delete removes a list element', () => {
    const out = strategicMergePatch(deployment, {
      spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } },
    }) as typeof deployment;
    assert.deepEqual(
      out.spec.template.spec.containers.map((c) => c.name),
      ['app'],
    );
  });
  it('ignores $retainKeys and $setElementOrder directives', () => {
    const out = strategicMergePatch(
      { spec: { strategy: { type: 'RollingUpdate' } } },
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' }, '$setElementOrder/containers': [] } },
    );
    assert.deepEqual(out, { spec: { strategy: { type: 'Recreate' } } });
  });
  it('scale: replicas replaced', () => {
    assert.equal(
      (applyPatch('strategic', deployment, { spec: { replicas: 5 } }) as typeof deployment).spec.replicas,
      5,
    );
  });
  it('does not mutate the target', () => {
    const before = JSON.stringify(deployment);
    strategicMergePatch(deployment, { metadata: { labels: { app: null } } });
    assert.equal(JSON.stringify(deployment), before);
  });
});

describe('jsonPatch (RFC 6902)', () => {
  const doc = { metadata: { labels: { a: '1' } }, list: [1, 2, 3] };
  const cases: { name: string; ops: unknown; want: unknown }[] = [
    {
      name: 'add',
      ops: [{ op: 'add', path: '/metadata/labels/b', value: '2' }],
      want: { metadata: { labels: { a: '1', b: '2' } }, list: [1, 2, 3] },
    },
    {
      name: 'remove',
      ops: [{ op: 'remove', path: '/metadata/labels/a' }],
      want: { metadata: { labels: {} }, list: [1, 2, 3] },
    },
    {
      name: 'replace',
      ops: [{ op: 'replace', path: '/list/0', value: 9 }],
      want: { metadata: { labels: { a: '1' } }, list: [9, 2, 3] },
    },
    {
      name: 'append with -',
      ops: [{ op: 'add', path: '/list/-', value: 4 }],
      want: { metadata: { labels: { a: '1' } }, list: [1, 2, 3, 4] },
    },
    {
      name: 'move',
      ops: [{ op: 'move', from: '/list', path: '/moved' }],
      want: { metadata: { labels: { a: '1' } }, moved: [1, 2, 3] },
    },
    {
      name: 'copy',
      ops: [{ op: 'copy', from: '/list/1', path: '/two' }],
      want: { metadata: { labels: { a: '1' } }, list: [1, 2, 3], two: 2 },
    },
    {
      name: 'escaped pointer',
      ops: [{ op: 'add', path: '/metadata/labels/x~1y', value: 'z' }],
      want: { metadata: { labels: { a: '1', 'x/y': 'z' } }, list: [1, 2, 3] },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(jsonPatch(doc, c.ops), c.want));

  const bad: { name: string; ops: unknown }[] = [
    { name: 'not an array', ops: { op: 'add' } },
    { name: 'missing path', ops: [{ op: 'remove', path: '/nope/deeper' }] },
    { name: 'failed test', ops: [{ op: 'test', path: '/list/0', value: 7 }] },
    { name: 'unknown op', ops: [{ op: 'frobnicate', path: '/a' }] },
    { name: 'index out of range', ops: [{ op: 'replace', path: '/list/9', value: 1 }] },
  ];
  for (const c of bad) {
    it(`rejects: ${c.name}`, () => {
      assert.throws(
        () => jsonPatch(doc, c.ops),
        (e: unknown) => e instanceof ApiError && e.code === 400,
      );
      assert.deepEqual(doc, { metadata: { labels: { a: '1' } }, list: [1, 2, 3] });
    });
  }
});
