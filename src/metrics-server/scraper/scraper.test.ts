import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import type { Clock } from '../../shared/kube/backoff.ts';
import type { KubeObject } from '../../shared/kube/object.ts';
import { createLogger } from '../../shared/logging/logger.ts';
import { KubeletError, type KubeletMetricsGetter, type KubeletResponse } from '../kubelet-client/kubelet-client.ts';
import { Scraper } from './scraper.ts';
import { createMetricsServerMetrics, freshnessBuckets, tickDurationBuckets } from './self-metrics.ts';

function node(name: string, ready = true): KubeObject {
  return {
    metadata: { name },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

function payload(nodeName: string, pod = `pod-${nodeName}`): string {
  return [
    `container_cpu_usage_seconds_total{container="app",namespace="ns",pod="${pod}"} 2 1700000000000`,
    `container_memory_working_set_bytes{container="app",namespace="ns",pod="${pod}"} 2048 1700000000000`,
    'node_cpu_usage_seconds_total 10 1700000000000',
    'node_memory_working_set_bytes 4096 1700000000000',
    '',
  ].join('\n');
}

type Behaviour = { body: string } | { error: KubeletError } | 'hang';

/** A kubelet getter whose answer per node is set by the test. */
class FakeKubelets implements KubeletMetricsGetter {
  behaviour = new Map<string, Behaviour>();
  calls: string[] = [];
  async getMetrics(n: KubeObject, signal?: AbortSignal): Promise<KubeletResponse> {
    const name = n.metadata.name ?? '';
    this.calls.push(name);
    const b = this.behaviour.get(name) ?? { body: payload(name) };
    if (b === 'hang') {
      if (!signal?.aborted)
        await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
      throw new KubeletError({
        node: name,
        url: `https://${name}:10250/metrics/resource`,
        failure: 'timeout',
        message: 'context deadline exceeded',
      });
    }
    if ('error' in b) throw b.error;
    return { body: Buffer.from(b.body), requestTime: 1700000000000, url: `https://${name}:10250/metrics/resource` };
  }
}

const instantClock: Clock & { sleeps: number[] } = {
  sleeps: [],
  now: () => Date.now(),
  async sleep(ms) {
    this.sleeps.push(ms);
  },
};

function refused(name: string): KubeletError {
  return new KubeletError({
    node: name,
    url: `https://10.0.0.9:10250/metrics/resource`,
    failure: 'connect',
    message: 'Get "https://10.0.0.9:10250/metrics/resource": dial tcp 10.0.0.9:10250: connect: connection refused',
  });
}

function setup(nodes: KubeObject[]) {
  const kubelets = new FakeKubelets();
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ verbosity: 4, format: 'json', sink: { write: (l) => lines.push(JSON.parse(l)) } });
  const registry = new Registry();
  const metrics = createMetricsServerMetrics(registry, 15);
  const lister = { nodes, list: () => lister.nodes };
  const scraper = new Scraper({
    nodes: lister,
    kubelet: kubelets,
    resolutionMs: 300,
    logger,
    metrics,
    clock: instantClock,
    random: () => 0.5,
  });
  return { kubelets, lines, registry, metrics, lister, scraper };
}

