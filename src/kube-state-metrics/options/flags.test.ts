import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { applyConfigFile, configHash } from './config-file.ts';
import { helpText, inertFlagsUsed, type KsmOptions, ksmFlags } from './flags.ts';
import { resolveOptions } from './validate.ts';

function parse(argv: string[]): KsmOptions {
  const { flags, options } = ksmFlags();
  flags.parse(argv);
  return options();
}

test('--help matches kube-state-metrics v2.20.0 byte for byte', () => {
  const golden = readFileSync(new URL('./testdata/help-v2.20.0.txt', import.meta.url), 'utf8');
  assert.equal(helpText(ksmFlags().flags), golden);
});

test('defaults', () => {
  const o = parse([]);
  assert.deepEqual(
    [o.port, o.host, o.telemetryPort, o.telemetryHost, o.shard, o.totalShards, o.autoGoMemLimitRatio],
    [8080, '::', 8081, '::', 0, 1, 0.9],
  );
  assert.deepEqual(
    [o.serverReadTimeoutMs, o.serverWriteTimeoutMs, o.serverIdleTimeoutMs, o.serverReadHeaderTimeoutMs],
    [60_000, 60_000, 300_000, 5_000],
  );
  assert.deepEqual([o.resources, o.namespaces, o.labelsAllowList.size], [[], [], 0]);
});

test('list flags split, trim, drop empties, accumulate and dedupe', () => {
  const cases: [string[], keyof KsmOptions, unknown][] = [
    [['--resources=pods, services,,'], 'resources', ['pods', 'services']],
    [['--resources', 'pods', '--resources=nodes,pods'], 'resources', ['pods', 'nodes']],
    [['--namespaces=a,b', '--namespaces=c'], 'namespaces', ['a', 'b', 'c']],
    [['--namespaces-denylist=kube-system'], 'namespacesDenylist', ['kube-system']],
    [['--metric-allowlist=kube_pod_info,kube_node_.*'], 'metricAllowlist', ['kube_pod_info', 'kube_node_.*']],
    [['--shard=2', '--total-shards=3'], 'shard', 2],
    [['-v=4'], 'verbosity', 4],
    [['--v', '3'], 'verbosity', 3],
    [['--server-write-timeout=90s'], 'serverWriteTimeoutMs', 90_000],
    [['--track-unscheduled-pods'], 'trackUnscheduledPods', true],
  ];
  for (const [argv, field, want] of cases) assert.deepEqual(parse(argv)[field], want, argv.join(' '));
  assert.deepEqual(
    [...parse(['--metric-labels-allowlist=pods=[app,team]', '--metric-labels-allowlist=nodes=[*]']).labelsAllowList],
    [
      ['pods', ['app', 'team']],
      ['nodes', ['*']],
    ],
  );
});

