import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, formatKlogLine, type LogSink, pinoLevelFor } from './logger.ts';

function capture(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => lines.push(line) };
}

describe('createLogger', () => {
  it('writes component-base JSON with ts, caller, msg and v', () => {
    const sink = capture();
    const log = createLogger({ verbosity: 2, format: 'json', name: 'scraper', sink });
    log.v(2, 'Scraping node', { node: 'n1' });
    log.v(3, 'dropped');
    log.error('Failed to scrape node', { node: 'n2', err: new Error('connection refused') });
    assert.equal(sink.lines.length, 2);
    const first = JSON.parse(sink.lines[0]!) as Record<string, unknown>;
    assert.equal(typeof first.ts, 'number');
    delete first.ts;
    assert.deepEqual(first, { caller: 'scraper', v: 2, node: 'n1', msg: 'Scraping node' });
    const second = JSON.parse(sink.lines[1]!) as Record<string, unknown>;
    delete second.ts;
    assert.deepEqual(second, {
      caller: 'scraper',
      node: 'n2',
      err: 'connection refused',
      msg: 'Failed to scrape node',
    });
  });

  it('writes klog text lines', () => {
    const sink = capture();
    const log = createLogger({ verbosity: 0, format: 'text', name: 'kubelet', sink });
    log.info('Starting', { port: 10250, secure: true });
    log.v(1, 'hidden');
    log.warn('Odd', { path: '/x' });
    assert.equal(sink.lines.length, 2);
    assert.match(sink.lines[0]!, /^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ kubelet\] "Starting" port=10250 secure=true\n$/);
    assert.match(sink.lines[1]!, /^W\d{4} .* kubelet\] "Odd" path="\/x"\n$/);
  });

  it('child loggers keep bindings', () => {
    const sink = capture();
    const log = createLogger({ verbosity: 0, format: 'json', sink }).child({ resource: 'pods' });
    log.info('Synced');
    const rec = JSON.parse(sink.lines[0]!) as Record<string, unknown>;
    assert.equal(rec.resource, 'pods');
    assert.equal(rec.caller, 'main');
  });
});

describe('formatKlogLine', () => {
  const cases = [
    {
      name: 'info with string and number',
      rec: { level: 'info', ts: 1795374270.609, caller: 'scraper', msg: 'Scraping node', v: 2, node: 'n1', n: 3 },
      want: 'I1122 19:04:30.609000    4242 scraper] "Scraping node" node="n1" n=3\n',
    },
    {
      name: 'error with quotes in err',
      rec: { level: 'error', ts: 1795374270, caller: 'x', msg: 'Failed', err: 'Get "https://a"' },
      want: 'E1122 19:04:30.000000    4242 x] "Failed" err="Get \\"https://a\\""\n',
    },
    {
      name: 'object value',
      rec: { level: 'info', ts: 1795374270, msg: 'm', obj: { a: 1 } },
      want: 'I1122 19:04:30.000000    4242 main] "m" obj="{\\"a\\":1}"\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(formatKlogLine(c.rec, 4242), c.want));
  }
});

describe('pinoLevelFor', () => {
  for (const [v, want] of [
    [0, 'info'],
    [1, 'debug'],
    [4, 'debug'],
    [5, 'trace'],
    [10, 'trace'],
  ] as const) {
    it(`-v ${v} -> ${want}`, () => assert.equal(pinoLevelFor(v), want));
  }
});

describe('Logger argument orders', () => {
  it('accepts pino-style (fields, msg) and maps debug to V(4)', () => {
    const sink = capture();
    const log = createLogger({ verbosity: 4, format: 'json', sink });
    log.error({ node: 'n1', err: new Error('boom') }, 'Failed');
    log.debug({ pod: 'p' }, 'Detail');
    createLogger({ verbosity: 3, format: 'json', sink }).debug('hidden at -v 3');
    const recs = sink.lines.map((l) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      delete r.ts;
      return r;
    });
    assert.deepEqual(recs, [
      { caller: 'main', node: 'n1', err: 'boom', msg: 'Failed' },
      { caller: 'main', v: 4, pod: 'p', msg: 'Detail' },
    ]);
  });
});