describe('Scraper', () => {
  it('merges healthy nodes; broken, slow and garbage kubelets only drop themselves', async () => {
    const { kubelets, scraper, lines, registry } = setup([
      node('a'),
      node('b'),
      node('refused'),
      node('slow'),
      node('garbage'),
      node('down', false),
    ]);
    kubelets.behaviour.set('refused', { error: refused('refused') });
    kubelets.behaviour.set('slow', 'hang');
    kubelets.behaviour.set('garbage', { body: 'node_cpu_usage_seconds_total{ oops\n' });
    kubelets.behaviour.set('down', { error: refused('down') });
    const batch = await scraper.scrape();
    assert.deepEqual([...batch.nodes.keys()].sort(), ['a', 'b']);
    assert.deepEqual([...batch.pods.keys()].sort(), ['ns/pod-a', 'ns/pod-b']);
    assert.deepEqual(batch.nodes.get('a'), {
      startTime: 0,
      timestamp: 1700000000000,
      cumulativeCpuUsed: 10e9,
      memoryUsage: 4096,
    });

    const failures = lines.filter((l) => String(l.msg).startsWith('Failed to scrape node'));
    assert.deepEqual(failures.map((l) => [l.msg, l.node, l.v]).sort(), [
      ['Failed to scrape node, node is not ready', 'down', 4],
      ['Failed to scrape node, timeout to access kubelet', 'slow', undefined],
      ['Failed to scrape node', 'garbage', undefined],
      ['Failed to scrape node', 'refused', undefined],
    ]);
    assert.match(String(failures.find((l) => l.node === 'garbage')?.err), /^failed parsing metrics: /);

    const text = await registry.metrics();
    assert.match(text, /metrics_server_kubelet_request_total\{success="true"\} 2/);
    assert.match(text, /metrics_server_kubelet_request_total\{success="false"\} 4/);
    assert.match(text, /metrics_server_kubelet_request_duration_seconds_count\{node="slow"\} 1/);
    assert.match(text, /metrics_server_kubelet_last_request_time_seconds\{node="a"\} \d+/);
  });

  it('logs a failure once per change of reason, and the recovery', async () => {
    const { kubelets, scraper, lines } = setup([node('a')]);
    const failed = () => lines.filter((l) => l.msg === 'Failed to scrape node').map((l) => l.err);
    kubelets.behaviour.set('a', { error: refused('a') });
    await scraper.scrape();
    await scraper.scrape();
    assert.equal(failed().length, 1);
    kubelets.behaviour.set('a', { body: 'node_cpu_usage_seconds_total{ oops\n' });
    await scraper.scrape();
    assert.equal(failed().length, 2);
    kubelets.behaviour.delete('a');
    const batch = await scraper.scrape();
    assert.equal(batch.nodes.size, 1);
    assert.equal(lines.filter((l) => l.msg === 'Scraping node recovered').length, 1);
    kubelets.behaviour.set('a', { error: refused('a') });
    await scraper.scrape();
    assert.equal(failed().length, 3, 'a failure after a recovery is news again');
  });

  it('keeps the first of duplicate pod points', async () => {
    const { kubelets, scraper, lines } = setup([node('a'), node('b')]);
    kubelets.behaviour.set('a', { body: payload('a', 'shared') });
    kubelets.behaviour.set('b', { body: payload('b', 'shared') });
    const batch = await scraper.scrape();
    assert.deepEqual([...batch.pods.keys()], ['ns/shared']);
    assert.deepEqual(
      lines.filter((l) => l.msg === 'Got duplicate pod point').map((l) => [l.pod, l.node]),
      [['ns/shared', 'b']],
    );
  });

  it('forgets per-node series of nodes that left', async () => {
    const { scraper, registry, lister } = setup([node('a'), node('gone')]);
    await scraper.scrape();
    lister.nodes = [node('a')];
    await scraper.scrape();
    const text = await registry.metrics();
    assert.doesNotMatch(text, /node="gone"/);
    assert.match(text, /node="a"/);
  });

  it('aborting the tick ends it at once', async () => {
    const { kubelets, scraper } = setup([node('a'), node('slow')]);
    kubelets.behaviour.set('slow', 'hang');
    const controller = new AbortController();
    const pending = scraper.scrape(controller.signal);
    controller.abort();
    const batch = await pending;
    assert.deepEqual([...batch.nodes.keys()], ['a']);
  });

  it('bounds requests to cold nodes in flight, and lets warm nodes go at once', async () => {
    const names = ['n1', 'n2', 'n3', 'n4', 'n5'];
    let inFlight = 0;
    let peak = 0;
    const kubelet: KubeletMetricsGetter = {
      async getMetrics(n) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        const name = n.metadata.name ?? '';
        return { body: Buffer.from(payload(name)), requestTime: 1700000000000, url: `https://${name}/` };
      },
    };
    const scraper = new Scraper({
      nodes: { list: () => names.map((n) => node(n)) },
      kubelet,
      resolutionMs: 5_000,
      maxColdRequests: 2,
      clock: instantClock,
    });
    const first = await scraper.scrape();
    assert.equal(first.nodes.size, 5);
    assert.equal(peak, 2, 'cold nodes wait for one of the 2 slots');
    peak = 0;
    const second = await scraper.scrape();
    assert.equal(second.nodes.size, 5);
    assert.equal(peak, 5, 'warm nodes are not limited');
  });

  it('a cold node still waiting for a slot when the tick ends fails without a request', async () => {
    const kubelets = new FakeKubelets();
    for (const n of ['a', 'b', 'c']) kubelets.behaviour.set(n, 'hang');
    const limited = new Scraper({
      nodes: { list: () => [node('a'), node('b'), node('c')] },
      kubelet: kubelets,
      resolutionMs: 50,
      maxColdRequests: 1,
      clock: instantClock,
    });
    const batch = await limited.scrape();
    assert.equal(batch.nodes.size, 0);
    assert.equal(kubelets.calls.length, 1, 'only the node holding the slot was requested');
  });

  it('spreads starts by 8 ms per node, at most 1 s and a tenth of the resolution', () => {
    const s = (resolutionMs: number, maxStaggerMs?: number) =>
      new Scraper({
        nodes: { list: () => [] },
        kubelet: new FakeKubelets(),
        resolutionMs,
        ...(maxStaggerMs === undefined ? {} : { maxStaggerMs }),
      });
    assert.equal(s(15_000).staggerMs(100), 800);
    assert.equal(s(15_000).staggerMs(5000), 1000);
    assert.equal(s(60_000).staggerMs(5000), 1000);
    assert.equal(s(5_000).staggerMs(5000), 500);
    assert.equal(s(60_000).staggerMs(0), 0);
    assert.equal(s(60_000, 4000).staggerMs(5000), 4000);
  });
});

describe('self-metrics buckets', () => {
  const cases = [
    { r: 15, want: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 12.5, 15, 22.5, 30] },
    { r: 60, want: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 35, 60, 90, 120] },
    { r: 10, want: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
    { r: 3, want: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10] },
    { r: 5.001, want: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
  ];
  for (const c of cases) it(`tick buckets for ${c.r}s`, () => assert.deepEqual(tickDurationBuckets(c.r), c.want));

  it('freshness buckets are ExponentialBuckets(1, 1.364, 20)', () => {
    const b = freshnessBuckets();
    assert.equal(b.length, 20);
    assert.deepEqual(b.slice(0, 4), [1, 1.364, 1.8604960000000004, 2.5377165440000007]);
  });

  it('registers the upstream names', async () => {
    const registry = new Registry();
    createMetricsServerMetrics(registry, 15);
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name).sort();
    assert.deepEqual(names, [
      'metrics_server_api_metric_freshness_seconds',
      'metrics_server_kubelet_last_request_time_seconds',
      'metrics_server_kubelet_request_duration_seconds',
      'metrics_server_kubelet_request_total',
      'metrics_server_manager_tick_duration_seconds',
      'metrics_server_storage_points',
    ]);
  });
});
