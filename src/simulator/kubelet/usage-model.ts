/**
 * Deterministic resource usage of one node's pods, shaped like what cAdvisor hands a kubelet:
 * every cgroup (container, pod, node root) has its own housekeeping timer and publishes a sample
 * only when it ticks, so scrapes between ticks see the same values and timestamps. CPU is a rate
 * around the container's request with bursts, capped at its limit; memory drifts, and a few
 * containers with a memory limit leak until they are OOM-killed and restart.
 */
import type { ContainerView, PodView } from './pod-view.ts';
import { hashSeed, Rng } from './random.ts';

/** One housekeeping read of a cgroup. */
export interface CgroupSample {
  /** When housekeeping read the cgroup (ms since epoch); CPU and memory share it. */
  timeMs: number;
  /** Cumulative CPU (core-nanoseconds); a multiple of 1000 like cgroup v2 `usage_usec`; only grows within one container instance. */
  cpuCoreNanoSeconds: number;
  /** Average rate since the previous sample (nanocores). */
  usageNanoCores: number;
  /** Bytes; multiple of the 4 KiB page size. */
  workingSetBytes: number;
  /** Bytes, working set plus reclaimable page cache. */
  usageBytes: number;
  /** Bytes. */
  rssBytes: number;
  /** Cumulative. */
  pageFaults: number;
  /** Cumulative. */
  majorPageFaults: number;
}

export interface ContainerUsage {
  name: string;
  /** Container start (seconds since epoch, sub-second fraction like the runtime's nanosecond clock). */
  startTimeSec: number;
  /** Restarts caused by the model (OOM kills) since the simulator discovered the container. */
  restarts: number;
  /** Bytes; undefined when unlimited. */
  memoryLimitBytes?: number;
  sample: CgroupSample;
}

export interface PodUsage {
  namespace: string;
  name: string;
  uid: string;
  startTimeMs: number;
  /** Sorted by name. */
  containers: ContainerUsage[];
  sample: CgroupSample;
  /** Bytes; only when every container has a memory limit. */
  memoryLimitBytes?: number;
}

export interface NodeUsage {
  nodeName: string;
  startTimeMs: number;
  /** Bytes (node `status.capacity.memory`). */
  memoryCapacityBytes: number;
  sample: CgroupSample;
  /** System containers `kubelet`, `runtime` and `pods`, sampled with the node root. */
  system: { name: string; sample: CgroupSample }[];
  /** Sorted by namespace, then name. */
  pods: PodUsage[];
}

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

const PAGE = 4096;
const DEFAULT_CPU_CORES = 0.005;
const DEFAULT_MEMORY_BYTES = 48 * 2 ** 20;
const PAUSE_CPU_CORES = 0.0001;
const PAUSE_MEMORY_BYTES = 480 * 1024;

function pages(bytes: number): number {
  return Math.max(PAGE, Math.round(bytes / PAGE) * PAGE);
}

/** cgroup v2 counts microseconds: keep counters whole microseconds in nanoseconds. */
function wholeMicros(ns: number): number {
  return Math.floor(ns / 1000) * 1000;
}

function emptySample(timeMs: number): CgroupSample {
  return {
    timeMs,
    cpuCoreNanoSeconds: 0,
    usageNanoCores: 0,
    workingSetBytes: 0,
    usageBytes: 0,
    rssBytes: 0,
    pageFaults: 0,
    majorPageFaults: 0,
  };
}

interface Cgroup {
  nextTickMs: number;
  lastTickMs: number;
  /** Cores in effect since the last tick. */
  rate: number;
  counterNs: number;
  workingSet: number;
  sample: CgroupSample;
  rng: Rng;
}

