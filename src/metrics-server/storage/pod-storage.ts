/**
 * Last and previous point per container, grouped by pod (upstream `pkg/storage/pod.go`),
 * including the fresh-container rule and restart detection by start time.
 *
 * Points are copied out of the batch into one array of doubles per pod and generation, so the
 * batch becomes garbage as soon as it is stored: 134,401 pods of 2 containers, last and previous,
 * take 58 MB this way against 128 MB as a Map and two point objects per pod.
 */
import { compare, diffNs, startBefore } from './point-time.ts';
import { instantOf, type PrevPoint, resourceUsage } from './resource-usage.ts';
import type { ContainerUsage, MetricsPoint, PodMetricsPoint, PodUsage, StorageLogger } from './types.ts';

/** Youngest container age (ns) for which a rate since its start is served (upstream constant). */
const FRESH_CONTAINER_MIN_NS = 10e9;

/** Numbers per container in `PodEntry.last`: startTime, timestamp, cumulativeCpuUsed, memoryUsage. */
const LAST = 4;
/** Numbers per container in `PodEntry.prev`: the four of `LAST`, then timestampNs (NaN = none). */
const PREV = 5;
/** Containers per pod past which a name lookup builds a Map instead of scanning. */
const SCAN_LIMIT = 16;

interface PodEntry {
  /** Container names, in kubelet output order. */
  names: string[];
  /** `LAST` numbers per container. */
  last: number[];
  /** `PREV` numbers per container, a NaN timestamp where a container has none; absent when none has one. */
  prev: number[] | undefined;
}

/** Where container `name` sits in `entry`, trying `hint` (same position as now) first; -1 if absent. */
function containerIndex(entry: PodEntry, name: string, hint: number, index: { map?: Map<string, number> }): number {
  const names = entry.names;
  if (names[hint] === name) return hint;
  if (names.length <= SCAN_LIMIT) return names.indexOf(name);
  if (index.map === undefined) {
    index.map = new Map();
    for (let i = 0; i < names.length; i++) index.map.set(names[i]!, i);
  }
  return index.map.get(name) ?? -1;
}

function lastPoint(last: number[], i: number): MetricsPoint {
  const o = i * LAST;
  return { startTime: last[o]!, timestamp: last[o + 1]!, cumulativeCpuUsed: last[o + 2]!, memoryUsage: last[o + 3]! };
}

function prevPoint(prev: number[], i: number): PrevPoint {
  const o = i * PREV;
  const p: PrevPoint = {
    startTime: prev[o]!,
    timestamp: prev[o + 1]!,
    cumulativeCpuUsed: prev[o + 2]!,
    memoryUsage: prev[o + 3]!,
  };
  if (!Number.isNaN(prev[o + 4])) p.timestampNs = prev[o + 4]!;
  return p;
}

export class PodStorage {
  /** pod key -> containers' last and previous points. */
  #pods = new Map<string, PodEntry>();
  /** Pods with a previous point for at least one container. */
  #prevCount = 0;
  /** Stored container points, last and previous. */
  #pointCount = 0;
  readonly #resolutionNs: number;
  readonly #log: StorageLogger;

  constructor(resolutionMs: number, log: StorageLogger) {
    this.#resolutionNs = resolutionMs * 1e6;
    this.#log = log;
  }

  store(pods: ReadonlyMap<string, PodMetricsPoint>): void {
    const next = new Map<string, PodEntry>();
    let prevCount = 0;
    let points = 0;
    for (const [key, pod] of pods) {
      const old = this.#pods.get(key);
      // Sized up front: arrays grown by push keep up to 2x spare capacity, most of their size here.
      const k = pod.containers.size;
      const names = new Array<string>(k);
      const last = new Array<number>(k * LAST);
      let prev: number[] | undefined;
      const index: { map?: Map<string, number> } = {};
      let i = 0;
      for (const [name, point] of pod.containers) {
        names[i] = name;
        const o = i * LAST;
        last[o] = point.startTime;
        last[o + 1] = point.timestamp;
        last[o + 2] = point.cumulativeCpuUsed;
        last[o + 3] = point.memoryUsage;
        const j = old === undefined ? -1 : containerIndex(old, name, i, index);
        const chosen = this.#choosePrev(key, name, point, old, j);
        if (chosen !== undefined) {
          prev ??= new Array<number>(k * PREV).fill(Number.NaN);
          const p = i * PREV;
          prev[p] = chosen.startTime;
          prev[p + 1] = chosen.timestamp;
          prev[p + 2] = chosen.cumulativeCpuUsed;
          prev[p + 3] = chosen.memoryUsage;
          prev[p + 4] = chosen.timestampNs ?? Number.NaN;
          points++;
        }
        i++;
      }
      points += i;
      if (prev !== undefined) prevCount++;
      next.set(key, { names, last, prev });
    }
    this.#pods = next;
    this.#prevCount = prevCount;
    this.#pointCount = points;
  }

