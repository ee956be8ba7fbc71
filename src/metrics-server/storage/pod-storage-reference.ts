/**
 * The Map-per-pod storage that `PodStorage` replaced, kept for the differential test only (it
 * states the upstream rules plainly): the compact storage must serve exactly what this one does.
 */
import { compare, diffNs, startBefore } from './point-time.ts';
import { instantOf, type PrevPoint, resourceUsage } from './resource-usage.ts';
import type { ContainerUsage, MetricsPoint, PodMetricsPoint, PodUsage, StorageLogger } from './types.ts';

/** Youngest container age (ns) for which a rate since its start is served (upstream constant). */
const FRESH_CONTAINER_MIN_NS = 10e9;

export class ReferencePodStorage {
  /** pod key -> container -> newest point. */
  #last = new Map<string, Map<string, MetricsPoint>>();
  /** pod key -> container -> point the rate is computed against; a pod is present only with at least one. */
  #prev = new Map<string, Map<string, PrevPoint>>();
  readonly #resolutionNs: number;
  readonly #log: StorageLogger;

  constructor(resolutionMs: number, log: StorageLogger) {
    this.#resolutionNs = resolutionMs * 1e6;
    this.#log = log;
  }

  store(pods: ReadonlyMap<string, PodMetricsPoint>): void {
    const last = new Map<string, Map<string, MetricsPoint>>();
    const prev = new Map<string, Map<string, PrevPoint>>();
    for (const [key, pod] of pods) {
      last.set(key, pod.containers);
      const oldLastPod = this.#last.get(key);
      const oldPrevPod = this.#prev.get(key);
      let prevPod: Map<string, PrevPoint> | undefined;
      for (const [name, point] of pod.containers) {
        const chosen = this.#choosePrev(key, name, point, oldLastPod?.get(name), oldPrevPod);
        if (chosen !== undefined) {
          prevPod ??= new Map();
          prevPod.set(name, chosen);
        }
      }
      if (prevPod !== undefined) prev.set(key, prevPod);
    }
    this.#last = last;
    this.#prev = prev;
  }

  #choosePrev(
    key: string,
    name: string,
    point: MetricsPoint,
    oldLast: MetricsPoint | undefined,
    oldPrevPod: Map<string, PrevPoint> | undefined,
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
    // A start time at or after the previous sample means the container restarted: no history.
    if (oldLast === undefined || !startBefore(point.startTime, oldLast.timestamp)) return undefined;
    if (point.timestamp > oldLast.timestamp) return oldLast;
    const oldPrev = oldPrevPod?.get(name);
    // Upstream would take Go's zero point when the old prev pod lacks this container (a ~292-year
    // window and a near-zero rate); serving nothing is the honest answer.
    if (oldPrev !== undefined && compare(instantOf(oldPrev), { ms: point.timestamp }) > 0) return oldPrev;
    this.#log.debug(
      { pod: key, container: name },
      'Found new container metrics point is older than stored previous, drop previous',
    );
    return undefined;
  }

  /** Usage of one pod, or undefined when it lacks history for any container. */
  get(key: string): PodUsage | undefined {
    const lastPod = this.#last.get(key);
    const prevPod = this.#prev.get(key);
    if (lastPod === undefined || prevPod === undefined) return undefined;
    const containers: ContainerUsage[] = [];
    let timestamp: number | null = null;
    let window = 0;
    for (const [name, last] of lastPod) {
      const prev = prevPod.get(name);
      // One container without history (new sidecar, restart) hides the whole pod.
      if (prev === undefined) return undefined;
      const usage = resourceUsage(last, prev, 'container');
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
    return this.#prev.size;
  }

  /** Stored container points, last and previous. */
  get pointCount(): number {
    let n = 0;
    for (const pod of this.#last.values()) n += pod.size;
    for (const pod of this.#prev.values()) n += pod.size;
    return n;
  }
}
