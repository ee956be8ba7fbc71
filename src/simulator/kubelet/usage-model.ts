/**
 * Deterministic resource usage of one node's pods, shaped like what cAdvisor hands a kubelet:
 * every cgroup (container, pod, node root) has its own housekeeping timer and publishes a sample
 * only when it ticks, so scrapes between ticks see the same values and timestamps. CPU is a rate
 * around the container's request with bursts, capped at its limit; memory drifts, and a few
 * containers with a memory limit leak until they are OOM-killed and restart.
 */

import { type Cgroup, ContainerModel, emptySample, PodModel, pages, publish, wholeMicros } from './cgroup-models.ts';
import type { PodView } from './pod-view.ts';
import { hashSeed, Rng } from './random.ts';
import type { CgroupSample, NodeUsage } from './usage-types.ts';

export type { CgroupSample, ContainerUsage, NodeUsage, PodUsage } from './usage-types.ts';

export interface UsageModelOptions {
  nodeName: string;
  seed: number | string;
  /** Node boot time (ms since epoch). */
  startTimeMs: number;
  memoryCapacityBytes: number;
  cpuCapacityCores: number;
  /** Chance that a container with a memory limit leaks until OOM (default 0.03). */
  leakProbability?: number;
  /** cAdvisor's housekeeping interval as set by the kubelet (ms, default 10 000); ticks come every [I, 2I). */
  housekeepingIntervalMs?: number;
}

/** Called when the model OOM-kills and restarts a container (for status write-back). */
export type RestartListener = (pod: PodView, container: string, restarts: number, atMs: number) => void;

/** Usage of every running pod on one node, advanced by housekeeping ticks. */
export class NodeUsageModel {
  readonly nodeName: string;
  readonly #opts: Required<UsageModelOptions>;
  readonly #pods = new Map<string, PodModel>();
  readonly #nodeRng: Rng;
  readonly #root: Cgroup;
  #systemRate = 0;
  #systemMemory = 0;
  #minNextTickMs = 0;
  onRestart: RestartListener | undefined;

