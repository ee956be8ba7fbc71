import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { createMetricsServerMetrics } from '../scraper/self-metrics.ts';
import type { MetricsBatch } from '../storage/types.ts';
import { Manager } from './manager.ts';

describe('Manager (tick loop)', () => {
  it('ticks at once, stores each batch and publishes tick duration and stored points', async () => {
    const registry = new Registry();
    const metrics = createMetricsServerMetrics(registry, 15);
    const stored: MetricsBatch[] = [];
    let scrapes = 0;
    const batch: MetricsBatch = { nodes: new Map(), pods: new Map() };
    const manager = new Manager({
      scraper: {
        scrape: async () => {
          scrapes++;
          return batch;
        },
      },
      storage: { store: (b) => stored.push(b), pointCounts: () => ({ node: 3, container: 42 }) },
      resolutionMs: 10_000,
      metrics,
    });
    manager.start();
    await new Promise((r) => setImmediate(r));
    await manager.stop();
    assert.equal(scrapes, 1);
    assert.deepEqual(stored, [batch]);
    const text = await registry.metrics();
    assert.match(text, /^metrics_server_storage_points\{type="node"\} 3$/m);
    assert.match(text, /^metrics_server_storage_points\{type="container"\} 42$/m);
    assert.match(text, /^metrics_server_manager_tick_duration_seconds_count 1$/m);
  });

  it('a failing scrape is logged and the loop goes on', async () => {
    const errors: string[] = [];
    const manager = new Manager({
      scraper: {
        scrape: async () => {
          throw new Error('boom');
        },
      },
      storage: { store() {}, pointCounts: () => ({ node: 0, container: 0 }) },
      resolutionMs: 10_000,
      logger: {
        verbosity: 0,
        enabled: () => false,
        info() {},
        v() {},
        debug() {},
        warn() {},
        error: (msg: unknown) => errors.push(String(msg)),
        child() {
          return this;
        },
      },
    });
    await manager.tick();
    assert.deepEqual(errors, ['Failed to scrape and store metrics']);
    assert.equal(manager.ticks, 1);
  });
});