function publish(cg: Cgroup, t: number, previousCounterNs: number, previousTimeMs: number): void {
  const dt = t - previousTimeMs;
  const cacheBytes = cg.workingSet * 0.15;
  const s = cg.sample;
  s.usageNanoCores = dt > 0 ? Math.max(0, Math.round(((cg.counterNs - previousCounterNs) / dt) * 1e3)) : 0;
  s.timeMs = t;
  s.cpuCoreNanoSeconds = cg.counterNs;
  s.workingSetBytes = cg.workingSet;
  s.usageBytes = pages(cg.workingSet + cacheBytes);
  s.rssBytes = pages(cg.workingSet * 0.7);
  s.pageFaults += Math.round(dt / 50) + 1;
  if (cg.rng.chance(0.01)) s.majorPageFaults += 1;
}

class ContainerModel implements Cgroup {
  nextTickMs = 0;
  lastTickMs = 0;
  rate = 0;
  counterNs = 0;
  workingSet = 0;
  sample: CgroupSample;
  rng: Rng;
  readonly view: ContainerView;
  readonly #interval: number;
  readonly #cpuBase: number;
  readonly #memBase: number;
  /** Bytes per second; 0 for well-behaved containers. */
  readonly #leak: number;
  startTimeSec: number;
  restarts = 0;