  constructor(opts: UsageModelOptions, nowMs: number) {
    this.nodeName = opts.nodeName;
    this.#opts = { leakProbability: 0.03, housekeepingIntervalMs: 10_000, ...opts };
    this.#nodeRng = new Rng(hashSeed(opts.seed, 'node', opts.nodeName));
    const rng = this.#nodeRng;
    const interval = this.#opts.housekeepingIntervalMs;
    this.#systemRate = rng.between(0.06, 0.14) * Math.max(1, Math.log2(opts.cpuCapacityCores + 1));
    this.#systemMemory = pages(Math.min(opts.memoryCapacityBytes * 0.2, rng.between(550, 800) * 2 ** 20));
    const first = Math.max(opts.startTimeMs, nowMs - rng.next() * interval);
    this.#root = {
      nextTickMs: first + interval * (1 + rng.next()),
      lastTickMs: first,
      rate: this.#systemRate,
      counterNs: wholeMicros(Math.max(1000, this.#systemRate * (first - opts.startTimeMs) * 1e6)),
      workingSet: this.#systemMemory,
      sample: emptySample(first),
      rng,
    };
    this.#measureRoot();
    publish(this.#root, first, this.#root.counterNs - wholeMicros(this.#root.rate * interval * 1e6), first - interval);
    this.#minNextTickMs = this.#root.nextTickMs;
  }

  /** Pods currently modelled. */
  get podCount(): number {
    return this.#pods.size;
  }

  /** Earliest pending housekeeping tick (ms since epoch). */
  get nextTickMs(): number {
    return this.#minNextTickMs;
  }

  /**
   * Starts modelling the pod's running containers at once, or follows a change (containers that
   * started or stopped). A pod that stopped running must be passed to {@link removePod} instead.
   */
  upsertPod(view: PodView, nowMs: number): void {
    const key = `${view.namespace}/${view.name}`;
    let pod = this.#pods.get(key);
    const interval = this.#opts.housekeepingIntervalMs;
    const fresh = pod === undefined || pod.view.uid !== view.uid;
    if (fresh) {
      pod = new PodModel(
        view,
        new Rng(hashSeed(this.#opts.seed, 'pod', this.nodeName, key, view.uid)),
        nowMs,
        interval,
      );
      this.#pods.set(key, pod);
    }
    const p = pod as PodModel;
    p.view = view;
    const running = new Set<string>();
    for (const c of view.containers) {
      running.add(c.name);
      const existing = p.containers.get(c.name);
      if (existing && existing.view.startedAtMs === c.startedAtMs) continue;
      const rng = new Rng(hashSeed(this.#opts.seed, 'container', this.nodeName, key, view.uid, c.name, c.startedAtMs));
      const model = new ContainerModel(c, rng, nowMs, interval, this.#opts.leakProbability);
      p.containers.set(c.name, model);
      this.#minNextTickMs = Math.min(this.#minNextTickMs, model.nextTickMs);
    }
    for (const name of [...p.containers.keys()]) if (!running.has(name)) p.containers.delete(name);
    if (fresh) {
      p.initialise(nowMs);
      // The node did that work too: its counter must stay above the sum of its pods'.
      this.#root.counterNs += p.counterNs;
    }
    this.#minNextTickMs = Math.min(this.#minNextTickMs, p.nextTickMs);
  }

  removePod(namespace: string, name: string): boolean {
    return this.#pods.delete(`${namespace}/${name}`);
  }

  /** `namespace/name` of every modelled pod. */
  podKeys(): string[] {
    return [...this.#pods.keys()];
  }

  hasPod(namespace: string, name: string): boolean {
    return this.#pods.has(`${namespace}/${name}`);
  }

  /**
   * Runs every housekeeping tick due at or before `nowMs`, in time order, so pod and node cgroups
   * see the container rates in effect at their own tick. Returns true when any sample changed.
   */
  advance(nowMs: number): boolean {
    if (nowMs < this.#minNextTickMs) return false;
    let changed = false;
    for (;;) {
      const due: { t: number; run: (t: number) => void }[] = [];
      for (const pod of this.#pods.values()) {
        for (const c of pod.containers.values()) {
          if (c.nextTickMs <= nowMs) {
            due.push({
              t: c.nextTickMs,
              run: (t) => {
                if (c.tick(t)) this.onRestart?.(pod.view, c.view.name, c.restarts, t);
              },
            });
          }
        }
        if (pod.nextTickMs <= nowMs) due.push({ t: pod.nextTickMs, run: (t) => pod.tick(t) });
      }
      if (this.#root.nextTickMs <= nowMs) due.push({ t: this.#root.nextTickMs, run: (t) => this.#tickRoot(t) });
      if (due.length === 0) break;
      changed = true;
      due.sort((a, b) => a.t - b.t);
      for (const d of due) d.run(d.t);
    }
    let min = this.#root.nextTickMs;
    for (const pod of this.#pods.values()) {
      if (pod.nextTickMs < min) min = pod.nextTickMs;
      for (const c of pod.containers.values()) if (c.nextTickMs < min) min = c.nextTickMs;
    }
    this.#minNextTickMs = min;
    return changed;
  }

  #measureRoot(): void {
    let rate = this.#systemRate;
    let ws = this.#systemMemory;
    for (const pod of this.#pods.values()) {
      rate += pod.rate;
      ws += pod.workingSet;
    }
    this.#root.rate = Math.min(rate, this.#opts.cpuCapacityCores);
    this.#root.workingSet = pages(Math.min(ws, this.#opts.memoryCapacityBytes * 0.98));
  }

  #tickRoot(t: number): void {
    const root = this.#root;
    const previousCounter = root.counterNs;
    const previousTime = root.lastTickMs;
    root.counterNs = wholeMicros(root.counterNs + root.rate * (t - previousTime) * 1e6);
    // System daemons wander a little too.
    this.#systemRate = Math.max(0.02, this.#systemRate * Math.exp(0.1 * root.rng.normal()));
    this.#systemMemory = pages(this.#systemMemory * (1 + 0.01 * root.rng.normal()));
    this.#measureRoot();
    publish(root, t, previousCounter, previousTime);
    root.lastTickMs = t;
    root.nextTickMs = t + this.#opts.housekeepingIntervalMs * (1 + root.rng.next());
  }

  /** The last published samples. Returned objects are shared: read them before the next advance. */
  snapshot(): NodeUsage {
    const pods = [...this.#pods.values()].map((p) => p.usage());
    pods.sort((a, b) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace)));
    const root = this.#root.sample;
    const podsSample: CgroupSample = { ...root };
    let podsCpu = 0;
    let podsMem = 0;
    for (const p of pods) {
      podsCpu += p.sample.cpuCoreNanoSeconds;
      podsMem += p.sample.workingSetBytes;
    }
    podsSample.cpuCoreNanoSeconds = wholeMicros(Math.min(podsCpu, root.cpuCoreNanoSeconds));
    podsSample.workingSetBytes = pages(podsMem);
    podsSample.usageBytes = pages(podsMem * 1.15);
    podsSample.rssBytes = pages(podsMem * 0.7);
    const system = [
      { name: 'kubelet', share: 0.45 },
      { name: 'runtime', share: 0.35 },
    ].map(({ name, share }) => ({
      name,
      sample: {
        ...root,
        cpuCoreNanoSeconds: wholeMicros((root.cpuCoreNanoSeconds - podsSample.cpuCoreNanoSeconds) * share),
        usageNanoCores: Math.round(this.#systemRate * share * 1e9),
        workingSetBytes: pages(this.#systemMemory * share),
        usageBytes: pages(this.#systemMemory * share * 1.2),
        rssBytes: pages(this.#systemMemory * share * 0.8),
      },
    }));
    system.push({ name: 'pods', sample: podsSample });
    return {
      nodeName: this.nodeName,
      startTimeMs: this.#opts.startTimeMs,
      memoryCapacityBytes: this.#opts.memoryCapacityBytes,
      sample: root,
      system,
      pods,
    };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
