import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodView } from './pod-view.ts';
import { type NodeUsage, NodeUsageModel } from './usage-model.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const GiB = 2 ** 30;
const MiB = 2 ** 20;

function pod(name: string, containers: PodView['containers'], startTimeMs = T0 - 3_600_000): PodView {
  return { namespace: 'default', name, uid: `uid-${name}`, startTimeMs, containers };
}

function model(seed: number | string = 7, leakProbability?: number): NodeUsageModel {
  const opts = {
    nodeName: 'worker-1',
    seed,
    startTimeMs: T0 - 86_400_000,
    memoryCapacityBytes: 16 * GiB,
    cpuCapacityCores: 4,
    ...(leakProbability === undefined ? {} : { leakProbability }),
  };
  return new NodeUsageModel(opts, T0);
}

const web = pod('web', [
  {
    name: 'nginx',
    cpuRequest: 0.2,
    cpuLimit: 0.5,
    memoryRequest: 128 * MiB,
    memoryLimit: 256 * MiB,
    startedAtMs: T0 - 3_600_000,
  },
  { name: 'log-shipper', startedAtMs: T0 - 3_600_000 },
]);

function container(u: NodeUsage, podName: string, name: string) {
  const c = u.pods.find((p) => p.name === podName)?.containers.find((x) => x.name === name);
  assert.ok(c, `container ${podName}/${name} modelled`);
  return c;
}

