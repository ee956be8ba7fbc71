/**
 * Kubelet `/metrics/resource` payloads for tests and benchmarks: the captured 1.33 example from
 * the reference, and a generator shaped like kubelet output (families sorted by name, samples by
 * container/namespace/pod, Go `%g` float text, start times without timestamps).
 */

import { formatGoFloat } from '../../shared/prom/go-float.ts';

export const KUBELET_1_33_SAMPLE = `# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds
# TYPE container_cpu_usage_seconds_total counter
container_cpu_usage_seconds_total{container="coredns",namespace="kube-system",pod="coredns-668d6bf9bc-4xk2p"} 42.118532 1735032835127
container_cpu_usage_seconds_total{container="log-shipper",namespace="default",pod="web-5d78c9869d-9dklc"} 1.100665 1735032838936
container_cpu_usage_seconds_total{container="nginx",namespace="default",pod="web-5d78c9869d-9dklc"} 7.333964 1735032837430
# HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes
# TYPE container_memory_working_set_bytes gauge
container_memory_working_set_bytes{container="coredns",namespace="kube-system",pod="coredns-668d6bf9bc-4xk2p"} 1.6371712e+07 1735032835127
container_memory_working_set_bytes{container="log-shipper",namespace="default",pod="web-5d78c9869d-9dklc"} 4.0628224e+07 1735032838936
container_memory_working_set_bytes{container="nginx",namespace="default",pod="web-5d78c9869d-9dklc"} 4.7026176e+07 1735032837430
# HELP container_start_time_seconds [STABLE] Start time of the container since unix epoch in seconds
# TYPE container_start_time_seconds gauge
container_start_time_seconds{container="coredns",namespace="kube-system",pod="coredns-668d6bf9bc-4xk2p"} 1.7349571093457494e+09
container_start_time_seconds{container="log-shipper",namespace="default",pod="web-5d78c9869d-9dklc"} 1.7350324571906428e+09
container_start_time_seconds{container="nginx",namespace="default",pod="web-5d78c9869d-9dklc"} 1.7350324568302116e+09
# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds
# TYPE node_cpu_usage_seconds_total counter
node_cpu_usage_seconds_total 48213.552012 1735032838055
# HELP node_memory_working_set_bytes [STABLE] Current working set of the node in bytes
# TYPE node_memory_working_set_bytes gauge
node_memory_working_set_bytes 1.45078272e+09 1735032838055
# HELP node_swap_usage_bytes [ALPHA] Current swap usage of the node in bytes. Reported only on non-windows systems
# TYPE node_swap_usage_bytes gauge
node_swap_usage_bytes 0 1735032838055
# HELP pod_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the pod in core-seconds
# TYPE pod_cpu_usage_seconds_total counter
pod_cpu_usage_seconds_total{namespace="default",pod="web-5d78c9869d-9dklc"} 8.529501 1735032836611
pod_cpu_usage_seconds_total{namespace="kube-system",pod="coredns-668d6bf9bc-4xk2p"} 42.198714 1735032839702
# HELP pod_memory_working_set_bytes [STABLE] Current working set of the pod in bytes
# TYPE pod_memory_working_set_bytes gauge
pod_memory_working_set_bytes{namespace="default",pod="web-5d78c9869d-9dklc"} 8.8203264e+07 1735032836611
pod_memory_working_set_bytes{namespace="kube-system",pod="coredns-668d6bf9bc-4xk2p"} 1.665024e+07 1735032839702
# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise
# TYPE resource_scrape_error gauge
resource_scrape_error 0
`;

/** A kubelet-shaped payload for `pods` pods of `containers` containers each (deterministic). */
export function syntheticPayload(pods: number, containers: number, baseTime = 1735032835127): string {
  const rows: { c: string; ns: string; pod: string; cpu: number; mem: number; start: number; ts: number }[] = [];
  for (let p = 0; p < pods; p++) {
    for (let c = 0; c < containers; c++) {
      rows.push({
        c: `container-${c}`,
        ns: `namespace-${p % 7}`,
        pod: `workload-${p}-7d4b9c5f8-x${p.toString(36)}`,
        cpu: 12.345678 + p * 3.1 + c,
        mem: 16371712 + p * 4096 + c * 1024,
        start: 1734957109.3457494 + p,
        ts: baseTime + ((p * 37) % 15000),
      });
    }
  }
  rows.sort((a, b) => (a.c < b.c ? -1 : a.c > b.c ? 1 : a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.pod < b.pod ? -1 : 1));
  const label = (r: (typeof rows)[number]) => `{container="${r.c}",namespace="${r.ns}",pod="${r.pod}"}`;
  const out: string[] = [
    '# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds',
    '# TYPE container_cpu_usage_seconds_total counter',
  ];
  for (const r of rows) out.push(`container_cpu_usage_seconds_total${label(r)} ${formatGoFloat(r.cpu)} ${r.ts}`);
  out.push(
    '# HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes',
    '# TYPE container_memory_working_set_bytes gauge',
  );
  for (const r of rows) out.push(`container_memory_working_set_bytes${label(r)} ${formatGoFloat(r.mem)} ${r.ts}`);
  out.push(
    '# HELP container_start_time_seconds [STABLE] Start time of the container since unix epoch in seconds',
    '# TYPE container_start_time_seconds gauge',
  );
  for (const r of rows) out.push(`container_start_time_seconds${label(r)} ${formatGoFloat(r.start)}`);
  out.push(
    '# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds',
    '# TYPE node_cpu_usage_seconds_total counter',
    `node_cpu_usage_seconds_total 48213.552012 ${baseTime + 2928}`,
    '# HELP node_memory_working_set_bytes [STABLE] Current working set of the node in bytes',
    '# TYPE node_memory_working_set_bytes gauge',
    `node_memory_working_set_bytes 1.45078272e+09 ${baseTime + 2928}`,
    '# HELP node_swap_usage_bytes [ALPHA] Current swap usage of the node in bytes. Reported only on non-windows systems',
    '# TYPE node_swap_usage_bytes gauge',
    `node_swap_usage_bytes 0 ${baseTime + 2928}`,
    '# HELP pod_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the pod in core-seconds',
    '# TYPE pod_cpu_usage_seconds_total counter',
  );
  const podRows = rows.filter((r) => r.c === 'container-0').sort((a, b) => (a.ns + a.pod < b.ns + b.pod ? -1 : 1));
  for (const r of podRows) {
    out.push(`pod_cpu_usage_seconds_total{namespace="${r.ns}",pod="${r.pod}"} ${formatGoFloat(r.cpu * 1.1)} ${r.ts}`);
  }
  out.push(
    '# HELP pod_memory_working_set_bytes [STABLE] Current working set of the pod in bytes',
    '# TYPE pod_memory_working_set_bytes gauge',
  );
  for (const r of podRows) {
    out.push(`pod_memory_working_set_bytes{namespace="${r.ns}",pod="${r.pod}"} ${formatGoFloat(r.mem * 2)} ${r.ts}`);
  }
  out.push(
    '# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise',
    '# TYPE resource_scrape_error gauge',
    'resource_scrape_error 0',
  );
  return `${out.join('\n')}\n`;
}
