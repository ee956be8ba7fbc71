import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelsAllowListFromConfig, parseLabelsAllowList, resolveLabelsAllowList } from './labels-allowlist.ts';
import { createFamilyFilter } from './metric-filter.ts';

test('parseLabelsAllowList accepts upstream forms', () => {
  const cases: [string, [string, string[]][]][] = [
    ['', []],
    ['pods=[app,team]', [['pods', ['app', 'team']]]],
    [
      'pods=[ app , team ],namespaces=[*]',
      [
        ['pods', ['app', 'team']],
        ['namespaces', ['*']],
      ],
    ],
    ['pods=[]', [['pods', []]]],
    ['*=[app.kubernetes.io/*]', [['*', ['app.kubernetes.io/*']]]],
    ['pods=[a],pods=[b]', [['pods', ['b']]]],
  ];
  for (const [input, want] of cases) assert.deepEqual([...parseLabelsAllowList(input)], want, input);
});

test('parseLabelsAllowList rejects malformed values with upstream messages', () => {
  const format = 'invalid format, metric=[label1,label2,labeln...],metricN=[]';
  const cases: [string, string][] = [
    [',pods=[app]', format],
    ['pods=[app],', format],
    ['pods=app', format],
    ['pods=[app]x', format],
    ['pods=[app,,team]', format],
    ['pods=[app,]', format],
    ['pods[app]', format],
    ['pods=[*a*]', 'invalid format, only one wildcard per label allowed'],
  ];
  for (const [input, message] of cases) assert.throws(() => parseLabelsAllowList(input), { message }, input);
});

test('resolveLabelsAllowList validates names and expands *', () => {
  const available = ['configmaps', 'pods', 'services'];
  assert.deepEqual(
    [...resolveLabelsAllowList(parseLabelsAllowList('pods=[app]'), ['pods', 'services'], available)],
    [['pods', ['app']]],
  );
  assert.deepEqual(
    [...resolveLabelsAllowList(parseLabelsAllowList('pods=[app],*=[team]'), ['pods', 'services'], available)],
    [
      ['pods', ['team']],
      ['services', ['team']],
    ],
  );
  assert.throws(() => resolveLabelsAllowList(parseLabelsAllowList('pod=[app]'), ['pods'], available), {
    message: 'resource pod does not exist. Available resources: configmaps,pods,services',
  });
});

test('createFamilyFilter: unanchored allow/deny regexes and opt-in', () => {
  const names = ['kube_pod_status_ready', 'kube_pod_status_ready_time', 'kube_pod_info'];
  const cases: [Parameters<typeof createFamilyFilter>[0], string[]][] = [
    [{}, names],
    [{ allowlist: ['kube_pod_status_ready'] }, ['kube_pod_status_ready', 'kube_pod_status_ready_time']],
    [{ allowlist: ['^kube_pod_status_ready$'] }, ['kube_pod_status_ready']],
    [{ denylist: ['ready'] }, ['kube_pod_info']],
    [{ denylist: ['kube_pod_(?!info)'] }, ['kube_pod_info']],
  ];
  for (const [opts, want] of cases) {
    const f = createFamilyFilter(opts);
    assert.deepEqual(
      names.filter((name) => f({ name })),
      want,
      JSON.stringify(opts),
    );
  }
  const optIn = { name: 'kube_pod_nodeselectors', optIn: true };
  assert.equal(createFamilyFilter({})(optIn), false);
  assert.equal(createFamilyFilter({ optInList: ['kube_pod_nodeselectors'] })(optIn), true);
  assert.equal(
    createFamilyFilter({ optInList: ['kube_pod_nodeselectors'], denylist: ['nodeselectors'] })(optIn),
    false,
  );
});

test('createFamilyFilter errors', () => {
  assert.throws(() => createFamilyFilter({ allowlist: ['a'], denylist: ['b'] }), {
    message: 'allowlist and denylist are both set, they are mutually exclusive, only one of them can be set',
  });
  assert.throws(() => createFamilyFilter({ denylist: ['('] }), /--metric-denylist: invalid regular expression "\("/);
});

test('labelsAllowListFromConfig reads the YAML map form', () => {
  assert.deepEqual(
    [...labelsAllowListFromConfig({ pods: ['app', ' team '], namespaces: null }, 'labels_allow_list')],
    [
      ['pods', ['app', 'team']],
      ['namespaces', []],
    ],
  );
  assert.deepEqual([...labelsAllowListFromConfig(undefined, 'x')], []);
  assert.throws(() => labelsAllowListFromConfig(['pods'], 'labels_allow_list'), {
    message: 'labels_allow_list: expected a map of resource names to lists of keys',
  });
  assert.throws(() => labelsAllowListFromConfig({ pods: 'app' }, 'labels_allow_list'), {
    message: 'labels_allow_list.pods: expected a list of strings',
  });
  assert.throws(() => labelsAllowListFromConfig({ pods: ['*a*'] }, 'x'), {
    message: 'invalid format, only one wildcard per label allowed',
  });
});
