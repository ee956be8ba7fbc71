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

/** `GOARCH` of this process, for build info and the User-Agent. */
export function goArch(): string {
  return GOARCH[process.arch] ?? process.arch;
}

/** The Go type string upstream labels list/watch counters with, e.g. `*v1.Pod`, `*v2.HorizontalPodAutoscaler`. */
export function goTypeName(def: Pick<ResourceDefinition, 'apiVersion' | 'kind'>): string {
  const version = def.apiVersion.slice(def.apiVersion.lastIndexOf('/') + 1);
  return `*${version}.${def.kind}`;
}

export class KsmTelemetry {
  readonly registry = new Registry();
  readonly listTotal: Counter<'resource' | 'result'>;
  readonly watchTotal: Counter<'resource' | 'result'>;
  readonly shardOrdinal: Gauge<'shard_ordinal'>;
  readonly totalShards: Gauge;
  readonly requestDuration: Histogram<'handler' | 'method'>;
  readonly configHash: Gauge<'filename' | 'type'>;
  readonly configReloadSuccessful: Gauge<'filename' | 'type'>;
  readonly configReloadTimestamp: Gauge<'filename' | 'type'>;

  constructor(build: BuildInfo) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const info = new Gauge({
      name: 'kube_state_metrics_build_info',
      help: "A metric with a constant '1' value labeled by version, revision, branch, goversion from which kube_state_metrics was built, and the goos and goarch for the build.",
      labelNames: ['branch', 'client_go_version', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'],
      registers,
    });
    info.set(
      {
        branch: build.branch,
        client_go_version: 'unknown',
        goarch: goArch(),
        goos: process.platform,
        goversion: `node${process.versions.node}`,
        revision: build.revision,
        tags: 'unknown',
        version: build.version,
      },
      1,
    );
    this.listTotal = new Counter({
      name: 'kube_state_metrics_list_total',
      help: 'Number of total resource list calls in kube-state-metrics',
      labelNames: ['resource', 'result'],
      registers,
    });
    this.watchTotal = new Counter({
      name: 'kube_state_metrics_watch_total',
      help: 'Number of total resource watch calls in kube-state-metrics',
      labelNames: ['resource', 'result'],
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
    const configLabels = ['filename', 'type'] as const;
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
    this.#crsMetrics(registers);
  }

  #listObjects: Gauge<'resource'> | undefined;
  #listObjectsLimit: Gauge<'resource'> | undefined;

  /**
   * `--object-limit`: how many objects the last list of `resource` kept, and the limit. The two
   * gauges only exist when the limit is in use, as upstream registers them.
   */
  recordListObjects(resource: string, kept: number, limit: number): void {
    this.#listObjects ??= new Gauge({
      name: 'kube_state_metrics_list_objects',
      help: 'Number of resources listed in kube-state-metrics',
      labelNames: ['resource'],
      registers: [this.registry],
    });
    this.#listObjectsLimit ??= new Gauge({
      name: 'kube_state_metrics_list_objects_limit',
      help: 'Number of resource list limit in kube-state-metrics',
      labelNames: ['resource'],
      registers: [this.registry],
    });
    this.#listObjects.set({ resource }, kept);
    this.#listObjectsLimit.set({ resource }, limit);
  }

  /** Custom resource state is not supported; upstream always exports these, so they stay at 0 here. */
  #crsMetrics(registers: Registry[]): void {
    const events = (what: string, verb: string) =>
      new Counter({
        name: `kube_state_metrics_custom_resource_state_${what}_events_total`,
        help: `Number of times that the CRD informer triggered the ${verb} event.`,
        registers,
      });
    events('add', 'add');
    events('update', 'update');
    events('delete', 'remove');
    new Gauge({
      name: 'kube_state_metrics_custom_resource_state_cache',
      help: 'Net amount of CRDs affecting the cache currently.',
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
    const labels = { filename: file, type: 'config' };
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
