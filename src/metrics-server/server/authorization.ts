/**
 * Delegated authorization in upstream's order: `system:masters` always, then the always-allow
 * paths (exact, or a prefix when ending in `*`), then a SubjectAccessReview against the core API
 * server, with allowed and denied answers cached separately.
 */
import type { Status } from '../../shared/kube/object.ts';
import type { UserInfo } from './authentication.ts';
import { TtlCache } from './ttl-cache.ts';

/** What a request asks to do, as the API server's RequestInfo describes it. */
export interface RequestAttributes {
  verb: string;
  path: string;
  resourceRequest: boolean;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export type Decision = { allowed: boolean; reason: string };
export type AccessReviewer = (user: UserInfo, attrs: RequestAttributes) => Promise<Decision>;

const VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** RequestInfo for the paths this server has: `/apis/<group>/<version>/...` resources, everything else non-resource. */
export function requestAttributes(method: string, path: string, query: URLSearchParams): RequestAttributes {
  const attrs: RequestAttributes = {
    verb: method.toLowerCase(),
    path,
    resourceRequest: false,
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  };
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] !== 'apis' || parts.length < 4) return attrs;
  attrs.resourceRequest = true;
  attrs.apiGroup = parts[1] as string;
  attrs.apiVersion = parts[2] as string;
  let rest = parts.slice(3);
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    attrs.namespace = rest[1] as string;
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length === 2) {
    // `/namespaces/<name>` is the namespace object itself.
    attrs.name = rest[1] as string;
    rest = rest.slice(0, 1);
  }
  attrs.resource = rest[0] as string;
  if (rest.length >= 2) attrs.name = rest[1] as string;
  if (rest.length >= 3) attrs.subresource = rest.slice(2).join('/');
  let verb = VERBS[method.toUpperCase()] ?? method.toLowerCase();
  if (verb === 'get' && attrs.name === '') {
    const watch = query.get('watch');
    verb = watch === 'true' || watch === '1' ? 'watch' : 'list';
  }
  attrs.verb = verb;
  try {
    attrs.namespace = decodeURIComponent(attrs.namespace);
    attrs.name = decodeURIComponent(attrs.name);
  } catch {
    // Left encoded; the handler answers 404 for such paths anyway.
  }
  return attrs;
}

export class DelegatingAuthorizer {
  readonly #exact = new Set<string>();
  readonly #prefixes: string[] = [];
  readonly #review: AccessReviewer;
  readonly #cache: TtlCache<Decision>;
  readonly #allowedTtl: number;
  readonly #deniedTtl: number;

  constructor(options: {
    alwaysAllowPaths: readonly string[];
    reviewer: AccessReviewer;
    allowedTtlMs: number;
    deniedTtlMs: number;
    now?: () => number;
  }) {
    for (const p of options.alwaysAllowPaths) {
      if (p.endsWith('*')) this.#prefixes.push(p.slice(0, -1));
      else this.#exact.add(p);
    }
    this.#review = options.reviewer;
    this.#allowedTtl = options.allowedTtlMs;
    this.#deniedTtl = options.deniedTtlMs;
    this.#cache = new TtlCache(10_000, options.now);
  }

  async authorize(user: UserInfo, attrs: RequestAttributes): Promise<Decision> {
    if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
    if (
      !attrs.resourceRequest &&
      (this.#exact.has(attrs.path) || this.#prefixes.some((p) => attrs.path.startsWith(p)))
    ) {
      return { allowed: true, reason: '' };
    }
    const key = JSON.stringify([user, attrs]);
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const decision = await this.#review(user, attrs);
    this.#cache.set(key, decision, decision.allowed ? this.#allowedTtl : this.#deniedTtl);
    return decision;
  }
}

/** The 403 Status the API server machinery writes. */
export function forbiddenStatus(user: UserInfo, attrs: RequestAttributes, reason: string): Status {
  let msg: string;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  if (!attrs.resourceRequest) {
    msg = `User ${JSON.stringify(user.name)} cannot ${attrs.verb} path ${JSON.stringify(attrs.path)}`;
  } else if (attrs.namespace !== '') {
    msg = `User ${JSON.stringify(user.name)} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.apiGroup)} in the namespace ${JSON.stringify(attrs.namespace)}`;
  } else {
    msg = `User ${JSON.stringify(user.name)} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.apiGroup)} at the cluster scope`;
  }
  if (reason !== '') msg = `${msg}: ${reason}`;
  const qualified = attrs.resourceRequest
    ? attrs.apiGroup
      ? `${attrs.resource}.${attrs.apiGroup}`
      : attrs.resource
    : '';
  const prefix =
    qualified === '' ? '' : attrs.name ? `${qualified} ${JSON.stringify(attrs.name)} is ` : `${qualified} is `;
  const details: NonNullable<Status['details']> = {};
  if (attrs.name) details.name = attrs.name;
  if (attrs.apiGroup) details.group = attrs.apiGroup;
  if (attrs.resource) details.kind = attrs.resource;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${prefix}forbidden: ${msg}`,
    reason: 'Forbidden',
    details,
    code: 403,
  };
}

export const UNAUTHORIZED_STATUS: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};
