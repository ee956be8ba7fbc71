/**
 * End to end: sharding through the real binary. The union of 2 and of 3 static shards equals the
 * unsharded output series for series; StatefulSet auto-sharding follows a scale; and under churn,
 * with the simulator closing every watch and compacting its history, unsharded and sharded
 * instances converge to exactly what a freshly started instance reports.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../src/shared/kube/object.ts';
import { type Simulator, startSimulator } from '../../src/simulator/command.ts';
import { diffSeries, eventually, type KsmProcess, seriesOf, startKsm } from './ksm-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Reflectors whose watches were cut repeatedly back off (up to 30 s) before reconnecting; give
 * them that long to catch up (160 x 250 ms) before declaring a difference.
 */
const CATCH_UP_ATTEMPTS = 160;

/** Scrapes every instance and compares the union of `parts` with `whole`, series for series. */
async function unionDiff(whole: KsmProcess, parts: KsmProcess[]): Promise<string | undefined> {
  const [want, ...got] = await Promise.all([whole.scrape(), ...parts.map((p) => p.scrape())]);
  const union = got.flatMap((b) => seriesOf(b)).sort();
  return diffSeries(union, seriesOf(want!));
}

describe('kube-state-metrics sharding (CLI) against the simulator', () => {
  let dir: string;
  let sim: Simulator;
  const started: KsmProcess[] = [];
  const ksm = async (kubeconfig: string, args: string[]) => {
    const p = await startKsm(kubeconfig, args);
    started.push(p);
    return p;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'km-ksm-shard-'));
    sim = await startSimulator({ stateDir: join(dir, 'state'), port: 0, kubeletPort: 0, nodes: 3, controllers: false });
  });

  after(async () => {
    await Promise.all(started.map((p) => p.stop()));
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the union of 2 and of 3 shards equals the unsharded output', async () => {
    const k = sim.kubeconfigPath;
    const [whole, ...shards] = await Promise.all([
      ksm(k, []),
      ksm(k, ['--shard=0', '--total-shards=2']),
      ksm(k, ['--shard=1', '--total-shards=2']),
      ksm(k, ['--shard=0', '--total-shards=3']),
      ksm(k, ['--shard=1', '--total-shards=3']),
      ksm(k, ['--shard=2', '--total-shards=3']),
    ]);
    const two = shards.slice(0, 2);
    const three = shards.slice(2);
    assert.equal(await eventually(() => unionDiff(whole!, two)), undefined);
    assert.equal(await eventually(() => unionDiff(whole!, three)), undefined);
    // Every shard holds a real part of the objects, not all or nothing.
    for (const s of shards) {
      const n = seriesOf(await s.scrape()).filter((l) => l.startsWith('kube_pod_info{')).length;
      assert.ok(n > 0 && n < 30, `shard holds ${n} of 30 pods`);
    }
    assert.match(await shards[4]!.telemetry(), /\nkube_state_metrics_shard_ordinal\{shard_ordinal="2"\} 2\n/);
    assert.match(await shards[4]!.telemetry(), /\nkube_state_metrics_total_shards 3\n/);
  });

  it('auto-sharding reads the StatefulSet and re-shards when it scales', async () => {
    const ss = sim.state.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'ksm-e2e', namespace: 'monitoring' },
      spec: {
        replicas: 2,
        serviceName: 'ksm-e2e',
        selector: { matchLabels: { app: 'ksm-e2e' } },
        template: {
          metadata: { labels: { app: 'ksm-e2e' } },
          spec: { containers: [{ name: 'ksm', image: 'ghcr.io/kube-metrics/kube-metrics:v0.1.0' }] },
        },
      },
    });
    sim.state.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'ksm-e2e-1',
        namespace: 'monitoring',
        labels: { app: 'ksm-e2e' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'ksm-e2e', uid: ss.metadata.uid!, controller: true },
        ],
      },
      spec: { containers: [{ name: 'ksm', image: 'ghcr.io/kube-metrics/kube-metrics:v0.1.0' }] },
    });
    const k = sim.kubeconfigPath;
    const [auto, static12, static13] = await Promise.all([
      ksm(k, ['--pod=ksm-e2e-1', '--pod-namespace=monitoring', '--resources=pods,configmaps']),
      ksm(k, ['--shard=1', '--total-shards=2', '--resources=pods,configmaps']),
      ksm(k, ['--shard=1', '--total-shards=3', '--resources=pods,configmaps']),
    ]);
    const sameAs = (want: KsmProcess) => async () => {
      const [a, b] = await Promise.all([auto!.scrape(), want.scrape()]);
      return diffSeries(seriesOf(a), seriesOf(b));
    };
    assert.equal(await eventually(sameAs(static12!)), undefined);
    assert.match(await auto!.telemetry(), /\nkube_state_metrics_total_shards 2\n/);

    const current = sim.state.get('apps/v1', 'StatefulSet', 'monitoring', 'ksm-e2e') as { spec: object } & KubeObject;
    sim.state.update({ ...current, spec: { ...current.spec, replicas: 3 } });
    assert.equal(await eventually(sameAs(static13!), 40), undefined);
    assert.match(await auto!.telemetry(), /\nkube_state_metrics_total_shards 3\n/);
    assert.match(await auto!.telemetry(), /\nkube_state_metrics_shard_ordinal\{shard_ordinal="1"\} 1\n/);
  });
});

