/**
 * Discovery documents in both forms: aggregated (`apidiscovery.k8s.io` APIGroupDiscoveryList, one
 * request for everything) and legacy (APIVersions, APIGroupList, APIGroup, APIResourceList).
 */
import { createHash } from 'node:crypto';
import type { DiscoveryGroup, DiscoveryVersion } from './discovery-groups.ts';
import type { ResourceType, Verb } from './resource-types.ts';

interface Kind {
  group: string;
  version: string;
  kind: string;
}

interface SubresourceInfo {
  /** The kind the subresource answers with; `undefined` means the parent's kind. */
  kind?: Kind | ((parent: ResourceType) => Kind);
  verbs: Verb[];
}

const GET_PATCH_UPDATE: Verb[] = ['get', 'patch', 'update'];
const proxyKind = (parent: ResourceType): Kind => ({ group: '', version: '', kind: `${parent.kind}ProxyOptions` });

/** What kube-apiserver advertises for each subresource name. */
const SUBRESOURCES: Record<string, SubresourceInfo> = {
  status: { verbs: GET_PATCH_UPDATE },
  scale: { kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: GET_PATCH_UPDATE },
  log: { verbs: ['get'] },
  binding: { kind: { group: '', version: '', kind: 'Binding' }, verbs: ['create'] },
  eviction: { kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
  ephemeralcontainers: { verbs: GET_PATCH_UPDATE },
  resize: { verbs: GET_PATCH_UPDATE },
  proxy: { kind: proxyKind, verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  finalize: { verbs: ['update'] },
  token: { kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] },
  approval: { verbs: GET_PATCH_UPDATE },
  attach: { kind: { group: '', version: '', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
  exec: { kind: { group: '', version: '', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
  portforward: { kind: { group: '', version: '', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
};

function subresourceKind(parent: ResourceType, name: string): Kind {
  const kind = SUBRESOURCES[name]?.kind;
  if (kind === undefined) return { group: '', version: '', kind: parent.kind };
  return typeof kind === 'function' ? kind(parent) : kind;
}

function subresourceVerbs(name: string): Verb[] {
  return SUBRESOURCES[name]?.verbs ?? ['get'];
}

function byResource(types: readonly ResourceType[]): ResourceType[] {
  return [...types].sort((a, b) => a.resource.localeCompare(b.resource));
}

/** The hash kube-apiserver publishes so clients notice storage-version changes: 8 bytes of SHA-256, base64. */
export function storageVersionHash(t: ResourceType): string {
  return createHash('sha256').update(`${t.group}/${t.version}/${t.kind}`).digest().subarray(0, 8).toString('base64');
}

function optional<T>(key: string, values: T[]): Record<string, T[]> {
  return values.length > 0 ? { [key]: values } : {};
}

function aggregatedResource(t: ResourceType): object {
  return {
    resource: t.resource,
    responseKind: { group: '', version: '', kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
    ...optional('shortNames', t.shortNames),
    ...optional('categories', t.categories),
    ...optional(
      'subresources',
      [...t.subresources].sort().map((name) => ({
        subresource: name,
        responseKind: subresourceKind(t, name),
        verbs: subresourceVerbs(name),
      })),
    ),
  };
}

function aggregatedVersion(v: DiscoveryVersion): object {
  return {
    version: v.version,
    resources: byResource(v.resources ?? []).map(aggregatedResource),
    // An aggregated version whose backend has not answered yet is advertised as stale, as the aggregator does.
    freshness: v.resources === undefined ? 'Stale' : 'Current',
  };
}

export function aggregatedDiscovery(groups: readonly DiscoveryGroup[], apiVersion: string): object {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${apiVersion}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.name === '' ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
      versions: g.versions.map(aggregatedVersion),
    })),
  };
}

export function apiVersions(versions: string[], serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions,
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(g: DiscoveryGroup): object {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v.version}`, version: v.version }));
  return { name: g.name, versions, ...(versions[0] ? { preferredVersion: versions[0] } : {}) };
}

export function apiGroupList(groups: readonly DiscoveryGroup[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.filter((g) => g.name !== '').map(groupEntry) };
}

export function apiGroup(group: DiscoveryGroup): object {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group) };
}

export function apiResourceList(groupVersion: string, types: readonly ResourceType[]): object {
  const resources: object[] = [];
  for (const t of byResource(types)) {
    resources.push({
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...optional('shortNames', t.shortNames),
      ...optional('categories', t.categories),
      ...(t.virtual ? {} : { storageVersionHash: storageVersionHash(t) }),
    });
    for (const name of [...t.subresources].sort()) {
      const kind = subresourceKind(t, name);
      resources.push({
        name: `${t.resource}/${name}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(kind.group !== '' ? { group: kind.group, version: kind.version } : {}),
        kind: kind.kind,
        verbs: subresourceVerbs(name),
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}
