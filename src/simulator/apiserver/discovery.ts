/**
 * Serves API discovery: `/api`, `/apis` (aggregated or legacy, by the Accept header), `/api/v1`,
 * `/apis/<group>` and `/apis/<group>/<version>`. kubectl 1.30+ asks for aggregated v2 first, 1.27-1.29
 * for v2beta1 only; the Content-Type must echo the chosen media type's parameters, because kubectl
 * 1.33 treats a plain `application/json` answer as legacy and then finds no resources.
 */
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery-documents.ts';
import { collectGroups, type DiscoveryGroup, type ExternalGroup } from './discovery-groups.ts';
import type { ResourceType } from './resource-types.ts';

export type { ExternalGroup } from './discovery-groups.ts';

/** The part of the ResourceRegistry discovery needs. */
export interface RegistryView {
  all(): readonly ResourceType[];
}

export interface DiscoveryResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface DiscoveryOptions {
  /** `host:port` advertised in `/api`'s serverAddressByClientCIDRs. */
  serverAddress?: string;
}

const JSON_TYPE = 'application/json';
const AGGREGATED_VERSIONS = new Set(['v2', 'v2beta1']);

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const parsed: Record<string, string> = {};
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0)
          parsed[p.slice(0, eq).trim().toLowerCase()] = p
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, '');
      }
      return { type: type.toLowerCase(), params: parsed };
    })
    .filter((r) => r.type !== '');
}

/**
 * The discovery form the client prefers: an aggregated version (`v2`, `v2beta1`), `legacy`, or
 * `undefined` when nothing acceptable is offered. The first supported media range wins, as in
 * kube-apiserver, whatever q-values say.
 */
export function negotiateDiscovery(accept: string): string | 'legacy' | undefined {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 'legacy';
  for (const r of ranges) {
    const { g, v, as } = r.params;
    if (r.type === JSON_TYPE && g === 'apidiscovery.k8s.io' && as === 'APIGroupDiscoveryList') {
      if (v !== undefined && AGGREGATED_VERSIONS.has(v)) return v;
      continue;
    }
    if (r.params.as !== undefined) continue;
    if (r.type === JSON_TYPE || r.type === 'application/*' || r.type === '*/*') return 'legacy';
  }
  return undefined;
}

function json(status: number, body: object, contentType = JSON_TYPE): DiscoveryResponse {
  return { status, contentType, body: JSON.stringify(body) };
}

function status(code: number, reason: string, message: string): DiscoveryResponse {
  return json(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

const NOT_FOUND = () => status(404, 'NotFound', 'the server could not find the requested resource');

/** Answers a discovery request, or returns `undefined` when `path` is not one (or must be proxied). */
export function serveDiscovery(
  path: string,
  accept: string,
  registry: RegistryView,
  extraGroups: ExternalGroup[] = [],
  options: DiscoveryOptions = {},
): DiscoveryResponse | undefined {
  const clean = path.split('?')[0]?.replace(/\/+$/, '') ?? '';
  const segments = clean.split('/').slice(1);
  if (segments[0] !== 'api' && segments[0] !== 'apis') return undefined;
  if (segments.length > 3 || (segments[0] === 'api' && segments.length > 2)) return undefined;

  const groups = collectGroups(registry.all(), extraGroups);
  if (segments.length === 1) {
    const form = negotiateDiscovery(accept);
    if (form === undefined)
      return status(406, 'NotAcceptable', `only the following media types are accepted: ${JSON_TYPE}`);
    const wanted = segments[0] === 'api' ? groups.filter((g) => g.name === '') : groups.filter((g) => g.name !== '');
    if (form !== 'legacy') {
      const contentType = `${JSON_TYPE};g=apidiscovery.k8s.io;v=${form};as=APIGroupDiscoveryList`;
      return json(200, aggregatedDiscovery(wanted, form), contentType);
    }
    if (segments[0] === 'api') {
      const core = wanted[0]?.versions.map((v) => v.version) ?? [];
      return json(200, apiVersions(core, options.serverAddress ?? '127.0.0.1:6443'));
    }
    return json(200, apiGroupList(groups));
  }

  const [root, first = '', second] = segments;
  const groupName = root === 'api' ? '' : first;
  const versionName = root === 'api' ? first : second;
  const group: DiscoveryGroup | undefined = groups.find((g) => g.name === groupName);
  if (!group || (root === 'apis' && groupName === '')) return NOT_FOUND();
  if (versionName === undefined) return json(200, apiGroup(group));
  const version = group.versions.find((v) => v.version === versionName);
  if (!version) return NOT_FOUND();
  // kube-apiserver proxies an aggregated group-version's discovery to the APIService's backend.
  if (version.external) return undefined;
  const groupVersion = groupName === '' ? versionName : `${groupName}/${versionName}`;
  return json(200, apiResourceList(groupVersion, version.resources ?? []));
}
