/**
 * The kubelet's `GET /stats/summary` (Summary API, `stats/v1alpha1`) built from the same samples
 * as `/metrics/resource`, so both endpoints agree: `usageCoreNanoSeconds/1e9` is the printed
 * counter and `time` is the sample instant truncated to seconds. Keys follow the Go struct order;
 * the body is indented one space per level like go-restful's pretty printer.
 */
import type { CgroupSample, NodeUsage, PodUsage } from './usage-model.ts';

export interface SummaryOptions {
  /** `?only_cpu_and_memory=true`: identity, times, CPU, memory and swap only. */
  onlyCpuAndMemory?: boolean;
  /** Fault `zero-cpu`. */
  zeroCpu?: boolean;
  /** Fault `missing-memory`: no `memory` objects. */
  missingMemory?: boolean;
}

/** A simulated 60 GiB root disk shared by node, image and container filesystems. */
const DISK_CAPACITY = 64_424_509_440;
const DISK_INODES = 3_932_160;

/** `metav1.Time` JSON: RFC 3339 UTC with second precision (truncated). */
export function metaTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

type Json = Record<string, unknown>;

function cpu(s: CgroupSample, o: SummaryOptions): Json {
  return {
    time: metaTime(s.timeMs),
    usageNanoCores: o.zeroCpu ? 0 : s.usageNanoCores,
    usageCoreNanoSeconds: o.zeroCpu ? 0 : s.cpuCoreNanoSeconds,
  };
}

function memory(s: CgroupSample, limitBytes: number | undefined): Json {
  const m: Json = { time: metaTime(s.timeMs) };
  // availableBytes only exists for cgroups with a limit.
  if (limitBytes !== undefined) m.availableBytes = Math.max(0, limitBytes - s.workingSetBytes);
  m.usageBytes = s.usageBytes;
  m.workingSetBytes = s.workingSetBytes;
  m.rssBytes = s.rssBytes;
  m.pageFaults = s.pageFaults;
  m.majorPageFaults = s.majorPageFaults;
  return m;
}

function swap(s: CgroupSample): Json {
  return { time: metaTime(s.timeMs), swapUsageBytes: 0 };
}

function fs(timeMs: number, usedBytes: number, inodesUsed: number): Json {
  const diskUsed = Math.round(DISK_CAPACITY * 0.31);
  return {
    time: metaTime(timeMs),
    availableBytes: DISK_CAPACITY - diskUsed,
    capacityBytes: DISK_CAPACITY,
    usedBytes,
    inodesFree: DISK_INODES - 205_166,
    inodes: DISK_INODES,
    inodesUsed,
  };
}

/** Traffic grows with CPU time: deterministic and monotonic without extra state. */
function network(s: CgroupSample): Json {
  const rxBytes = Math.floor(s.cpuCoreNanoSeconds / 25_000);
  const txBytes = Math.floor(s.cpuCoreNanoSeconds / 80_000);
  const iface = { name: 'eth0', rxBytes, rxErrors: 0, txBytes, txErrors: 0 };
  return { time: metaTime(s.timeMs), ...iface, interfaces: [iface] };
}

function withCpuMemory(target: Json, s: CgroupSample, limit: number | undefined, o: SummaryOptions): Json {
  target.cpu = cpu(s, o);
  if (!o.missingMemory) target.memory = memory(s, limit);
  return target;
}

function podStats(p: PodUsage, o: SummaryOptions): Json {
  const containers = p.containers.map((c) => {
    const out = withCpuMemory(
      { name: c.name, startTime: metaTime(c.startTimeSec * 1000) },
      c.sample,
      c.memoryLimitBytes,
      o,
    );
    if (!o.onlyCpuAndMemory) {
      const t = c.sample.timeMs;
      out.rootfs = fs(t, 8192 + (c.sample.workingSetBytes % 65_536), 4);
      out.logs = fs(t, 4096 + Math.floor(c.sample.cpuCoreNanoSeconds / 1e6) * 16, 2);
    }
    out.swap = swap(c.sample);
    return out;
  });
  const out = withCpuMemory(
    {
      podRef: { name: p.name, namespace: p.namespace, uid: p.uid },
      startTime: metaTime(p.startTimeMs),
      containers,
    },
    p.sample,
    p.memoryLimitBytes,
    o,
  );
  if (!o.onlyCpuAndMemory) {
    out.network = network(p.sample);
    out.volume = [
      {
        ...fs(p.startTimeMs + 46_000, 12_288, 9),
        availableBytes: 8_203_866_112,
        capacityBytes: 8_203_878_400,
        inodesFree: 2_002_889,
        inodes: 2_002_898,
        name: `kube-api-access-${p.uid.slice(0, 5) || 'x'}`,
      },
    ];
    out['ephemeral-storage'] = fs(p.sample.timeMs, 16_384 * (p.containers.length + 1), 4 + 7 * p.containers.length);
    out.process_stats = { process_count: p.containers.length + 1 };
  }
  out.swap = swap(p.sample);
  return out;
}

/** The Summary object for one node. */
export function buildSummary(usage: NodeUsage, o: SummaryOptions = {}): Json {
  const n = usage.sample;
  const systemContainers = usage.system.map((sc) =>
    withCpuMemory(
      { name: sc.name, startTime: metaTime(usage.startTimeMs) },
      sc.sample,
      sc.name === 'pods' ? usage.memoryCapacityBytes : undefined,
      o,
    ),
  );
  const node: Json = { nodeName: usage.nodeName };
  if (systemContainers.length > 0) node.systemContainers = systemContainers;
  node.startTime = metaTime(usage.startTimeMs);
  withCpuMemory(node, n, usage.memoryCapacityBytes, o);
  if (!o.onlyCpuAndMemory) {
    const t = n.timeMs;
    node.network = network(n);
    node.fs = fs(t, Math.round(DISK_CAPACITY * 0.31), 205_166);
    node.runtime = { imageFs: fs(t, 1_298_765_824, 21_877), containerFs: fs(t, 1_298_765_824, 21_877) };
    node.rlimit = { time: metaTime(t), maxpid: 4_194_304, curproc: 180 + 6 * usage.pods.length };
  }
  node.swap = swap(n);
  return { node, pods: usage.pods.map((p) => podStats(p, o)) };
}

/** The response body, pretty-printed like go-restful (one space per nesting level). */
export function renderSummary(usage: NodeUsage, o: SummaryOptions = {}): string {
  return JSON.stringify(buildSummary(usage, o), null, 1);
}
