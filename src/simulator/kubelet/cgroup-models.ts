/**
 * The cgroups of the usage model: containers (rate around the request, drifting or leaking
 * memory, OOM restarts) and pods (their containers plus the pause container). Each keeps its own
 * housekeeping timer and publishes a sample only when it ticks, as cAdvisor does.
 */
import type { ContainerView, PodView } from './pod-view.ts';
import type { Rng } from './random.ts';
import type { CgroupSample, ContainerUsage, PodUsage } from './usage-types.ts';
export const PAGE = 4096;
const DEFAULT_CPU_CORES = 0.005;
const DEFAULT_MEMORY_BYTES = 48 * 2 ** 20;
const PAUSE_CPU_CORES = 0.0001;
const PAUSE_MEMORY_BYTES = 480 * 1024;

export function pages(bytes: number): number {
  return Math.max(PAGE, Math.round(bytes / PAGE) * PAGE);
}

/** cgroup v2 counts microseconds: keep counters whole microseconds in nanoseconds. */
export function wholeMicros(ns: number): number {
  return Math.floor(ns / 1000) * 1000;
}

export function emptySample(timeMs: number): CgroupSample {
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

export interface Cgroup {
  nextTickMs: number;
  lastTickMs: number;
  /** Cores in effect since the last tick. */
  rate: number;
  counterNs: number;
  workingSet: number;
  sample: CgroupSample;
  rng: Rng;
}

export function publish(cg: Cgroup, t: number, previousCounterNs: number, previousTimeMs: number): void {
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

export class ContainerModel implements Cgroup {
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

export class PodModel implements Cgroup {
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
