import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffExpositions, formatDiff, isClean, splitFamilies, splitSeries } from '../bench/exposition-diff.ts';
import { diffServed, goDurationMs } from '../bench/metrics-api-diff.ts';

describe('bench exposition diff', () => {
  it('splits series names and labels, escapes included', () => {
    const cases: [string, { name: string; labels: [string, string][] }][] = [
      ['up', { name: 'up', labels: [] }],
      [
        'a{x="1",y="2"}',
        {
          name: 'a',
          labels: [
            ['x', '1'],
            ['y', '2'],
          ],
        },
      ],
      [
        'a{x="q\\"},z",y=""}',
        {
          name: 'a',
          labels: [
            ['x', 'q\\"},z'],
            ['y', ''],
          ],
        },
      ],
    ];
    for (const [text, want] of cases) assert.deepEqual(splitSeries(text), want, text);
  });

  it('splits a body into family blocks', () => {
    const body = Buffer.from(
      '# HELP a_total A.\n# TYPE a_total counter\na_total{x="1"} 1\n# HELP b B.\n# TYPE b gauge\nb 2\nc 3\n',
    );
    const blocks = splitFamilies(body);
    assert.deepEqual([...blocks.keys()], ['a_total', 'b', 'c']);
    assert.equal(blocks.get('c')?.[0]?.toString(), 'c 3\n');
  });

  it('reports each kind of difference under its family', () => {
    const upstream = [
      '# HELP k Help.',
      '# TYPE k gauge',
      'k{a="1",b="2"} 1',
      'k{a="3",b="4"} 1e+06',
      'k{a="5",b="6"} 7',
      'k{a="8",b="9"} 1',
      '# HELP same S.',
      '# TYPE same gauge',
      'same 1',
      '',
    ].join('\n');
    const ours = [
      '# HELP k Other help.',
      '# TYPE k gauge',
      'k{b="2",a="1"} 1',
      'k{a="3",b="4"} 1000000',
      'k{a="5",b="6"} 8',
      'k{a="10",b="11"} 1',
      '# HELP same S.',
      '# TYPE same gauge',
      'same 1',
      '',
    ].join('\n');
    const diffs = diffExpositions(upstream, ours);
    assert.deepEqual(
      diffs.map((d) => [d.family, isClean(d)]),
      [
        ['k', false],
        ['same', true],
      ],
    );
    const k = diffs[0]!;
    assert.deepEqual(k.help, { ours: 'Other help.', upstream: 'Help.' });
    assert.deepEqual(k.labelOrder, [['k{a="1",b="2"}', 'k{b="2",a="1"}']]);
    assert.deepEqual(k.spelling, [['k{a="3",b="4"}', '1e+06', '1000000']]);
    assert.deepEqual(k.values, [['k{a="5",b="6"}', '7', '8']]);
    assert.deepEqual(k.onlyUpstream, ['k{a="8",b="9"}']);
    assert.deepEqual(k.onlyOurs, ['k{a="10",b="11"}']);
    assert.match(formatDiff(diffs), /^2 families: 1 identical, 1 differ\n/);
  });
});

describe('bench served metrics diff', () => {
  it('reads Go durations', () => {
    const cases: [string, number][] = [
      ['15.218s', 15218],
      ['399.875191ms', 399.875191],
      ['1m0.5s', 60500],
      ['1h', 3_600_000],
      ['12x', Number.NaN],
    ];
    for (const [text, ms] of cases) assert.equal(goDurationMs(text), ms, text);
  });

  it('compares values only where both used the same pair of samples', () => {
    const node = (name: string, ts: string, window: string, cpu: string) => ({
      metadata: { name },
      timestamp: ts,
      window,
      usage: { cpu, memory: '1Ki' },
    });
    const d = diffServed(
      'nodes',
      [
        node('a', '2026-01-01T00:00:00Z', '15s', '5n'),
        node('b', '2026-01-01T00:00:00Z', '15s', '5n'),
        node('c', '2026-01-01T00:00:00Z', '15s', '5n'),
        node('d', '2026-01-01T00:00:00Z', '15s', '5n'),
      ],
      [
        node('a', '2026-01-01T00:00:00Z', '15s', '5n'),
        node('b', '2026-01-01T00:00:00Z', '15s', '6n'),
        node('c', '2026-01-01T00:00:15Z', '15s', '7n'),
        node('e', '2026-01-01T00:00:00Z', '15s', '5n'),
      ],
    );
    assert.deepEqual(
      {
        samePair: d.samePair,
        equal: d.equalValues,
        other: d.otherPair,
        values: d.valueDiffs,
        up: d.onlyUpstream,
        ours: d.onlyOurs,
      },
      {
        samePair: 2,
        equal: 1,
        other: 1,
        values: [{ key: 'b', upstream: 'cpu=5n memory=1Ki', ours: 'cpu=6n memory=1Ki' }],
        up: ['d'],
        ours: ['e'],
      },
    );
  });
});
