/**
 * The data the scraper hands to storage, one batch per tick (upstream `pkg/storage/types.go`).
 * Units are fixed at decode time so the read path only subtracts and divides.
 */

/** One sample of a node or container. */
export interface MetricsPoint {
  /**
   * Container start in nanoseconds since the epoch, computed as Go does (`seconds * 1e9`,
   * truncated; an integer-valued double, exact as upstream's int64). 0 when the kubelet sent no
   * `container_start_time_seconds` (always 0 for nodes).
   */
  startTime: number;
  /** Sample time in milliseconds since the epoch (kubelet timestamp, or the request start). */
  timestamp: number;
  /** Cumulative CPU time in nanocore-seconds (`uint64(seconds * 1e9)`), an integer-valued double. */
  cumulativeCpuUsed: number;
  /** Working-set memory in bytes, an integer. */
  memoryUsage: number;
}

export interface PodMetricsPoint {
  /** Container name -> point, in kubelet output order. */
  containers: Map<string, MetricsPoint>;
}

/** Everything one tick produced. Pod keys are `namespace/name` (namespaces cannot contain `/`). */
export interface MetricsBatch {
  nodes: Map<string, MetricsPoint>;
  pods: Map<string, PodMetricsPoint>;
}

/** Usage computed from two points of one node, as served by the API. */
export interface NodeUsage {
  /** Timestamp of the newer point, ms since the epoch. */
  timestamp: number;
  /** Time between the two samples in nanoseconds (> 0, integer). */
  window: number;
  /** CPU rate in nanocores (integer). */
  cpu: number;
  /** Working set in bytes. */
  memory: number;
}

export interface ContainerUsage {
  name: string;
  /** Nanocores (integer). */
  cpu: number;
  /** Bytes. */
  memory: number;
}

export interface PodUsage {
  /** Timestamp of the container with the earliest timestamp, ms; null when every container was skipped. */
  timestamp: number | null;
  /** Window of that same container, ns; 0 when every container was skipped. */
  window: number;
  /** Sorted by container name (upstream uses random map order). */
  containers: ContainerUsage[];
}

export interface PodRef {
  namespace: string;
  name: string;
}

/** Minimal structured logger (pino-compatible) so storage can report what it skips. */
export interface StorageLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: StorageLogger = { debug() {}, error() {} };

export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
