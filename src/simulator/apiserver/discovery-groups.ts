/**
 * The API groups the simulator advertises, in kube-apiserver's order: by group priority (the
 * `groupPriorityMinimum` the aggregator gives built-in groups, 1000 for CRD groups, the APIService's
 * value for aggregated ones), then by name; versions by priority, then Kubernetes version order.
 */
import type { ResourceType } from './resource-types.ts';

/** An API group-version served by an aggregated APIService (e.g. `metrics.k8s.io/v1beta1`). */
export interface ExternalGroup {
  group: string;
  version: string;
  groupPriorityMinimum?: number;
  versionPriority?: number;
  /** The backend's resources; `undefined` while they are unknown (the backend was not reached yet). */
  resources: ResourceType[] | undefined;
}

export interface DiscoveryVersion {
  version: string;
  /** `undefined`: an aggregated version whose resources are not known yet (discovery marks it stale). */
  resources: ResourceType[] | undefined;
  /** Served by an aggregated APIService rather than by the simulator itself. */
  external: boolean;
}

export interface DiscoveryGroup {
  /** '' for the core (legacy) group. */
  name: string;
  /** Preferred version first. */
  versions: DiscoveryVersion[];
}

/** kube-aggregator's default priorities of the built-in groups (group priority, version priority). */
export const BUILTIN_PRIORITIES: Record<string, [number, number]> = {
  '': [18000, 1],
  'apiregistration.k8s.io': [17800, 15],
  apps: [17800, 15],
  'events.k8s.io': [17750, 15],
  'authentication.k8s.io': [17700, 15],
  'authorization.k8s.io': [17600, 15],
  autoscaling: [17500, 15],
  batch: [17400, 15],
  'certificates.k8s.io': [17300, 15],
  'networking.k8s.io': [17200, 15],
  policy: [17100, 15],
  'rbac.authorization.k8s.io': [17000, 15],
  'storage.k8s.io': [16800, 15],
  'admissionregistration.k8s.io': [16700, 15],
  'apiextensions.k8s.io': [16700, 15],
  'scheduling.k8s.io': [16600, 15],
  'coordination.k8s.io': [16500, 15],
  'node.k8s.io': [16300, 15],
  'discovery.k8s.io': [16200, 15],
  'flowcontrol.apiserver.k8s.io': [16100, 21],
  'resource.k8s.io': [15900, 15],
};

/** The priority the CRD controller gives the APIServices of custom resource groups. */
const CRD_GROUP_PRIORITY = 1000;
const CRD_VERSION_PRIORITY = 100;
/** What an APIService without an explicit priority gets here (metrics-server's manifests use 100). */
const EXTERNAL_GROUP_PRIORITY = 100;

const VERSION_PATTERN = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Kubernetes version ordering, most preferred first: GA before beta before alpha, higher numbers
 * first; names that are not Kubernetes versions sort last, alphabetically.
 */
export function compareKubeVersions(a: string, b: string): number {
  const ma = VERSION_PATTERN.exec(a);
  const mb = VERSION_PATTERN.exec(b);
  if (!ma || !mb) return ma ? -1 : mb ? 1 : a.localeCompare(b);
  const stability = (m: RegExpExecArray) => (m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0);
  return stability(mb) - stability(ma) || Number(mb[1]) - Number(ma[1]) || Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}

interface Entry {
  name: string;
  priority: number;
  versions: Map<string, DiscoveryVersion & { priority: number }>;
}

export function collectGroups(types: readonly ResourceType[], extra: readonly ExternalGroup[] = []): DiscoveryGroup[] {
  const groups = new Map<string, Entry>();
  const entry = (name: string, priority: number): Entry => {
    let e = groups.get(name);
    if (!e) {
      e = { name, priority, versions: new Map() };
      groups.set(name, e);
    }
    e.priority = Math.max(e.priority, priority);
    return e;
  };
  for (const t of types) {
    const [groupPriority, versionPriority] = BUILTIN_PRIORITIES[t.group] ?? [CRD_GROUP_PRIORITY, CRD_VERSION_PRIORITY];
    const e = entry(t.group, groupPriority);
    let v = e.versions.get(t.version);
    if (!v) {
      v = { version: t.version, resources: [], external: false, priority: versionPriority };
      e.versions.set(t.version, v);
    }
    v.resources?.push(t);
  }
  for (const x of extra) {
    const e = entry(x.group, x.groupPriorityMinimum ?? EXTERNAL_GROUP_PRIORITY);
    // A local version wins over an APIService claiming the same group-version.
    if (e.versions.has(x.version)) continue;
    e.versions.set(x.version, {
      version: x.version,
      resources: x.resources,
      external: true,
      priority: x.versionPriority ?? 0,
    });
  }
  return [...groups.values()]
    .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name))
    .map((g) => ({
      name: g.name,
      versions: [...g.versions.values()]
        .sort((a, b) => b.priority - a.priority || compareKubeVersions(a.version, b.version))
        .map(({ priority: _, ...v }) => v),
    }));
}