  constructor(view: ContainerView, rng: Rng, nowMs: number, interval: number, leakProbability: number) {
    this.view = view;
    this.rng = rng;
    this.#interval = interval;
    // A container's habit: some sit well below their request, some run near it.
    this.#cpuBase =
      (view.cpuRequest && view.cpuRequest > 0 ? view.cpuRequest : DEFAULT_CPU_CORES) * rng.between(0.35, 1.05);
    const memRequest = view.memoryRequest && view.memoryRequest > 0 ? view.memoryRequest : DEFAULT_MEMORY_BYTES;
    let memBase = memRequest * rng.between(0.45, 0.9);
    if (view.memoryLimit) memBase = Math.min(memBase, view.memoryLimit * 0.7);
    this.#memBase = memBase;
    this.#leak =
      view.memoryLimit && rng.chance(leakProbability) ? (view.memoryLimit - memBase) / rng.between(600, 2400) : 0;
    const start = Math.min(view.startedAtMs, nowMs);
    this.startTimeSec = (start + rng.next() * 1000) / 1000;
    this.rate = this.#nextRate();
    this.workingSet = pages(memBase * rng.between(0.8, 1.1));
    // Seen for the first time: its history so far is folded into the counter, and the first
    // housekeeping read is placed somewhere in the last interval (never before the start).
    const first = Math.max(start, nowMs - rng.next() * interval);
    this.counterNs = wholeMicros(Math.max(1000, this.#cpuBase * (first - start) * 1e6 * rng.between(0.85, 1.1)));
    this.lastTickMs = first;
    this.nextTickMs = first + interval * (1 + rng.next());
    this.sample = emptySample(first);
    publish(this, first, this.counterNs - wholeMicros(this.rate * interval * 1e6), first - interval);
  }

  #nextRate(): number {
    let rate = this.#cpuBase * Math.exp(0.3 * this.rng.normal());
    if (this.rng.chance(0.05)) rate *= this.rng.between(2, 4);
    // cgroup CFS quota throttles at the limit; stay a hair under it.
    if (this.view.cpuLimit) rate = Math.min(rate, this.view.cpuLimit * 0.98);
    return Math.max(rate, 0.0002);
  }

  /** Returns true when the container was OOM-killed and restarted at this tick. */
  tick(t: number): boolean {
    const previousCounter = this.counterNs;
    const previousTime = this.lastTickMs;
    const dt = t - previousTime;
    this.counterNs = wholeMicros(this.counterNs + this.rate * dt * 1e6);
    let ws = this.workingSet + this.#memBase * 0.03 * this.rng.normal() + (this.#leak * dt) / 1000;
    if (this.#leak === 0) ws = Math.min(Math.max(ws, this.#memBase * 0.6), this.#memBase * 1.3);
    else ws = Math.max(ws, this.#memBase * 0.6);
    let restarted = false;
    const limit = this.view.memoryLimit;
    if (limit !== undefined && ws >= limit) {
      // OOM kill: the runtime starts a new instance about a second later, with fresh counters.
      restarted = true;
      this.restarts++;
      this.startTimeSec = (t - this.rng.between(200, 1500)) / 1000;
      this.counterNs = wholeMicros(Math.max(1000, this.#cpuBase * 300 * 1e6));
      ws = this.#memBase * 0.5;
    } else if (limit !== undefined) {
      ws = Math.min(ws, this.#leak > 0 ? limit - PAGE : limit * 0.95);
    }
    this.workingSet = pages(ws);
    if (restarted) {
      this.sample = emptySample(t);
      publish(this, t, 0, Math.min(t - 1, this.startTimeSec * 1000));
    } else {
      publish(this, t, previousCounter, previousTime);
    }
    this.lastTickMs = t;
    this.rate = this.#nextRate();
    this.nextTickMs = t + this.#interval * (1 + this.rng.next());
    return restarted;
  }

  usage(): ContainerUsage {
    const u: ContainerUsage = {
      name: this.view.name,
      startTimeSec: this.startTimeSec,
      restarts: this.restarts,
      sample: this.sample,
    };
    if (this.view.memoryLimit !== undefined) u.memoryLimitBytes = this.view.memoryLimit;
    return u;
  }
}

class PodModel implements Cgroup {
  nextTickMs = 0;
  lastTickMs = 0;
  rate = 0;
  counterNs = 0;
  workingSet = 0;
  sample: CgroupSample;
  rng: Rng;
  view: PodView;
  containers = new Map<string, ContainerModel>();
  readonly #interval: number;

  constructor(view: PodView, rng: Rng, nowMs: number, interval: number) {
    this.view = view;
    this.rng = rng;
    this.#interval = interval;
    const first = Math.max(view.startTimeMs, nowMs - rng.next() * interval);
    this.lastTickMs = first;
    this.nextTickMs = first + interval * (1 + rng.next());
    this.sample = emptySample(first);
  }

  /** Called once the containers exist: the pod cgroup holds at least what its containers used. */
  initialise(nowMs: number): void {
    let counter = PAUSE_CPU_CORES * (nowMs - this.view.startTimeMs) * 1e6;
    for (const c of this.containers.values()) counter += c.counterNs;
    this.counterNs = wholeMicros(Math.max(1000, counter));
    this.#measure();
    publish(
      this,
      this.lastTickMs,
      this.counterNs - wholeMicros(this.rate * this.#interval * 1e6),
      this.lastTickMs - this.#interval,
    );
  }

  #measure(): void {
    let rate = PAUSE_CPU_CORES;
    let ws = PAUSE_MEMORY_BYTES;
    for (const c of this.containers.values()) {
      rate += c.rate;
      ws += c.workingSet;
    }
    this.rate = rate;
    this.workingSet = pages(ws);
  }

  tick(t: number): void {
    const previousCounter = this.counterNs;
    const previousTime = this.lastTickMs;
    this.counterNs = wholeMicros(this.counterNs + this.rate * (t - previousTime) * 1e6);
    this.#measure();
    publish(this, t, previousCounter, previousTime);
    this.lastTickMs = t;
    this.nextTickMs = t + this.#interval * (1 + this.rng.next());
  }

  usage(): PodUsage {
    const containers = [...this.containers.values()].map((c) => c.usage());
    containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const u: PodUsage = {
      namespace: this.view.namespace,
      name: this.view.name,
      uid: this.view.uid,
      startTimeMs: this.view.startTimeMs,
      containers,
      sample: this.sample,
    };
    if (containers.length > 0 && containers.every((c) => c.memoryLimitBytes !== undefined)) {
      u.memoryLimitBytes = containers.reduce((sum, c) => sum + (c.memoryLimitBytes ?? 0), 0);
    }
    return u;
  }
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
    if (fresh) p.initialise(nowMs);
    this.#minNextTickMs = Math.min(this.#minNextTickMs, p.nextTickMs);
  }

  removePod(namespace: string, name: string): boolean {
    return this.#pods.delete(`${namespace}/${name}`);
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
