/**
 * The in-memory metrics store: the scraper writes one batch per tick, the API reads rates.
 * Reads compute usage on demand from the two stored points, as upstream does.
 */
import { NodeStorage } from './node-storage.ts';
import { PodStorage } from './pod-storage.ts';
import {
  type MetricsBatch,
  type NodeUsage,
  type PodRef,
  type PodUsage,
  podKey,
  type StorageLogger,
  silentLogger,
} from './types.ts';

export interface MetricsStorageOptions {
  /** `--metric-resolution` in ms; bounds the fresh-container rule. */
  resolutionMs: number;
  logger?: StorageLogger;
}

export class MetricsStorage {
  readonly #nodes: NodeStorage;
  readonly #pods: PodStorage;
  readonly #log: StorageLogger;
  #wasReady = false;

  constructor(options: MetricsStorageOptions) {
    if (!(options.resolutionMs > 0))
      throw new Error(`metrics storage: resolutionMs must be positive, got ${options.resolutionMs}`);
    this.#log = options.logger ?? silentLogger;
    this.#nodes = new NodeStorage(this.#log);
    this.#pods = new PodStorage(options.resolutionMs, this.#log);
  }

  /**
   * Replaces the state with what `batch` allows (anything absent is forgotten). The batch's maps
   * are kept by reference: callers must not mutate them afterwards.
   */
  store(batch: MetricsBatch): void {
    this.#nodes.store(batch.nodes);
    this.#pods.store(batch.pods);
    const ready = this.ready();
    if (ready !== this.#wasReady) {
      this.#wasReady = ready;
      if (ready) this.#log.debug({}, 'Metric storage is ready');
    }
    if (!ready) {
      if (this.#nodes.prevCount > 0) {
        this.#log.debug(
          {},
          'Metric storage is not ready, pod metrics are missing, this may indicate a container-runtime or kubelet issue',
        );
      } else if (this.#pods.prevCount > 0) {
        this.#log.debug({}, 'Metric storage is not ready, node metrics are missing, this may indicate a kubelet issue');
      }
    }
  }

  /** v0.9.0 rule: at least one node and one pod can be served. */
  ready(): boolean {
    return this.#nodes.prevCount > 0 && this.#pods.prevCount > 0;
  }

  /** Usage per requested node, aligned with `names`; undefined where none can be served. */
  getNodeMetrics(names: readonly string[]): (NodeUsage | undefined)[] {
    return names.map((name) => this.#nodes.get(name));
  }

  /** Usage per requested pod, aligned with `pods`; undefined where none can be served. */
  getPodMetrics(pods: readonly PodRef[]): (PodUsage | undefined)[] {
    return pods.map((pod) => this.#pods.get(podKey(pod.namespace, pod.name)));
  }

  /** Points held, for the `metrics_server_storage_points` self-metric. */
  pointCounts(): { node: number; container: number } {
    return { node: this.#nodes.pointCount, container: this.#pods.pointCount };
  }
}
