/**
 * JSON shapes of NodeMetrics/PodMetrics (k8s.io/metrics `v1beta1`/`v1` types), key order as Go
 * emits them. List items carry no kind/apiVersion, like the generic apiserver's list encoding.
 */
import { formatGoDuration } from '../../shared/duration.ts';
import { formatBytes, formatNanoCores } from '../../shared/quantity/index.ts';
import type { MetricsVersion, NodeMetricsItem, PodMetricsItem, ResourceUsage } from './api-types.ts';
import { METRICS_GROUP } from './api-types.ts';

const timeCache = new Map<number, string>();
const windowCache = new Map<number, string>();

/** metav1.Time JSON: RFC 3339 UTC, whole seconds (truncated); the zero time is `null`. */
export function formatTime(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const second = Math.floor(ms / 1000);
  // Lists repeat a handful of seconds (every creationTimestamp is the request time).
  const cached = timeCache.get(second);
  if (cached !== undefined) return cached;
  const date = new Date(second * 1000);
  if (Number.isNaN(date.getTime())) return null;
  const text = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (timeCache.size >= 4096) timeCache.clear();
  timeCache.set(second, text);
  return text;
}

/** metav1.Duration JSON from nanoseconds. */
export function formatWindow(ns: number): string {
  let text = windowCache.get(ns);
  if (text === undefined) {
    text = formatGoDuration(ns / 1e6);
    if (windowCache.size >= 4096) windowCache.clear();
    windowCache.set(ns, text);
  }
  return text;
}

export function usageJson(usage: ResourceUsage): { cpu: string; memory: string } {
  return { cpu: formatNanoCores(usage.cpu), memory: formatBytes(usage.memory) };
}

function metadataJson(
  name: string,
  namespace: string | undefined,
  creation: number,
  labels: Record<string, string> | undefined,
) {
  const meta: Record<string, unknown> = { name };
  if (namespace !== undefined) meta.namespace = namespace;
  meta.creationTimestamp = formatTime(creation);
  if (labels !== undefined) {
    // Go's encoder sorts map keys.
    const keys = Object.keys(labels).sort();
    if (keys.length > 0) meta.labels = Object.fromEntries(keys.map((k) => [k, labels[k]]));
  }
  return meta;
}

export function nodeMetadataJson(item: NodeMetricsItem): Record<string, unknown> {
  return metadataJson(item.name, undefined, item.creationTimestamp, item.labels);
}

export function podMetadataJson(item: PodMetricsItem): Record<string, unknown> {
  return metadataJson(item.name, item.namespace, item.creationTimestamp, item.labels);
}

export function nodeMetricsJson(item: NodeMetricsItem, version?: MetricsVersion): Record<string, unknown> {
  const head = version === undefined ? {} : { kind: 'NodeMetrics', apiVersion: `${METRICS_GROUP}/${version}` };
  return {
    ...head,
    metadata: nodeMetadataJson(item),
    timestamp: formatTime(item.timestamp),
    window: formatWindow(item.window),
    usage: usageJson(item.usage),
  };
}

export function podMetricsJson(item: PodMetricsItem, version?: MetricsVersion): Record<string, unknown> {
  const head = version === undefined ? {} : { kind: 'PodMetrics', apiVersion: `${METRICS_GROUP}/${version}` };
  return {
    ...head,
    metadata: podMetadataJson(item),
    timestamp: formatTime(item.timestamp),
    window: formatWindow(item.window),
    containers: item.containers.map((c) => ({ name: c.name, usage: usageJson(c.usage) })),
  };
}

export function nodeMetricsListJson(
  items: readonly NodeMetricsItem[],
  version: MetricsVersion,
): Record<string, unknown> {
  return {
    kind: 'NodeMetricsList',
    apiVersion: `${METRICS_GROUP}/${version}`,
    metadata: {},
    items: items.map((item) => nodeMetricsJson(item)),
  };
}

export function podMetricsListJson(items: readonly PodMetricsItem[], version: MetricsVersion): Record<string, unknown> {
  return {
    kind: 'PodMetricsList',
    apiVersion: `${METRICS_GROUP}/${version}`,
    metadata: {},
    items: items.map((item) => podMetricsJson(item)),
  };
}
