/**
 * What the usage model publishes: the last housekeeping sample of every cgroup of a node, in the
 * units the Summary API uses. Both kubelet endpoints render from these.
 */

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
