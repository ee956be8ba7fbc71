import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HealthEndpoint, metricsServerProbes } from './health.ts';
import { Manager } from './manager.ts';

describe('health endpoints (scenario 14)', () => {
  let ready = false;
  const failures: string[] = [];
  const readyz = new HealthEndpoint(
    'readyz',
    [
      { name: 'ping', check: () => undefined },
      { name: 'metric-storage-ready', check: () => (ready ? undefined : 'no metrics to serve') },
    ],
    (check, reason) => failures.push(`${check}: ${reason}`),
  );
  const q = (s = '') => new URLSearchParams(s);

  const cases: Array<[string, boolean, string, string, number, string]> = [
    [
      'empty storage',
      false,
      '',
      '',
      500,
      '[+]ping ok\n[-]metric-storage-ready failed: reason withheld\nreadyz check failed\n',
    ],
    ['ready', true, '', '', 200, 'ok'],
    ['ready, verbose', true, '', 'verbose', 200, '[+]ping ok\n[+]metric-storage-ready ok\nreadyz check passed\n'],
    [
      'excluded check',
      false,
      '',
      'exclude=metric-storage-ready&verbose',
      200,
      '[+]ping ok\n[+]metric-storage-ready excluded: ok\nreadyz check passed\n',
    ],
    [
      'unknown exclusion',
      true,
      '',
      'exclude=nope&verbose',
      200,
      '[+]ping ok\n[+]metric-storage-ready ok\nwarn: some health checks cannot be excluded: no matches for "nope"\nreadyz check passed\n',
    ],
    ['one check, failing', false, '/metric-storage-ready', '', 500, 'internal server error: no metrics to serve\n'],
    ['one check, passing', true, '/ping', '', 200, 'ok'],
  ];
  for (const [name, isReady, rest, query, status, body] of cases) {
    it(name, () => {
      ready = isReady;
      assert.deepEqual(readyz.handle(rest, q(query)), { status, body });
    });
  }

  it('unknown sub-paths fall through (404 upstream)', () => {
    assert.equal(readyz.handle('/nope', q()), undefined);
  });

  it('logs the withheld reason', () => {
    ready = false;
    failures.length = 0;
    readyz.handle('', q());
    assert.deepEqual(failures, ['metric-storage-ready: no metrics to serve']);
  });

  it('livez: metric-collection-timely fails only after 1.5 x resolution without a tick', async () => {
    let now = 1_754_300_000_000;
    const manager = new Manager({
      scraper: { scrape: async () => ({ nodes: new Map(), pods: new Map() }) },
      storage: { store() {}, pointCounts: () => ({ node: 0, container: 0 }) },
      resolutionMs: 15_000,
      now: () => now,
    });
    assert.equal(manager.timelyProblem(), undefined, 'passes before the first tick');
    await manager.tick();
    now += 22_500;
    assert.equal(manager.timelyProblem(), undefined, 'exactly 1.5 x resolution is still timely');
    now += 1;
    assert.equal(manager.timelyProblem(), "metric collection didn't finish on time");
    await manager.tick();
    assert.equal(manager.timelyProblem(), undefined);
  });

  it('metrics-server registers upstream checks in upstream order', () => {
    const [healthz, livez, readyz] = metricsServerProbes({
      storageReady: () => false,
      nodesSynced: () => true,
      podsSynced: () => false,
      timelyProblem: () => undefined,
      shuttingDown: () => false,
    });
    const base =
      '[+]ping ok\n[+]log ok\n[+]poststarthook/max-in-flight-filter ok\n[+]poststarthook/storage-object-count-tracker-hook ok\n';
    assert.deepEqual(healthz?.handle('', q('verbose')), {
      status: 200,
      body: `${base}[+]metadata-informer-sync ok\nhealthz check passed\n`,
    });
    assert.deepEqual(livez?.handle('', q('verbose')), {
      status: 200,
      body: `${base}[+]metric-collection-timely ok\n[+]metadata-informer-sync ok\nlivez check passed\n`,
    });
    assert.deepEqual(readyz?.handle('', q()), {
      status: 500,
      body: `${base}[-]metric-storage-ready failed: reason withheld\n[-]metric-informer-sync failed: reason withheld\n[+]metadata-informer-sync ok\n[+]shutdown ok\nreadyz check failed\n`,
    });
    assert.deepEqual(readyz?.handle('/metric-informer-sync', q()), {
      status: 500,
      body: 'internal server error: cache for pod informer has not synced\n',
    });
  });
});