describe('NodeUsageModel', () => {
  it('counters grow over 15 s with a rate near the request, never above the limit', () => {
    const m = model();
    m.upsertPod(web, T0);
    const before = structuredClone(m.snapshot());
    let nowMs = T0;
    const rates: number[] = [];
    for (let i = 0; i < 40; i++) {
      nowMs += 15_000;
      m.advance(nowMs);
      const u = m.snapshot();
      const nginx = container(u, 'web', 'nginx');
      rates.push(nginx.sample.usageNanoCores / 1e9);
      assert.ok(nginx.sample.usageNanoCores / 1e9 <= 0.5, 'rate under the CPU limit');
      assert.ok(nginx.sample.workingSetBytes < 256 * MiB, 'working set under the memory limit');
      assert.ok(nowMs - nginx.sample.timeMs < 20_000, 'sample at most one housekeeping period old');
    }
    const after = m.snapshot();
    const c0 = container(before, 'web', 'nginx').sample;
    const c1 = container(after, 'web', 'nginx').sample;
    assert.ok(c1.cpuCoreNanoSeconds > c0.cpuCoreNanoSeconds, 'container counter grows');
    assert.equal(c1.cpuCoreNanoSeconds % 1000, 0, 'counter in whole microseconds');
    assert.equal(c1.workingSetBytes % 4096, 0, 'working set in pages');
    assert.ok(after.sample.cpuCoreNanoSeconds > before.sample.cpuCoreNanoSeconds, 'node counter grows');
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    assert.ok(mean > 0.05 && mean < 0.3, `mean rate ${mean} near the 0.2 request`);
    const shipper = container(after, 'web', 'log-shipper');
    assert.ok(shipper.sample.usageNanoCores < 0.05e9, 'no request: a small default rate');
  });

  it('samples of different cgroups carry different timestamps on a 10-20 s cadence', () => {
    const m = model();
    m.upsertPod(web, T0);
    const times = new Set<number>();
    let last = container(m.snapshot(), 'web', 'nginx').sample.timeMs;
    const gaps: number[] = [];
    for (let nowMs = T0; nowMs < T0 + 600_000; nowMs += 1000) {
      m.advance(nowMs);
      const t = container(m.snapshot(), 'web', 'nginx').sample.timeMs;
      if (t !== last) gaps.push(t - last);
      last = t;
    }
    const u = m.snapshot();
    times.add(u.sample.timeMs);
    times.add(u.pods[0]!.sample.timeMs);
    for (const c of u.pods[0]!.containers) times.add(c.sample.timeMs);
    assert.equal(times.size, 4, 'node, pod and two containers tick independently');
    assert.ok(gaps.length > 20);
    for (const g of gaps) assert.ok(g >= 10_000 && g < 20_000, `gap ${g} in [10 s, 20 s)`);
  });

  it('node totals cover the pods plus system overhead', () => {
    const m = model();
    m.upsertPod(web, T0);
    m.advance(T0 + 120_000);
    const u = m.snapshot();
    const pods = u.pods.reduce((s, p) => s + p.sample.workingSetBytes, 0);
    assert.ok(u.sample.workingSetBytes > pods + 400 * MiB, 'node working set includes system daemons');
    assert.ok(u.sample.workingSetBytes < u.memoryCapacityBytes);
    const podsCpu = u.pods.reduce((s, p) => s + p.sample.cpuCoreNanoSeconds, 0);
    assert.ok(u.sample.cpuCoreNanoSeconds > podsCpu, 'node CPU covers the pods, even ones older than the node model');
    const p = u.pods[0]!;
    const sum = p.containers.reduce((s, c) => s + c.sample.workingSetBytes, 0);
    assert.ok(Math.abs(p.sample.workingSetBytes - sum) < 64 * MiB, 'pod memory close to its containers');
  });

  it('node CPU covers pods older than the node object', () => {
    const m = new NodeUsageModel(
      { nodeName: 'young', seed: 1, startTimeMs: T0 - 60_000, memoryCapacityBytes: 16 * GiB, cpuCapacityCores: 4 },
      T0,
    );
    m.upsertPod(web, T0);
    m.advance(T0 + 60_000);
    const u = m.snapshot();
    const podsCpu = u.pods.reduce((s, p) => s + p.sample.cpuCoreNanoSeconds, 0);
    assert.ok(u.sample.cpuCoreNanoSeconds > podsCpu, `${u.sample.cpuCoreNanoSeconds} > ${podsCpu}`);
  });

  it('a leaking container is OOM-killed: counter reset, start time moves, restarts counted', () => {
    const m = model(1, 1);
    const restarts: string[] = [];
    m.onRestart = (p, c, n) => restarts.push(`${p.name}/${c}#${n}`);
    m.upsertPod(web, T0);
    const start0 = container(m.snapshot(), 'web', 'nginx').startTimeSec;
    let prev = container(m.snapshot(), 'web', 'nginx').sample.cpuCoreNanoSeconds;
    let sawReset = false;
    for (let nowMs = T0; nowMs < T0 + 3 * 3_600_000 && restarts.length === 0; nowMs += 5000) {
      m.advance(nowMs);
      const cur = container(m.snapshot(), 'web', 'nginx').sample.cpuCoreNanoSeconds;
      if (cur < prev) sawReset = true;
      prev = cur;
    }
    assert.deepEqual(restarts, ['web/nginx#1']);
    assert.ok(sawReset, 'cumulative CPU restarted near zero');
    const c = container(m.snapshot(), 'web', 'nginx');
    assert.equal(c.restarts, 1);
    assert.ok(c.startTimeSec > start0 + 60, 'start time moved forward');
  });

  it('is deterministic under the seed, whatever the advance cadence', () => {
    const a = model('seed-a');
    const b = model('seed-a');
    const c = model('seed-b');
    for (const m of [a, b, c]) m.upsertPod(web, T0);
    for (let nowMs = T0; nowMs <= T0 + 300_000; nowMs += 1000) a.advance(nowMs);
    for (let nowMs = T0; nowMs <= T0 + 300_000; nowMs += 7000) b.advance(nowMs);
    b.advance(T0 + 300_000);
    c.advance(T0 + 300_000);
    const nginx = (m: NodeUsageModel) => container(m.snapshot(), 'web', 'nginx').sample;
    assert.deepEqual(nginx(a), nginx(b));
    assert.notDeepEqual(nginx(a), nginx(c));
  });

  it('models pods added later at once, and forgets removed ones', () => {
    const m = model();
    m.advance(T0 + 60_000);
    assert.equal(m.snapshot().pods.length, 0);
    m.upsertPod(pod('late', [{ name: 'app', cpuRequest: 0.1, startedAtMs: T0 + 59_000 }], T0 + 58_000), T0 + 60_000);
    const c = container(m.snapshot(), 'late', 'app');
    assert.ok(c.sample.cpuCoreNanoSeconds > 0 && c.sample.workingSetBytes > 0, 'first sample right away');
    assert.equal(c.sample.timeMs >= T0 + 59_000, true);
    assert.equal(m.removePod('default', 'late'), true);
    assert.equal(m.snapshot().pods.length, 0);
  });
});
