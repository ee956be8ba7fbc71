/**
 * Impersonation (`kubectl --as`, `--as-group`, `--as-uid`): `Impersonate-User`, `Impersonate-Group`
 * (repeatable), `Impersonate-Uid` and `Impersonate-Extra-<key>` headers, each item authorized
 * separately with verb `impersonate` against the real user, as kube-apiserver's impersonation
 * filter does. A denial is kube-apiserver's 403 Status for the first refused item.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../apiserver/errors.ts';
import {
  type AuthorizationDecision,
  forbiddenMessage,
  type RequestAttributes,
  type UserInfo,
} from '../apiserver/request-attributes.ts';
import { type AuthzAttributes, SERVICE_ACCOUNT_PREFIX } from './rbac-rules.ts';

export type AuthorizeFn = (
  user: UserInfo,
  a: AuthzAttributes,
) => AuthorizationDecision | Promise<AuthorizationDecision>;

const EXTRA_PREFIX = 'impersonate-extra-';

/** Whether the request carries any impersonation header. */
export function wantsImpersonation(req: IncomingMessage): boolean {
  for (const name of Object.keys(req.headers)) if (name.startsWith('impersonate-')) return true;
  return false;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

function check(resource: string, name: string, extra: Partial<AuthzAttributes> = {}): AuthzAttributes {
  return {
    resourceRequest: true,
    verb: 'impersonate',
    apiGroup: '',
    apiVersion: '',
    resource,
    subresource: '',
    namespace: '',
    name,
    ...extra,
  } as AuthzAttributes;
}

/** Go's `%v` of the ObjectReferences asked for, for the "without impersonating a user" error. */
function describeRequests(kinds: [string, string][]): string {
  return `[${kinds.map(([kind, name]) => `{${kind}  ${name}  authentication.k8s.io/v1  }`).join(' ')}]`;
}

/**
 * The identity the request acts as. Returns `user` unchanged when no impersonation header is set;
 * throws ApiError 403 when the real user may not impersonate an item, 500 for groups, extras or a
 * uid without a user.
 */
export async function impersonate(req: IncomingMessage, user: UserInfo, authorize: AuthorizeFn): Promise<UserInfo> {
  const headers = req.headersDistinct;
  const target = headers['impersonate-user']?.[0];
  const groups = headers['impersonate-group'] ?? [];
  const uid = headers['impersonate-uid']?.[0];
  const extra: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    if (name.startsWith(EXTRA_PREFIX) && values) extra[decodeKey(name.slice(EXTRA_PREFIX.length))] = values;
  }
  const extraKeys = Object.keys(extra).sort();
  if (target === undefined) {
    if (groups.length === 0 && extraKeys.length === 0 && uid === undefined) return user;
    const asked: [string, string][] = [
      ...groups.map((g): [string, string] => ['Group', g]),
      ...(uid !== undefined ? [['UID', uid] as [string, string]] : []),
    ];
    throw new ApiError(
      500,
      'InternalError',
      `Internal Server Error: ${JSON.stringify(req.url ?? '/')}: requested ${describeRequests(asked)} without impersonating a user`,
    );
  }

  const checks: AuthzAttributes[] = [];
  let saNamespace: string | undefined;
  if (target.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const [ns = '', name = ''] = target.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
    saNamespace = ns;
    checks.push(check('serviceaccounts', name, { namespace: ns }));
  } else {
    checks.push(check('users', target));
  }
  for (const g of groups) checks.push(check('groups', g));
  for (const k of extraKeys) {
    for (const v of extra[k]!) {
      checks.push(check('userextras', v, { apiGroup: 'authentication.k8s.io', subresource: k }));
    }
  }
  if (uid !== undefined) checks.push(check('uids', uid, { apiGroup: 'authentication.k8s.io' }));

  for (const a of checks) {
    const decision = await authorize(user, a);
    if (decision.allowed) continue;
    const r = a as Extract<AuthzAttributes, { resourceRequest: true }>;
    throw new ApiError(403, 'Forbidden', forbiddenMessage(user, a as RequestAttributes, decision.reason), {
      name: r.name,
      group: r.apiGroup,
      kind: r.resource,
    });
  }

  const out = [...groups];
  if (out.length === 0 && saNamespace !== undefined) {
    out.push('system:serviceaccounts', `system:serviceaccounts:${saNamespace}`);
  }
  if (target === 'system:anonymous') {
    if (!out.includes('system:unauthenticated')) out.push('system:unauthenticated');
  } else if (!out.includes('system:authenticated') && !out.includes('system:unauthenticated')) {
    out.push('system:authenticated');
  }
  return {
    name: target,
    groups: out,
    ...(uid !== undefined ? { uid } : {}),
    ...(extraKeys.length > 0 ? { extra: Object.fromEntries(extraKeys.map((k) => [k, extra[k]!])) } : {}),
  };
}