  /**
   * The point container `name` of pod `key` computes its rate against, from the pod's stored
   * entry (`old`, the container at `j`) or its own start time; undefined when there is none.
   */
  #choosePrev(
    key: string,
    name: string,
    point: MetricsPoint,
    old: PodEntry | undefined,
    j: number,
  ): PrevPoint | undefined {
    // A container started between 10 s and one resolution ago gets a rate since its start, so
    // it is served after one scrape instead of two.
    if (point.startTime !== 0) {
      // Cheap float estimate first; the exact BigInt path only runs near the window's edges.
      const approxAge = point.timestamp * 1e6 - point.startTime;
      if (approxAge > FRESH_CONTAINER_MIN_NS - 4096 && approxAge < this.#resolutionNs + 4096) {
        const age = diffNs({ ms: 0, ns: point.startTime }, { ms: point.timestamp });
        if (age >= FRESH_CONTAINER_MIN_NS && age < this.#resolutionNs) {
          return {
            startTime: point.startTime,
            timestamp: Math.floor(point.startTime / 1e6),
            timestampNs: point.startTime,
            cumulativeCpuUsed: 0,
            memoryUsage: point.memoryUsage,
          };
        }
      }
    }
    if (old === undefined || j < 0) return undefined;
    const oldLastTimestamp = old.last[j * LAST + 1]!;
    // A start time at or after the previous sample means the container restarted: no history.
    if (!startBefore(point.startTime, oldLastTimestamp)) return undefined;
    if (point.timestamp > oldLastTimestamp) return lastPoint(old.last, j);
    // Upstream would take Go's zero point when the old prev pod lacks this container (a ~292-year
    // window and a near-zero rate); serving nothing is the honest answer.
    if (old.prev !== undefined && !Number.isNaN(old.prev[j * PREV + 1])) {
      const oldPrev = prevPoint(old.prev, j);
      if (compare(instantOf(oldPrev), { ms: point.timestamp }) > 0) return oldPrev;
    }
    this.#log.debug(
      { pod: key, container: name },
      'Found new container metrics point is older than stored previous, drop previous',
    );
    return undefined;
  }

  /** Usage of one pod, or undefined when it lacks history for any container. */
  get(key: string): PodUsage | undefined {
    const entry = this.#pods.get(key);
    if (entry === undefined || entry.prev === undefined) return undefined;
    const { names, last, prev } = entry;
    const containers: ContainerUsage[] = [];
    let timestamp: number | null = null;
    let window = 0;
    for (let i = 0; i < names.length; i++) {
      // One container without history (new sidecar, restart) hides the whole pod.
      if (Number.isNaN(prev[i * PREV + 1])) return undefined;
      const name = names[i]!;
      const usage = resourceUsage(lastPoint(last, i), prevPoint(prev, i), 'container');
      if (!usage.ok) {
        this.#log.error({ pod: key, container: name, err: usage.error }, 'Skipping container usage metric');
        continue;
      }
      containers.push({ name, cpu: usage.cpu, memory: usage.memory });
      if (timestamp === null || usage.timestamp < timestamp) {
        timestamp = usage.timestamp;
        window = usage.window;
      }
    }
    containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { timestamp, window, containers };
  }

  get prevCount(): number {
    return this.#prevCount;
  }

  /** Stored container points, last and previous. */
  get pointCount(): number {
    return this.#pointCount;
  }
}
