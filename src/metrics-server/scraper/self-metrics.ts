import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * metrics-server's own series, with upstream's names, labels, help texts (ALPHA prefix included)
 * and buckets, so existing dashboards and the upstream e2e name check keep working.
 */
export interface MetricsServerMetrics {
  /** Per node: seconds from sending the request to having the decoded batch. */
  requestDuration: Histogram<'node'>;
  /** Per node: when the last request was sent, seconds since epoch. */
  lastRequestTime: Gauge<'node'>;
  /** `success` is `"true"` or `"false"`; a response that fails to decode counts as false. */
  requestTotal: Counter<'success'>;
  /** Scrape plus store, seconds; observed by the tick loop. */
  tickDuration: Histogram;
  /** `type` is `node` or `container`: points that can be served (those with a previous point). */
  storagePoints: Gauge<'type'>;
  /** Observed by the API per returned item: now minus the item's timestamp, seconds. */
  apiMetricFreshness: Histogram;
}

/** Prometheus client_golang's DefBuckets. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Tick-duration buckets: the defaults plus points around the resolution, so "tick took longer
 * than the resolution" is visible. Above 10 s: `10 + (r-10)/2, r, 1.5r, 2r`; below, `r` itself
 * unless a default bucket is within 5 ms of it.
 */
export function tickDurationBuckets(resolutionSeconds: number): number[] {
  const r = resolutionSeconds;
  const buckets = [...DEFAULT_BUCKETS];
  if (r > 10) {
    buckets.push(10 + (r - 10) / 2, r, 1.5 * r, 2 * r);
  } else if (r < 10 && !buckets.some((b) => Math.abs(b - r) < 0.005)) {
    buckets.push(r);
    buckets.sort((a, b) => a - b);
  }
  return buckets;
}

/** ExponentialBuckets(1, 1.364, 20) as Go computes them (repeated multiplication). */
export function freshnessBuckets(): number[] {
  const out: number[] = [];
  let v = 1;
  for (let i = 0; i < 20; i++) {
    out.push(v);
    v *= 1.364;
  }
  return out;
}

export function createMetricsServerMetrics(registry: Registry, resolutionSeconds: number): MetricsServerMetrics {
  const registers = [registry];
  return {
    requestDuration: new Histogram({
      name: 'metrics_server_kubelet_request_duration_seconds',
      help: '[ALPHA] Duration of requests to Kubelet API in seconds',
      labelNames: ['node'],
      buckets: [...DEFAULT_BUCKETS],
      registers,
    }),
    lastRequestTime: new Gauge({
      name: 'metrics_server_kubelet_last_request_time_seconds',
      help: '[ALPHA] Time of last request performed to Kubelet API since unix epoch in seconds',
      labelNames: ['node'],
      registers,
    }),
    requestTotal: new Counter({
      name: 'metrics_server_kubelet_request_total',
      help: '[ALPHA] Number of requests sent to Kubelet API',
      labelNames: ['success'],
      registers,
    }),
    tickDuration: new Histogram({
      name: 'metrics_server_manager_tick_duration_seconds',
      help: '[ALPHA] The total time spent collecting and storing metrics in seconds.',
      buckets: tickDurationBuckets(resolutionSeconds),
      registers,
    }),
    storagePoints: new Gauge({
      name: 'metrics_server_storage_points',
      help: '[ALPHA] Number of metrics points stored.',
      labelNames: ['type'],
      registers,
    }),
    apiMetricFreshness: new Histogram({
      name: 'metrics_server_api_metric_freshness_seconds',
      help: '[ALPHA] Freshness of metrics exported',
      buckets: freshnessBuckets(),
      registers,
    }),
  };
}
