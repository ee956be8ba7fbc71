import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlagError, FlagSet } from './flag-set.ts';

function build() {
  const fs = new FlagSet('demo', { description: 'Launch demo', warn: () => {} });
  const g = fs.section('Demo');
  return {
    fs,
    port: g.int('port', 6443, 'The port to serve on.'),
    name: g.string('name', '', 'Name of the thing.'),
    kubeconfig: g.string('kubeconfig', 'x', 'The path to the `file`.'),
    insecure: g.bool('insecure', false, 'Skip verification.'),
    on: g.bool('on', true, 'Enabled.'),
    resolution: g.duration('metric-resolution', 60_000, 'Interval.'),
    types: g.stringSlice('types', ['Hostname', 'InternalIP'], 'Address types.'),
    faults: g.stringMap('faults', {}, 'Faults.'),
    ratio: g.float('ratio', 0, 'Ratio.'),
    v: fs.section('Logging').int('v', 0, 'number for the log level verbosity', { shorthand: 'v', typeName: 'Level' }),
  };
}

describe('FlagSet.parse', () => {
  const cases: { name: string; argv: string[]; check: (f: ReturnType<typeof build>, rest: string[]) => void }[] = [
    { name: 'equals form', argv: ['--port=10'], check: (f) => assert.equal(f.port.value, 10) },
    { name: 'separate value', argv: ['--port', '11'], check: (f) => assert.equal(f.port.value, 11) },
    { name: 'bare bool', argv: ['--insecure'], check: (f) => assert.equal(f.insecure.value, true) },
    { name: 'bool =false', argv: ['--on=false'], check: (f) => assert.equal(f.on.value, false) },
    {
      name: 'bool does not take the next word',
      argv: ['--insecure', 'false'],
      check: (f, rest) => {
        assert.equal(f.insecure.value, true);
        assert.deepEqual(rest, ['false']);
      },
    },
    {
      name: 'duration',
      argv: ['--metric-resolution=1h30m'],
      check: (f) => assert.equal(f.resolution.value, 5_400_000),
    },
    {
      name: 'slice replaces default then appends',
      argv: ['--types=A,B', '--types', 'C'],
      check: (f) => assert.deepEqual(f.types.value, ['A', 'B', 'C']),
    },
    {
      name: 'map merges',
      argv: ['--faults=n1=down,n2=slow=3s', '--faults', 'n3=garbage'],
      check: (f) => assert.deepEqual(f.faults.value, { n1: 'down', n2: 'slow=3s', n3: 'garbage' }),
    },
    { name: 'shorthand separate', argv: ['-v', '4'], check: (f) => assert.equal(f.v.value, 4) },
    { name: 'shorthand attached', argv: ['-v4'], check: (f) => assert.equal(f.v.value, 4) },
    { name: 'shorthand equals', argv: ['-v=5'], check: (f) => assert.equal(f.v.value, 5) },
    { name: 'long form of shorthand flag', argv: ['--v=6'], check: (f) => assert.equal(f.v.value, 6) },
    { name: 'empty string value', argv: ['--name='], check: (f) => assert.equal(f.name.changed, true) },
    { name: 'float', argv: ['--ratio=0.25'], check: (f) => assert.equal(f.ratio.value, 0.25) },
    {
      name: 'double dash ends flags',
      argv: ['--', '--port=1'],
      check: (f, rest) => {
        assert.equal(f.port.value, 6443);
        assert.deepEqual(rest, ['--port=1']);
      },
    },
    { name: 'help', argv: ['-h'], check: (f) => assert.equal(f.fs.helpRequested, true) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = build();
      const rest = f.fs.parse(c.argv);
      c.check(f, rest);
    });
  }

  const errors: { argv: string[]; message: string }[] = [
    { argv: ['--nope'], message: 'unknown flag: --nope' },
    { argv: ['-x'], message: "unknown shorthand flag: 'x' in -x" },
    { argv: ['--port'], message: 'flag needs an argument: --port' },
    {
      argv: ['--port=abc'],
      message: 'invalid argument "abc" for "--port" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    },
    {
      argv: ['--insecure=maybe'],
      message: 'invalid argument "maybe" for "--insecure" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    },
    {
      argv: ['--metric-resolution=5'],
      message: 'invalid argument "5" for "--metric-resolution" flag: time: missing unit in duration "5"',
    },
    {
      argv: ['--faults=oops'],
      message: 'invalid argument "oops" for "--faults" flag: oops must be formatted as key=value',
    },
    { argv: ['---x'], message: 'bad flag syntax: ---x' },
  ];
  for (const e of errors) {
    it(`rejects ${e.argv.join(' ')}`, () => {
      const f = build();
      assert.throws(
        () => f.fs.parse(e.argv),
        (err: unknown) => err instanceof FlagError && err.message === e.message,
      );
    });
  }
});

describe('FlagSet.help', () => {
  it('prints sections with pflag column layout and defaults', () => {
    const { fs } = build();
    assert.equal(
      fs.help(),
      [
        'Launch demo',
        '',
        'Usage:',
        '  demo [flags]',
        '',
        'Demo flags:',
        '',
        '      --faults mapStringString       Faults.',
        '      --insecure                     Skip verification.',
        '      --kubeconfig file              The path to the file. (default "x")',
        '      --metric-resolution duration   Interval. (default 1m0s)',
        '      --name string                  Name of the thing.',
        '      --on                           Enabled. (default true)',
        '      --port int                     The port to serve on. (default 6443)',
        '      --ratio float                  Ratio.',
        '      --types strings                Address types. (default [Hostname,InternalIP])',
        '',
        'Logging flags:',
        '',
        '  -v, --v Level   number for the log level verbosity',
        '',
      ].join('\n'),
    );
  });
});
