import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeLabelValue, familyHeader, formatValue, renderSample } from './render.ts';

test('formatValue applies KSM writeFloat special cases', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [-1, '-1'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
    [1e6, '1e+06'],
    [1.5e9, '1.5e+09'],
    [0.25, '0.25'],
  ];
  for (const [v, want] of cases) assert.equal(formatValue(v), want);
});

test('escapeLabelValue escapes backslash, quote and newline only', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['a\\b', 'a\\\\b'],
    ['say "hi"', 'say \\"hi\\"'],
    ['two\nlines', 'two\\nlines'],
    ['tab\there ünï', 'tab\there ünï'],
  ];
  for (const [v, want] of cases) assert.equal(escapeLabelValue(v), want);
});

test('familyHeader prints stability prefix, deprecation and text-mode type rewrite', () => {
  const cases: [Parameters<typeof familyHeader>[0], boolean, string][] = [
    [
      { name: 'kube_x', help: 'X.', type: 'gauge', stability: 'STABLE' },
      false,
      '# HELP kube_x [STABLE] X.\n# TYPE kube_x gauge\n',
    ],
    [
      { name: 'kube_x', help: 'X.', type: 'gauge', stability: 'ALPHA' },
      false,
      '# HELP kube_x X.\n# TYPE kube_x gauge\n',
    ],
    [
      { name: 'kube_endpoint_ports', help: 'Ports.', type: 'gauge', stability: 'STABLE', deprecatedVersion: '2.14.0' },
      false,
      '# HELP kube_endpoint_ports [STABLE] (Deprecated since v2.14.0) Ports.\n# TYPE kube_endpoint_ports gauge\n',
    ],
    [
      { name: 'kube_i', help: 'a\\b\nc "q"', type: 'info', stability: 'ALPHA' },
      false,
      '# HELP kube_i a\\\\b\\nc "q"\n# TYPE kube_i gauge\n',
    ],
    [{ name: 'kube_i', help: 'I.', type: 'info', stability: 'ALPHA' }, true, '# HELP kube_i I.\n# TYPE kube_i info\n'],
    [
      { name: 'kube_s', help: 'S.', type: 'stateset', stability: 'ALPHA' },
      true,
      '# HELP kube_s S.\n# TYPE kube_s stateset\n',
    ],
  ];
  for (const [gen, om, want] of cases) assert.equal(familyHeader(gen, om), want);
});

test('renderSample puts default labels first and omits braces without labels', () => {
  assert.equal(renderSample('m', [], [], { labelKeys: [], labelValues: [], value: 3 }), 'm 3\n');
  assert.equal(
    renderSample('m', ['namespace', 'pod'], ['ns', 'p'], { labelKeys: ['k'], labelValues: ['v"'], value: 1e6 }),
    'm{namespace="ns",pod="p",k="v\\""} 1e+06\n',
  );
  assert.equal(renderSample('m', [], [], { labelKeys: ['a', 'b'], labelValues: ['x'], value: 1 }), 'm{a="x",b=""} 1\n');
});
