/**
 * The kubelet's `GET /metrics/resource` body (Prometheus text format 0.0.4), byte for byte as a
 * 1.33 kubelet on containerd with swap off writes it: families sorted by name, empty families
 * omitted, labels sorted by name, millisecond sample timestamps from the cAdvisor samples and none
 * on the start time. `scrape_error` is hidden since 1.30 (deprecated in 1.29), so only
 * `resource_scrape_error` is printed.
 */
import { formatPromValue } from '../../shared/prom/go-float.ts';
import type { CgroupSample, NodeUsage } from './usage-model.ts';

export interface RenderOptions {
  /**
   * Emulated kubelet minor version (default 33). 1.34 adds pod and container swap series (a
   * containerd bug hid them before); the Content-Type's `escaping=` parameter also depends on it.
   */
  kubeletMinor?: number;
  /** Fault `zero-cpu`: every CPU counter reads 0. */
  zeroCpu?: boolean;
  /** Fault `missing-memory`: no working-set series at all. */
  missingMemory?: boolean;
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
}

const F = {
  containerCpu: {
    name: 'container_cpu_usage_seconds_total',
    help: '[STABLE] Cumulative cpu time consumed by the container in core-seconds',
    type: 'counter',
  },
  containerMemory: {
    name: 'container_memory_working_set_bytes',
    help: '[STABLE] Current working set of the container in bytes',
    type: 'gauge',
  },
  containerStart: {
    name: 'container_start_time_seconds',
    help: '[STABLE] Start time of the container since unix epoch in seconds',
    type: 'gauge',
  },
  containerSwap: {
    name: 'container_swap_usage_bytes',
    help: '[ALPHA] Current amount of the container swap usage in bytes. Reported only on non-windows systems',
    type: 'gauge',
  },
  nodeCpu: {
    name: 'node_cpu_usage_seconds_total',
    help: '[STABLE] Cumulative cpu time consumed by the node in core-seconds',
    type: 'counter',
  },
  nodeMemory: {
    name: 'node_memory_working_set_bytes',
    help: '[STABLE] Current working set of the node in bytes',
    type: 'gauge',
  },
  nodeSwap: {
    name: 'node_swap_usage_bytes',
    help: '[ALPHA] Current swap usage of the node in bytes. Reported only on non-windows systems',
    type: 'gauge',
  },
  podCpu: {
    name: 'pod_cpu_usage_seconds_total',
    help: '[STABLE] Cumulative cpu time consumed by the pod in core-seconds',
    type: 'counter',
  },
  podMemory: {
    name: 'pod_memory_working_set_bytes',
    help: '[STABLE] Current working set of the pod in bytes',
    type: 'gauge',
  },
  podSwap: {
    name: 'pod_swap_usage_bytes',
    help: '[ALPHA] Current amount of the pod swap usage in bytes. Reported only on non-windows systems',
    type: 'gauge',
  },
  scrapeError: {
    name: 'resource_scrape_error',
    help: '[STABLE] 1 if there was an error while getting container metrics, 0 otherwise',
    type: 'gauge',
  },
} satisfies Record<string, Family>;

/** Content-Type of the text reply per kubelet minor (prometheus/common pinned by component-base). */
export function resourceMetricsContentType(kubeletMinor = 33): string {
  if (kubeletMinor <= 30) return 'text/plain; version=0.0.4; charset=utf-8';
  if (kubeletMinor <= 32) return 'text/plain; version=0.0.4; charset=utf-8; escaping=values';
  return 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores';
}

function escapeLabel(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
}

/** expfmt truncates to whole milliseconds. */
function ts(sample: CgroupSample): string {
  return String(Math.floor(sample.timeMs));
}

function seconds(ns: number): string {
  return formatPromValue(ns / 1e9);
}

function header(out: string[], f: Family): void {
  out.push(`# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n`);
}

interface Row {
  labels: string;
  /** Sort key: label values in label-name order, NUL-separated. */
  key: string;
}

