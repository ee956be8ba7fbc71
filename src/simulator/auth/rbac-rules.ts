/**
 * RBAC policy rules and subjects as the authorizer reads them: sanitised from stored objects (any
 * field may be missing or of the wrong type) and matched against request attributes with
 * kube-apiserver's rules: exact, case-sensitive strings, `*` wildcards, `resource/subresource`
 * entries and `prefix*` non-resource URLs.
 */
import type { NonResourceAttributes, ResourceAttributes } from '../apiserver/request-attributes.ts';

/** Request attributes with any verb: RBAC also checks `impersonate`, `bind`, `escalate`... */
export type AuthzAttributes =
  | (Omit<ResourceAttributes, 'verb'> & { verb: string })
  | (Omit<NonResourceAttributes, 'verb'> & { verb: string });

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface RoleRef {
  kind: 'Role' | 'ClusterRole';
  name: string;
}

/** The match key of a subject: `User:<name>` or `Group:<name>`; service accounts become their user name. */
export type SubjectKey = string;

export interface BoundSubject {
  key: SubjectKey;
  /** How an allow reason names the subject: `User "alice"`, `ServiceAccount "sa/ns"`. */
  label: string;
}

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** Rules from a Role/ClusterRole `rules` field; malformed entries are dropped, never thrown on. */
export function sanitizeRules(v: unknown): PolicyRule[] {
  if (!Array.isArray(v)) return [];
  const out: PolicyRule[] = [];
  for (const r of v) {
    if (typeof r !== 'object' || r === null) continue;
    const o = r as Record<string, unknown>;
    out.push({
      verbs: strings(o.verbs),
      apiGroups: strings(o.apiGroups),
      resources: strings(o.resources),
      resourceNames: strings(o.resourceNames),
      nonResourceURLs: strings(o.nonResourceURLs),
    });
  }
  return out;
}

export function sanitizeRoleRef(v: unknown): RoleRef | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if ((o.kind !== 'Role' && o.kind !== 'ClusterRole') || typeof o.name !== 'string' || o.name === '') return undefined;
  return { kind: o.kind, name: o.name };
}

/**
 * The subjects of a binding as match keys. A ServiceAccount subject without a namespace takes the
 * RoleBinding's namespace; in a ClusterRoleBinding (`bindingNamespace` undefined) it matches nobody.
 */
export function boundSubjects(v: unknown, bindingNamespace: string | undefined): BoundSubject[] {
  if (!Array.isArray(v)) return [];
  const out: BoundSubject[] = [];
  for (const s of v) {
    if (typeof s !== 'object' || s === null) continue;
    const o = s as Record<string, unknown>;
    if (typeof o.name !== 'string' || o.name === '') continue;
    if (o.kind === 'User') out.push({ key: `User:${o.name}`, label: `User "${o.name}"` });
    else if (o.kind === 'Group') out.push({ key: `Group:${o.name}`, label: `Group "${o.name}"` });
    else if (o.kind === 'ServiceAccount') {
      const ns = typeof o.namespace === 'string' && o.namespace !== '' ? o.namespace : bindingNamespace;
      if (!ns) continue;
      out.push({ key: `User:${SERVICE_ACCOUNT_PREFIX}${ns}:${o.name}`, label: `ServiceAccount "${o.name}/${ns}"` });
    }
  }
  return out;
}

/** The keys a user can be bound by: the user name and each group. */
export function userKeys(name: string, groups: readonly string[]): SubjectKey[] {
  return [`User:${name}`, ...groups.map((g) => `Group:${g}`)];
}

function hasOrStar(list: string[], value: string): boolean {
  for (const v of list) if (v === '*' || v === value) return true;
  return false;
}

function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources) {
    if (r === '*' || r === combined) return true;
    // `*/scale` grants that subresource of every resource.
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** Whether one rule grants the request (verbs are compared as given: `impersonate` works too). */
export function ruleAllows(rule: PolicyRule, a: AuthzAttributes): boolean {
  if (!hasOrStar(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) return urlMatches(rule, a.path);
  if (!hasOrStar(rule.apiGroups, a.apiGroup)) return false;
  if (!resourceMatches(rule, a.resource, a.subresource)) return false;
  if (rule.resourceNames.length === 0) return true;
  return a.name !== '' && rule.resourceNames.includes(a.name);
}
