/**
 * Discovery documents for `metrics.k8s.io`: legacy (`APIGroupList`, `APIGroup`,
 * `APIResourceList`) and aggregated (`apidiscovery.k8s.io` v2 and v2beta1, which kube-aggregator
 * and kubectl 1.27-1.29 ask for). Key order follows Go's field order.
 */
import type { MetricsVersion } from './api-types.ts';
import { METRICS_GROUP } from './api-types.ts';

const RESOURCES = [
  { name: 'nodes', namespaced: false, kind: 'NodeMetrics' },
  { name: 'pods', namespaced: true, kind: 'PodMetrics' },
] as const;
const VERBS = ['get', 'list'];

function groupVersions(versions: readonly MetricsVersion[]) {
  return versions.map((version) => ({ groupVersion: `${METRICS_GROUP}/${version}`, version }));
}

export function apiGroup(versions: readonly MetricsVersion[]) {
  const list = groupVersions(versions);
  return { kind: 'APIGroup', apiVersion: 'v1', name: METRICS_GROUP, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(versions: readonly MetricsVersion[], serverAddress: string | undefined) {
  const list = groupVersions(versions);
  const group: Record<string, unknown> = { name: METRICS_GROUP, versions: list, preferredVersion: list[0] };
  if (serverAddress !== undefined) {
    group.serverAddressByClientCIDRs = [{ clientCIDR: '0.0.0.0/0', serverAddress }];
  }
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [group] };
}

export function apiResourceList(version: MetricsVersion) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${METRICS_GROUP}/${version}`,
    resources: RESOURCES.map((r) => ({
      name: r.name,
      singularName: '',
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
    })),
  };
}

export type DiscoveryVersion = 'v2' | 'v2beta1';

export function aggregatedDiscoveryContentType(version: DiscoveryVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

export function apiGroupDiscoveryList(versions: readonly MetricsVersion[], discoveryVersion: DiscoveryVersion) {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${discoveryVersion}`,
    metadata: {},
    items: [
      {
        metadata: { name: METRICS_GROUP, creationTimestamp: null },
        versions: versions.map((version) => ({
          version,
          resources: RESOURCES.map((r) => ({
            resource: r.name,
            responseKind: { group: '', version: '', kind: r.kind },
            scope: r.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: '',
            verbs: VERBS,
          })),
          freshness: 'Current',
        })),
      },
    ],
  };
}