/** Renders the body for one node's last samples. */
export function renderResourceMetrics(usage: NodeUsage, opts: RenderOptions = {}): string {
  const minor = opts.kubeletMinor ?? 33;
  const memory = !opts.missingMemory;
  const out: string[] = [];

  const containers: (Row & { c: NodeUsage['pods'][number]['containers'][number] })[] = [];
  const pods: (Row & { p: NodeUsage['pods'][number] })[] = [];
  for (const p of usage.pods) {
    const ns = escapeLabel(p.namespace);
    const pod = escapeLabel(p.name);
    pods.push({ labels: `{namespace="${ns}",pod="${pod}"}`, key: `${p.namespace}\0${p.name}`, p });
    for (const c of p.containers) {
      containers.push({
        labels: `{container="${escapeLabel(c.name)}",namespace="${ns}",pod="${pod}"}`,
        key: `${c.name}\0${p.namespace}\0${p.name}`,
        c,
      });
    }
  }
  // Samples are ordered by label values compared in label-name order, as client_golang sorts them.
  containers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  pods.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  if (containers.length > 0) {
    header(out, F.containerCpu);
    for (const r of containers) {
      const cpu = opts.zeroCpu ? '0' : seconds(r.c.sample.cpuCoreNanoSeconds);
      out.push(`${F.containerCpu.name}${r.labels} ${cpu} ${ts(r.c.sample)}\n`);
    }
    if (memory) {
      header(out, F.containerMemory);
      for (const r of containers) {
        out.push(
          `${F.containerMemory.name}${r.labels} ${formatPromValue(r.c.sample.workingSetBytes)} ${ts(r.c.sample)}\n`,
        );
      }
    }
    const started = containers.filter((r) => r.c.startTimeSec > 0);
    if (started.length > 0) {
      header(out, F.containerStart);
      for (const r of started) out.push(`${F.containerStart.name}${r.labels} ${formatPromValue(r.c.startTimeSec)}\n`);
    }
    if (minor >= 34) {
      header(out, F.containerSwap);
      for (const r of containers) out.push(`${F.containerSwap.name}${r.labels} 0 ${ts(r.c.sample)}\n`);
    }
  }

  const node = usage.sample;
  header(out, F.nodeCpu);
  out.push(`${F.nodeCpu.name} ${opts.zeroCpu ? '0' : seconds(node.cpuCoreNanoSeconds)} ${ts(node)}\n`);
  if (memory) {
    header(out, F.nodeMemory);
    out.push(`${F.nodeMemory.name} ${formatPromValue(node.workingSetBytes)} ${ts(node)}\n`);
    // Swap stats ride on the root cgroup's memory stats: a swap-off node reports 0 at the memory time.
    header(out, F.nodeSwap);
    out.push(`${F.nodeSwap.name} 0 ${ts(node)}\n`);
  }

  if (pods.length > 0) {
    header(out, F.podCpu);
    for (const r of pods) {
      out.push(
        `${F.podCpu.name}${r.labels} ${opts.zeroCpu ? '0' : seconds(r.p.sample.cpuCoreNanoSeconds)} ${ts(r.p.sample)}\n`,
      );
    }
    if (memory) {
      header(out, F.podMemory);
      for (const r of pods) {
        out.push(`${F.podMemory.name}${r.labels} ${formatPromValue(r.p.sample.workingSetBytes)} ${ts(r.p.sample)}\n`);
      }
    }
    if (minor >= 34) {
      header(out, F.podSwap);
      for (const r of pods) out.push(`${F.podSwap.name}${r.labels} 0 ${ts(r.p.sample)}\n`);
    }
  }

  header(out, F.scrapeError);
  out.push(`${F.scrapeError.name} 0\n`);
  return out.join('');
}

/** What a kubelet answers when it could not collect stats: status 200, only the error family set to 1. */
export function renderResourceScrapeError(): string {
  const out: string[] = [];
  header(out, F.scrapeError);
  out.push(`${F.scrapeError.name} 1\n`);
  return out.join('');
}
