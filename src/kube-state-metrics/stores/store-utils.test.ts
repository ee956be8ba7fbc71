import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  conditionTriplet,
  kubeLabelsToPrometheusLabels,
  labelName,
  mapToPrometheusLabels,
  quantityCores,
  quantityToFloat,
  quantityValue,
  resourceVersionMetric,
  sanitizeLabelName,
  timestampSeconds,
} from './store-utils.ts';

test('sanitizeLabelName and labelName', () => {
  const cases: [string, string][] = [
    ['app.kubernetes.io/name', 'label_app_kubernetes_io_name'],
    ['myLabel', 'label_my_label'],
    ['ABC', 'label_abc'],
    ['1st', 'label_1st'],
    ['héllo', 'label_h_llo'],
    ['emoji😀x', 'label_emoji_x'],
  ];
  for (const [key, want] of cases) assert.equal(labelName('label', key), want, key);
  assert.equal(sanitizeLabelName('nvidia.com/gpu'), 'nvidia_com_gpu');
});

test('mapToPrometheusLabels sorts keys and resolves conflicts without duplicates', () => {
  const cases: [Record<string, string>, string[], string[]][] = [
    [{ b: '2', a: '1' }, ['label_a', 'label_b'], ['1', '2']],
    [{ 'foo-bar': 'x', foo_bar: 'y' }, ['label_foo_bar_conflict1', 'label_foo_bar_conflict2'], ['x', 'y']],
    [
      { 'a.b': '1', 'a-b': '2', a_b: '3' },
      ['label_a_b_conflict1', 'label_a_b_conflict2', 'label_a_b_conflict3'],
      ['2', '1', '3'],
    ],
    // A key that sanitises to an already-suffixed name starts its own conflict chain.
    [
      { foo_bar_conflict1: 'z', 'foo-bar': 'x', foo_bar: 'y' },
      ['label_foo_bar_conflict1_conflict1', 'label_foo_bar_conflict2', 'label_foo_bar_conflict1_conflict2'],
      ['x', 'y', 'z'],
    ],
  ];
  for (const [map, keys, values] of cases) {
    const got = mapToPrometheusLabels(map, 'label');
    assert.deepEqual(got, { keys, values }, JSON.stringify(map));
    assert.equal(new Set(got.keys).size, got.keys.length);
  }
});

test('kubeLabelsToPrometheusLabels applies the allow list before sanitising', () => {
  const labels = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop', team: 'a', tier: 'b' };
  const cases: [string[], string[]][] = [
    [[], []],
    [['*'], ['label_app_kubernetes_io_name', 'label_app_kubernetes_io_part_of', 'label_team', 'label_tier']],
    [['team', '*'], ['label_team']],
    [['app.kubernetes.io/*'], ['label_app_kubernetes_io_name', 'label_app_kubernetes_io_part_of']],
    [['t*r'], ['label_tier']],
    [['*a*'], []],
    [['missing', 'tier'], ['label_tier']],
  ];
  for (const [allow, keys] of cases) {
    assert.deepEqual(kubeLabelsToPrometheusLabels(labels, allow).keys, keys, JSON.stringify(allow));
  }
  assert.deepEqual(kubeLabelsToPrometheusLabels('garbage', ['*']), { keys: [], values: [] });
});

test('quantities follow Go Value() / MilliValue() rounding', () => {
  const cases: [string, number | undefined, number | undefined, number | undefined][] = [
    // input, Value(), cores (MilliValue/1000), KSM convertValueToFloat64
    ['100m', 1, 0.1, 0.1],
    ['1', 1, 1, 1],
    ['1.5', 2, 1.5, 1.5],
    ['1.5Gi', 1610612736, 1610612736, 1610612736],
    ['64Mi', 67108864, 67108864, 67108864],
    ['2.1G', 2100000000, 2100000000, 2100000000],
    ['1e3', 1000, 1000, 1000],
    ['1E', 1e18, 1e18, 1e18],
    ['1n', 1, 0.001, 0.001],
    ['-1.5', -1, -1.5, -1.5],
    ['100Ei', 100 * 2 ** 60, 100 * 2 ** 60, 100 * 2 ** 60],
    ['abc', undefined, undefined, undefined],
    ['1.2.3', undefined, undefined, undefined],
    ['', undefined, undefined, undefined],
  ];
  for (const [s, value, cores, float] of cases) {
    assert.equal(quantityValue(s), value, `Value(${s})`);
    assert.equal(quantityCores(s), cores, `cores(${s})`);
    assert.equal(quantityToFloat(s), float, `float(${s})`);
  }
  assert.equal(quantityValue(42), undefined);
});

test('timestamps and resource versions', () => {
  assert.equal(timestampSeconds('2026-01-02T03:04:05Z'), 1767323045);
  assert.equal(timestampSeconds('2026-01-02T03:04:05.999+01:00'), 1767319445);
  assert.equal(timestampSeconds('0001-01-01T00:00:00Z'), undefined);
  for (const bad of ['nope', '2026-01-02', 'Jan 2 2026', '2026-01-02T03:04:05']) {
    assert.equal(timestampSeconds(bad), undefined, bad);
  }
  assert.equal(timestampSeconds(undefined), undefined);
  assert.deepEqual(resourceVersionMetric({ metadata: { resourceVersion: '42' } }), [
    { labelKeys: [], labelValues: [], value: 42 },
  ]);
  for (const bad of ['abc', '', ' 7', '0x1f', 'Infinity']) {
    assert.deepEqual(resourceVersionMetric({ metadata: { resourceVersion: bad } }), [], bad);
  }
});

test('conditionTriplet', () => {
  const values = (s: unknown) => conditionTriplet(s).map((m) => `${m.labelValues.join('/')}=${m.value}`);
  assert.deepEqual(values('True'), ['true=1', 'false=0', 'unknown=0']);
  assert.deepEqual(values('False'), ['true=0', 'false=1', 'unknown=0']);
  assert.deepEqual(values('Unknown'), ['true=0', 'false=0', 'unknown=1']);
  assert.deepEqual(values('weird'), ['true=0', 'false=0', 'unknown=0']);
  assert.deepEqual(
    conditionTriplet('True', ['condition', 'status'], ['Ready']).map((m) => m.labelValues),
    [
      ['Ready', 'true'],
      ['Ready', 'false'],
      ['Ready', 'unknown'],
    ],
  );
});
