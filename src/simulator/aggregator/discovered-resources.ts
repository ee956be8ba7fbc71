/**
 * Turns a backend's `APIResourceList` (its `/apis/<group>/<version>` answer) into the resource
 * types the simulator's discovery documents list, so aggregated groups appear in `/apis` (both
 * forms) with their real resources: `kubectl api-resources` and `kubectl top` find them.
 * Entries that are not well-formed are skipped; `a/b` entries become subresources of `a`.
 */
import type { ResourceType, Verb } from '../apiserver/resource-types.ts';

const VERBS = new Set<Verb>(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
/** A backend cannot make discovery arbitrarily large. */
const MAX_RESOURCES = 500;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : [];

export function resourcesFromList(list: unknown, group: string, version: string): ResourceType[] | undefined {
  if (typeof list !== 'object' || list === null) return undefined;
  const entries = (list as { resources?: unknown }).resources;
  if (!Array.isArray(entries)) return undefined;
  const types = new Map<string, ResourceType>();
  const subresources: [string, string][] = [];
  for (const e of entries.slice(0, MAX_RESOURCES)) {
    if (typeof e !== 'object' || e === null) continue;
    const r = e as Record<string, unknown>;
    if (typeof r.name !== 'string' || r.name === '' || typeof r.kind !== 'string') continue;
    const slash = r.name.indexOf('/');
    if (slash >= 0) {
      subresources.push([r.name.slice(0, slash), r.name.slice(slash + 1)]);
      continue;
    }
    types.set(r.name, {
      group,
      version,
      resource: r.name,
      singular: typeof r.singularName === 'string' && r.singularName !== '' ? r.singularName : r.kind.toLowerCase(),
      kind: r.kind,
      listKind: `${r.kind}List`,
      namespaced: r.namespaced === true,
      shortNames: strings(r.shortNames),
      categories: strings(r.categories),
      verbs: strings(r.verbs).filter((v): v is Verb => VERBS.has(v as Verb)),
      subresources: [],
    });
  }
  for (const [parent, sub] of subresources) types.get(parent)?.subresources.push(sub);
  return [...types.values()];
}
