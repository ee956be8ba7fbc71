import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { createMetricsServerMetrics } from '../scraper/self-metrics.ts';
import { MetricsStorage } from '../storage/storage.ts';
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

  it('a node whose scrape failed is dropped, and served again two good scrapes later (scenario 11)', async () => {
    const T = 1_754_300_000_000;
    const point = (cpuSeconds: number, at: number) => ({
      startTime: 0,
      timestamp: at,
      cumulativeCpuUsed: Math.round(cpuSeconds * 1e9),
      memoryUsage: 1_048_576,
    });
    const scrapes: MetricsBatch[] = [
      { nodes: new Map([['node-a', point(10, T)]]), pods: new Map() },
      { nodes: new Map([['node-a', point(10.3, T + 15_000)]]), pods: new Map() },
      { nodes: new Map(), pods: new Map() }, // the kubelet did not answer
      { nodes: new Map([['node-a', point(10.9, T + 45_000)]]), pods: new Map() },
      { nodes: new Map([['node-a', point(11.2, T + 60_000)]]), pods: new Map() },
    ];
    const storage = new MetricsStorage({ resolutionMs: 15_000 });
    const manager = new Manager({
      scraper: { scrape: async () => scrapes.shift() as MetricsBatch },
      storage,
      resolutionMs: 15_000,
    });
    const served: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      await manager.tick();
      served.push(storage.getNodeMetrics(['node-a'])[0]?.cpu);
    }
    assert.deepEqual(served, [undefined, 20_000_000, undefined, undefined, 20_000_000]);
  });
});
