/**
 * kube-state-metrics' self-metrics, served on the telemetry port: list/watch outcomes per
 * resource, sharding settings, build info, the config file's hash and reload status, the main
 * `/metrics` handler's latency, and process metrics. The registry outlives in-process restarts
 * (config reloads); `resetRun` clears what upstream's fresh registry would not carry over.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ResourceDefinition } from '../metric/family.ts';

export interface BuildInfo {
  version: string;
  revision: string;
  branch: string;
}

/** Go's `GOARCH` names for Node's `process.arch`. */
const GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le' };

/** The Go type string upstream labels list/watch counters with, e.g. `*v1.Pod`, `*v2.HorizontalPodAutoscaler`. */
export function goTypeName(def: Pick<ResourceDefinition, 'apiVersion' | 'kind'>): string {
  const version = def.apiVersion.slice(def.apiVersion.lastIndexOf('/') + 1);
  return `*${version}.${def.kind}`;
}

export class KsmTelemetry {
  readonly registry = new Registry();
  readonly listTotal: Counter<'result' | 'resource'>;
  readonly watchTotal: Counter<'result' | 'resource'>;
  readonly shardOrdinal: Gauge<'shard_ordinal'>;
  readonly totalShards: Gauge;
  readonly requestDuration: Histogram<'handler' | 'method'>;
  readonly configHash: Gauge<'type' | 'filename'>;
  readonly configReloadSuccessful: Gauge<'type' | 'filename'>;
  readonly configReloadTimestamp: Gauge<'type' | 'filename'>;

  constructor(build: BuildInfo) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const info = new Gauge({
      name: 'kube_state_metrics_build_info',
      help: "A metric with a constant '1' value labeled by version, revision, branch, goversion from which kube_state_metrics was built, and the goos and goarch for the build.",
      labelNames: ['version', 'revision', 'branch', 'goversion', 'goos', 'goarch', 'tags', 'client_go_version'],
      registers,
    });
    info.set(
      {
        version: build.version,
        revision: build.revision,
        branch: build.branch,
        goversion: `node${process.versions.node}`,
        goos: process.platform,
        goarch: GOARCH[process.arch] ?? process.arch,
        tags: 'unknown',
        client_go_version: 'unknown',
      },
      1,
    );
    this.listTotal = new Counter({
      name: 'kube_state_metrics_list_total',
      help: 'Number of total resource list calls in kube-state-metrics',
      labelNames: ['result', 'resource'],
      registers,
    });
    this.watchTotal = new Counter({
      name: 'kube_state_metrics_watch_total',
      help: 'Number of total resource watch calls in kube-state-metrics',
      labelNames: ['result', 'resource'],
      registers,
    });
    this.shardOrdinal = new Gauge({
      name: 'kube_state_metrics_shard_ordinal',
      help: 'Current sharding ordinal/index of this instance',
      labelNames: ['shard_ordinal'],
      registers,
    });
    this.totalShards = new Gauge({
      name: 'kube_state_metrics_total_shards',
      help: 'Number of total shards this instance is aware of',
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'A histogram of requests for kube-state-metrics metrics handler.',
      labelNames: ['handler', 'method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const configLabels = ['type', 'filename'] as const;
    this.configHash = new Gauge({
      name: 'kube_state_metrics_config_hash',
      help: 'Hash of the currently loaded configuration.',
      labelNames: configLabels,
      registers,
    });
    this.configReloadSuccessful = new Gauge({
      name: 'kube_state_metrics_last_config_reload_successful',
      help: 'Whether the last configuration reload attempt was successful.',
      labelNames: configLabels,
      registers,
    });
    this.configReloadTimestamp = new Gauge({
      name: 'kube_state_metrics_last_config_reload_success_timestamp_seconds',
      help: 'Timestamp of the last successful configuration reload.',
      labelNames: configLabels,
      registers,
    });
  }

  /** Records the shard this instance serves (set on every (re)configuration). */
  setShard(shard: number, total: number): void {
    this.shardOrdinal.reset();
    this.shardOrdinal.set({ shard_ordinal: String(shard) }, shard);
    this.totalShards.set(total);
  }

  /** The config file was (re)loaded: hash and outcome. */
  recordConfig(file: string, ok: boolean, hash?: number): void {
    const labels = { type: 'config', filename: file };
    this.configReloadSuccessful.set(labels, ok ? 1 : 0);
    if (ok) {
      this.configReloadTimestamp.set(labels, Math.floor(Date.now() / 1000));
      if (hash !== undefined) this.configHash.set(labels, hash);
    }
  }

  /** A restart starts the run's counters from zero, as upstream's new process-wide state would. */
  resetRun(): void {
    this.listTotal.reset();
    this.watchTotal.reset();
  }
}
