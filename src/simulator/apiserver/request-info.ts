/**
 * Splits a request path into the resource coordinates kube-apiserver derives (group, version,
 * namespace, resource, name, subresource) and the verb, before authorization and routing.
 */
import type {
  NonResourceAttributes,
  RequestAttributes,
  RequestVerb,
  ResourceAttributes,
} from './request-attributes.ts';

export interface ResourceRequestInfo extends ResourceAttributes {
  /** The request used the legacy `/watch/` path prefix. */
  legacyWatch: boolean;
}

/** Subresources of a namespace that sit where a namespaced resource name would. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function nonResource(method: string, path: string): NonResourceAttributes {
  return { resourceRequest: false, verb: method.toLowerCase() as RequestVerb, path };
}

/**
 * Resource requests are `/api/<v>/...` and `/apis/<g>/<v>/...` with at least a resource segment;
 * anything else (discovery included) is a non-resource request. `undefined` fields never appear:
 * absent parts are ''.
 */
export function requestInfo(method: string, url: URL): ResourceRequestInfo | NonResourceAttributes {
  const path = url.pathname;
  const parts = path.split('/').filter((p) => p !== '');
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return nonResource(method, path);
  }
  if (rest.length === 0) return nonResource(method, path);
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
    if (rest.length === 0) return nonResource(method, path);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    namespace = rest[1]!;
    if (rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  const resource = rest[0] ?? '';
  const name = rest[1] ?? '';
  const subresource = rest.slice(2).join('/');
  if (resource === 'namespaces' && rest[0] === 'namespaces') namespace = '';
  let verb: RequestVerb;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = legacyWatch || isTrue(url.searchParams.get('watch')) ? 'watch' : name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      verb = method.toLowerCase() as RequestVerb;
  }
  return {
    resourceRequest: true,
    verb,
    apiGroup: group,
    apiVersion: version,
    resource,
    subresource,
    namespace: resource === 'namespaces' ? name : namespace,
    name,
    legacyWatch,
  };
}

/**
 * The name a `fieldSelector` pins a list or watch to (`metadata.name=x` or `==x`), as
 * kube-apiserver's request info reads it, so RBAC rules with `resourceNames` cover informers of
 * one object (e.g. the `extension-apiserver-authentication` ConfigMap).
 */
function selectedName(fieldSelector: string | null): string {
  for (const term of (fieldSelector ?? '').split(',')) {
    const m = /^\s*metadata\.name\s*==?\s*(.*?)\s*$/.exec(term);
    const name = m?.[1] ?? '';
    if (name !== '' && name !== '.' && name !== '..' && !/[/%]/.test(name)) return name;
  }
  return '';
}

/** The attributes without the routing-only fields, as the authorizer receives them. */
export function toAttributes(info: ResourceRequestInfo | NonResourceAttributes, url?: URL): RequestAttributes {
  if (!info.resourceRequest) return info;
  const { legacyWatch: _w, ...attrs } = info;
  if (url && attrs.name === '' && (attrs.verb === 'list' || attrs.verb === 'watch')) {
    attrs.name = selectedName(url.searchParams.get('fieldSelector'));
  }
  return attrs;
}
