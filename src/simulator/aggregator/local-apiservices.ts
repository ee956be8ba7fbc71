/**
 * The local APIService objects kube-apiserver registers on start for its built-in group-versions
 * (`v1.`, `v1.apps`, `v2.autoscaling`, ...), with the group and version priorities discovery
 * uses and the `kube-aggregator.kubernetes.io/automanaged: onstart` label, so
 * `kubectl get apiservices` lists them `Local` beside aggregated ones. Existing objects are kept.
 * The core group's `v1.` is left out: the store's generic name validation refuses its trailing dot.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import { BUILTIN_PRIORITIES } from '../apiserver/discovery-groups.ts';
import type { ResourceType } from '../apiserver/resource-types.ts';

export function localApiServices(types: readonly ResourceType[]): KubeObject[] {
  const seen = new Set<string>();
  const out: KubeObject[] = [];
  for (const t of types) {
    const priorities = BUILTIN_PRIORITIES[t.group];
    const name = `${t.version}.${t.group}`;
    if (!priorities || t.group === '' || seen.has(name)) continue;
    seen.add(name);
    out.push({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name, labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
      spec: {
        group: t.group,
        version: t.version,
        groupPriorityMinimum: priorities[0],
        versionPriority: priorities[1],
      },
    });
  }
  return out.sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
}

/** Creates the missing local APIServices. */
export function registerLocalApiServices(state: ClusterState, types: readonly ResourceType[]): void {
  for (const o of localApiServices(types)) {
    if (state.get('apiregistration.k8s.io/v1', 'APIService', undefined, o.metadata.name!)) continue;
    state.create(o);
  }
}