test('bad flag values are errors with pflag messages', () => {
  const cases: [string[], string][] = [
    [['--port=abc'], 'invalid argument "abc" for "--port" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [['--bogus'], 'unknown flag: --bogus'],
    [
      ['--metric-labels-allowlist=pods=app'],
      'invalid argument "pods=app" for "--metric-labels-allowlist" flag: invalid format, metric=[label1,label2,labeln...],metricN=[]',
    ],
    [['--v=x'], 'invalid argument "x" for "--v" flag: strconv.ParseUint: parsing "x": invalid syntax'],
    [['--shard=x'], 'invalid argument "x" for "--shard" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    [
      ['--shard=2147483648'],
      'invalid argument "2147483648" for "--shard" flag: strconv.ParseInt: parsing "2147483648": value out of range',
    ],
  ];
  for (const [argv, message] of cases) assert.throws(() => parse(argv), { message }, argv.join(' '));
});

test('klog and unsupported flags parse and are reported as inert', () => {
  const { flags } = ksmFlags();
  flags.parse(['--logtostderr=false', '--vmodule=foo=2', '--alsologtostderr', '--auto-gomemlimit', '--v=2']);
  assert.deepEqual(inertFlagsUsed(flags), ['alsologtostderr', 'vmodule', 'logtostderr', 'auto-gomemlimit']);
  const quiet = ksmFlags().flags;
  quiet.parse(['--logtostderr=true', '-v=4']);
  assert.deepEqual(inertFlagsUsed(quiet), []);
});

test('-h and --help request help', () => {
  for (const argv of [['-h'], ['--help']]) {
    const { flags, options } = ksmFlags();
    flags.parse(argv);
    options();
    assert.equal(flags.helpRequested, true, argv[0]);
  }
});

test('the config file overrides flags; sets are maps and replace the flag value wholesale', () => {
  const base = parse(['--resources=pods,nodes', '--port=9000', '--namespaces=a']);
  const yaml = [
    'resources: {services: {}, configmaps: {}}',
    'metric_denylist: {kube_service_info: {}}',
    'labels_allow_list: {services: [app]}',
    'port: 9100',
    'namespace: monitoring',
    'use_api_server_cache: true',
    'server_read_timeout: 30s',
    'auto-gomemlimit-ratio: 0.5',
    'namespaces: {}',
    'unknown_key: 1',
  ].join('\n');
  const { options: o, warnings } = applyConfigFile(base, yaml, 'cfg.yaml');
  assert.deepEqual(o.resources, ['services', 'configmaps']);
  assert.deepEqual(o.metricDenylist, ['kube_service_info']);
  assert.deepEqual([...o.labelsAllowList], [['services', ['app']]]);
  assert.deepEqual(
    [o.port, o.podNamespace, o.useApiserverCache, o.serverReadTimeoutMs, o.autoGoMemLimitRatio],
    [9100, 'monitoring', true, 30_000, 0.5],
  );
  assert.deepEqual(o.namespaces, ['a'], 'an empty set in the file keeps the flag value');
  assert.deepEqual(warnings, ['config file cfg.yaml: unknown key "unknown_key" ignored']);
});

test('config file errors name the file and key', () => {
  const base = parse([]);
  const cases: [string, RegExp][] = [
    ['port: eighty', /^config file c\.yaml: port: expected an integer, got "eighty"$/],
    ['- a\n- b', /^config file c\.yaml: expected a map of options at the top level$/],
    ['resources: [', /^failed to parse config file c\.yaml: /],
    ['server_idle_timeout: soon', /^config file c\.yaml: server_idle_timeout: /],
    ['enable_gzip_encoding: yes please', /^config file c\.yaml: enable_gzip_encoding: expected true or false/],
  ];
  for (const [text, message] of cases) assert.throws(() => applyConfigFile(base, text, 'c.yaml'), { message }, text);
});

test('configHash: first 6 bytes of the MD5, little-endian', () => {
  // md5("") = d41d8cd98f00b204e9800998ecf8427e
  assert.equal(configHash(''), 0x008fd98c1dd4);
});

test('resolveOptions: upstream errors and the checks added on top', () => {
  const cases: [string[], string][] = [
    [['--resources=pod'], 'resource pod does not exist. Available resources: '],
    [
      ['--metric-allowlist=a', '--metric-denylist=b'],
      'allowlist and denylist are both set, they are mutually exclusive, only one of them can be set',
    ],
    [['--node=n1', '--resources=pods,nodes'], "resource nodes can't be sharded by field selector spec.nodeName"],
    [['--metric-labels-allowlist=foos=[a]'], 'resource foos does not exist. Available resources: '],
    [['--shard=3', '--total-shards=3'], '--shard must be between 0 and --total-shards - 1 (2), got 3'],
    [['--total-shards=0'], '--total-shards must be at least 1, got 0'],
    [['--port=70000'], '--port must be between 0 and 65535, got 70000'],
    [['--pod=ksm-0'], '--pod and --pod-namespace must be set together for auto-sharding'],
    [['--auto-gomemlimit-ratio=1.5'], 'value for --auto-gomemlimit-ratio should be between (0, 1], got 1.5'],
  ];
  for (const [argv, prefix] of cases) {
    assert.throws(
      () => resolveOptions(parse(argv)),
      (err: Error) => err.message.startsWith(prefix),
      argv.join(' '),
    );
  }
});

test('resolveOptions: resources, selectors and allowlists', () => {
  const r = resolveOptions(
    parse([
      '--resources=pods,services',
      '--namespaces-denylist=kube-system,default',
      '--metric-labels-allowlist=*=[app]',
    ]),
  );
  assert.deepEqual(
    r.resources.map((d) => d.name),
    ['pods', 'services'],
  );
  assert.equal(r.namespacedFieldSelector, 'metadata.namespace!=kube-system,metadata.namespace!=default');
  assert.equal(r.podFieldSelector, '');
  assert.equal(resolveOptions(parse(['--resources=pods', '--node=node-1'])).podFieldSelector, 'spec.nodeName=node-1');
  assert.deepEqual(
    [...r.allowLabels],
    [
      ['pods', ['app']],
      ['services', ['app']],
    ],
  );
  assert.equal(resolveOptions(parse(['--node=n', '--track-unscheduled-pods'])).podFieldSelector, 'spec.nodeName=');
  assert.equal(resolveOptions(parse([])).resources.length, 32);
});
