/**
 * TEMPORARY stand-ins for `discovery.ts`, `openapi.ts` and `table.ts` (another engineer's), with
 * their agreed signatures, so the server runs until those land. Delete once they exist.
 * Legacy discovery only; no OpenAPI; no Table.
 */
import type { ResourceRegistry } from './resource-registry.ts';
import { groupVersion } from './resource-types.ts';

type Answer = { status: number; contentType: string; body: string };

export function serveDiscovery(path: string, _accept: string, registry: ResourceRegistry): Answer | undefined {
  const json = (o: unknown): Answer => ({ status: 200, contentType: 'application/json', body: JSON.stringify(o) });
  const types = registry.all();
  if (path === '/api') return json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
  const groups = new Map<string, string[]>();
  for (const t of types) {
    if (t.group === '') continue;
    const vs = groups.get(t.group) ?? [];
    if (!vs.includes(t.version)) vs.push(t.version);
    groups.set(t.group, vs);
  }
  const groupObj = (name: string, vs: string[]) => ({
    name,
    versions: vs.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${vs[0]}`, version: vs[0] },
  });
  if (path === '/apis') {
    return json({ kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups].map(([n, vs]) => groupObj(n, vs)) });
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)(?:\/([^/]+))?)$/.exec(path);
  if (!m) return undefined;
  const group = m[2] ?? '';
  const version = m[1] ?? m[3];
  if (!version) {
    const vs = groups.get(group);
    return vs ? json({ kind: 'APIGroup', apiVersion: 'v1', ...groupObj(group, vs) }) : undefined;
  }
  const here = types.filter((t) => t.group === group && t.version === version);
  if (here.length === 0) return undefined;
  const resources = here.flatMap((t) => [
    {
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
    },
    ...t.subresources.map((s) => ({
      name: `${t.resource}/${s}`,
      singularName: '',
      namespaced: t.namespaced,
      kind: s === 'scale' ? 'Scale' : t.kind,
      verbs: ['get', 'patch', 'update'],
    })),
  ]);
  return json({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(here[0]!), resources });
}

export function serveOpenApi(
  _path: string,
  _accept: string,
  _registry: ResourceRegistry,
): { status: number; contentType: string; body: string | Buffer } | undefined {
  return undefined;
}