describe('kube-state-metrics under churn (CLI)', () => {
  let dir: string;
  let sim: Simulator;
  const started: KsmProcess[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'km-ksm-churn-'));
    sim = await startSimulator({
      stateDir: join(dir, 'state'),
      port: 0,
      kubeletPort: 0,
      nodes: 3,
      controllers: false,
      churn: 200,
      watchHistory: 200,
    });
  });

  after(async () => {
    await Promise.all(started.map((p) => p.stop()));
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('after churn with closed watches and compacted history, the output equals a fresh instance', async () => {
    const k = sim.kubeconfigPath;
    const running = await Promise.all([
      startKsm(k, []),
      startKsm(k, ['--shard=0', '--total-shards=2']),
      startKsm(k, ['--shard=1', '--total-shards=2']),
    ]);
    started.push(...running);
    // Churn goes on; watches are cut and history compacted underneath the reflectors, so some of
    // them resume from a version that is gone (410) and must relist.
    for (let i = 0; i < 8; i++) {
      await sleep(400);
      sim.server.store.compact();
      sim.server.closeAllWatches();
    }
    sim.churn?.stop();
    const stats = sim.churn!.stats();
    assert.ok(Object.values(stats).reduce((a, b) => a + b, 0) > 100, JSON.stringify(stats));
    const fresh = await startKsm(k, []);
    started.push(fresh);
    const [whole, ...shards] = running;
    assert.equal(
      await eventually(async () => {
        const [a, b] = await Promise.all([whole!.scrape(), fresh.scrape()]);
        return diffSeries(seriesOf(a), seriesOf(b));
      }, CATCH_UP_ATTEMPTS),
      undefined,
    );
    assert.equal(await eventually(() => unionDiff(fresh, shards), CATCH_UP_ATTEMPTS), undefined);
    // The cut watches were reopened, and compaction forced relists (more lists than reflectors).
    const self = await whole!.telemetry();
    const total = (name: string) =>
      [...self.matchAll(new RegExp(`^${name}\\{resource="[^"]*",result="success"\\} (\\d+)$`, 'gm'))].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      );
    assert.ok(total('kube_state_metrics_watch_total') > 2 * 32, `watches: ${total('kube_state_metrics_watch_total')}`);
    assert.ok(total('kube_state_metrics_list_total') > 32, `lists: ${total('kube_state_metrics_list_total')}`);
  });
});
