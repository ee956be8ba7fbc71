/**
 * Checks the options and resolves them into what the app needs: resource definitions, the family
 * filter, the resolved label/annotation allowlists, the field selectors. Errors are upstream's
 * messages where upstream has one; values upstream lets through silently but that can only
 * misbehave (a shard outside the shard count, a port out of range) are refused here with a clear
 * message instead.
 */
import type { ResourceDefinition } from '../metric/family.ts';
import { availableResourceNames, resolveResources } from '../stores/index.ts';
import type { KsmOptions } from './flags.ts';
import { resolveLabelsAllowList } from './labels-allowlist.ts';
import { createFamilyFilter, type FamilyFilter } from './metric-filter.ts';

export interface ResolvedOptions {
  options: KsmOptions;
  resources: ResourceDefinition[];
  filter: FamilyFilter;
  allowLabels: Map<string, readonly string[]>;
  allowAnnotations: Map<string, readonly string[]>;
  /** Field selector for namespaced list/watch calls (`--namespaces-denylist`, `--node`), or ''. */
  namespacedFieldSelector: string;
  /** Field selector that only pods get (`spec.nodeName=...`), merged into the above for pods. */
  podFieldSelector: string;
}

/** `spec.nodeName=<node>` for `--node`, `spec.nodeName=` (unscheduled) for `--track-unscheduled-pods`. */
export function nodeFieldSelector(o: Pick<KsmOptions, 'node' | 'trackUnscheduledPods'>): string {
  if (o.trackUnscheduledPods) return 'spec.nodeName=';
  if (o.node !== '') return `spec.nodeName=${o.node}`;
  return '';
}

export function namespaceDenylistSelector(denylist: readonly string[]): string {
  return denylist.map((ns) => `metadata.namespace!=${ns}`).join(',');
}

function checkPort(name: string, port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--${name} must be between 0 and 65535, got ${port}`);
  }
}

/** Throws the first problem found; the message is what the user sees after `Error: `. */
export function resolveOptions(o: KsmOptions): ResolvedOptions {
  checkPort('port', o.port);
  checkPort('telemetry-port', o.telemetryPort);
  if (!Number.isInteger(o.totalShards) || o.totalShards < 1) {
    throw new Error(`--total-shards must be at least 1, got ${o.totalShards}`);
  }
  if (!Number.isInteger(o.shard) || o.shard < 0 || o.shard >= o.totalShards) {
    throw new Error(`--shard must be between 0 and --total-shards - 1 (${o.totalShards - 1}), got ${o.shard}`);
  }
  if ((o.pod === '') !== (o.podNamespace === '')) {
    throw new Error('--pod and --pod-namespace must be set together for auto-sharding');
  }
  if (o.node !== '') {
    for (const r of o.resources) {
      if (r !== 'pods') throw new Error(`resource ${r} can't be sharded by field selector spec.nodeName`);
    }
  }
  if (o.objectLimit < 0) throw new Error(`--object-limit must be >= 0, got ${o.objectLimit}`);
  if (!(o.autoGoMemLimitRatio > 0 && o.autoGoMemLimitRatio <= 1)) {
    throw new Error(`value for --auto-gomemlimit-ratio should be between (0, 1], got ${o.autoGoMemLimitRatio}`);
  }
  for (const [flag, ms] of [
    ['server-read-timeout', o.serverReadTimeoutMs],
    ['server-write-timeout', o.serverWriteTimeoutMs],
    ['server-idle-timeout', o.serverIdleTimeoutMs],
    ['server-read-header-timeout', o.serverReadHeaderTimeoutMs],
  ] as const) {
    if (ms < 0) throw new Error(`--${flag} must not be negative`);
  }
  const resources = o.customResourceStateOnly ? [] : resolveResources(o.resources);
  const filter = createFamilyFilter({
    allowlist: o.metricAllowlist,
    denylist: o.metricDenylist,
    optInList: o.metricOptInList,
  });
  const enabled = resources.map((r) => r.name);
  const allowLabels = resolveLabelsAllowList(o.labelsAllowList, enabled, availableResourceNames);
  const allowAnnotations = resolveLabelsAllowList(o.annotationsAllowList, enabled, availableResourceNames);
  return {
    options: o,
    resources,
    filter,
    allowLabels,
    allowAnnotations,
    namespacedFieldSelector: namespaceDenylistSelector(o.namespacesDenylist),
    podFieldSelector: nodeFieldSelector(o),
  };
}
