/**
 * `authorization.k8s.io/v1` reviews, answered by the same RBAC authorizer that guards the API:
 * SubjectAccessReview (any subject, attributes exactly as given: no group is added),
 * LocalSubjectAccessReview (namespaced), SelfSubjectAccessReview (the caller after impersonation,
 * for `kubectl auth can-i`) and SelfSubjectRulesReview (`kubectl auth can-i --list`).
 */
import { badRequest, type FieldError, invalid, methodNotAllowed } from '../apiserver/errors.ts';
import type { HandlerResult, ResourceHandler, ResourceHandlerContext } from '../apiserver/handler-types.ts';
import type { AuthorizationDecision, UserInfo } from '../apiserver/request-attributes.ts';
import type { RbacAuthorizer } from './rbac-authorizer.ts';
import type { AuthzAttributes, PolicyRule } from './rbac-rules.ts';

const GROUP = 'authorization.k8s.io';
type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

/** Keeps the non-empty fields, in the Go struct's order (what the echoed spec shows). */
function compact(o: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== '' && o[k] !== null) out[k] = o[k];
  return out;
}

const RESOURCE_KEYS = [
  'namespace',
  'verb',
  'group',
  'version',
  'resource',
  'subresource',
  'name',
  'fieldSelector',
  'labelSelector',
];

interface ParsedSpec {
  spec: Json;
  attrs: AuthzAttributes;
}

function parseAttributes(kind: string, spec: Json): ParsedSpec {
  const ra = obj(spec.resourceAttributes);
  const nra = obj(spec.nonResourceAttributes);
  const errors: FieldError[] = [];
  if (ra && nra) {
    errors.push({
      field: 'spec.nonResourceAttributes',
      type: 'Invalid value',
      value: JSON.stringify(nra),
      detail: 'cannot be specified in combination with resourceAttributes',
    });
  } else if (!ra && !nra) {
    errors.push({
      field: 'spec.resourceAttributes',
      type: 'Invalid value',
      value: 'null',
      detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
  }
  if (errors.length > 0) throw invalid({ group: GROUP, kind }, '', errors);
  if (ra) {
    const echoed = compact(
      Object.fromEntries(RESOURCE_KEYS.map((k) => [k, k.endsWith('Selector') ? ra[k] : str(ra[k])])),
      RESOURCE_KEYS,
    );
    return {
      spec: { resourceAttributes: echoed },
      attrs: {
        resourceRequest: true,
        verb: str(ra.verb),
        apiGroup: str(ra.group),
        apiVersion: str(ra.version),
        resource: str(ra.resource),
        subresource: str(ra.subresource),
        namespace: str(ra.namespace),
        name: str(ra.name),
      },
    };
  }
  const echoed = compact({ path: str(nra!.path), verb: str(nra!.verb) }, ['path', 'verb']);
  return {
    spec: { nonResourceAttributes: echoed },
    attrs: { resourceRequest: false, verb: str(nra!.verb), path: str(nra!.path) },
  };
}

function statusOf(d: AuthorizationDecision): Json {
  return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) };
}

function review(kind: string, metadata: Json, spec: Json, status: Json): HandlerResult {
  return { status: 201, body: { kind, apiVersion: `${GROUP}/v1`, metadata, spec, status } };
}

function bodySpec(ctx: ResourceHandlerContext, kind: string): Json {
  if (ctx.verb !== 'create') throw methodNotAllowed();
  const body = obj(ctx.body);
  if (!body) throw badRequest(`the body of a ${kind} must be a JSON object`);
  return obj(body.spec) ?? {};
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function extraOf(v: unknown): Record<string, string[]> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out = Object.fromEntries(Object.entries(o).map(([k, vals]) => [k, stringList(vals)]));
  return Object.keys(out).length > 0 ? out : undefined;
}

/** SubjectAccessReview, or LocalSubjectAccessReview when `local`. */
function subjectAccessReview(rbac: RbacAuthorizer, local: boolean): ResourceHandler {
  const kind = local ? 'LocalSubjectAccessReview' : 'SubjectAccessReview';
  return (ctx) => {
    const spec = bodySpec(ctx, kind);
    const parsed = parseAttributes(kind, spec);
    const user = str(spec.user);
    const groups = stringList(spec.groups);
    if (user === '' && groups.length === 0) {
      throw invalid({ group: GROUP, kind }, '', [
        {
          field: 'spec.user',
          type: 'Invalid value',
          value: '',
          detail: 'at least one of user or group must be specified',
        },
      ]);
    }
    if (local) {
      if (!parsed.attrs.resourceRequest) {
        throw invalid({ group: GROUP, kind }, '', [
          {
            field: 'spec.nonResourceAttributes',
            type: 'Invalid value',
            value: JSON.stringify(parsed.spec.nonResourceAttributes),
            detail: 'disallowed on this kind of request',
          },
        ]);
      }
      if (parsed.attrs.namespace === '') {
        parsed.attrs.namespace = ctx.namespace;
        parsed.spec.resourceAttributes = { namespace: ctx.namespace, ...obj(parsed.spec.resourceAttributes) };
      }
      if (parsed.attrs.namespace !== ctx.namespace) {
        throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${ctx.namespace}`);
      }
    }
    const extra = extraOf(spec.extra);
    const uid = str(spec.uid);
    const subject: UserInfo = { name: user, groups, ...(extra ? { extra } : {}), ...(uid ? { uid } : {}) };
    const echoed = {
      ...parsed.spec,
      ...(user ? { user } : {}),
      ...(groups.length > 0 ? { groups } : {}),
      ...(extra ? { extra } : {}),
      ...(uid ? { uid } : {}),
    };
    const metadata = local ? { namespace: ctx.namespace, creationTimestamp: null } : { creationTimestamp: null };
    return review(kind, metadata, echoed, statusOf(rbac.authorize(subject, parsed.attrs)));
  };
}

function selfSubjectAccessReview(rbac: RbacAuthorizer): ResourceHandler {
  return (ctx) => {
    const parsed = parseAttributes('SelfSubjectAccessReview', bodySpec(ctx, 'SelfSubjectAccessReview'));
    const decision = rbac.authorize(ctx.user, parsed.attrs);
    return review('SelfSubjectAccessReview', { creationTimestamp: null }, parsed.spec, statusOf(decision));
  };
}

function toResourceRule(r: PolicyRule): Json {
  return {
    verbs: r.verbs,
    apiGroups: r.apiGroups,
    resources: r.resources,
    ...(r.resourceNames.length > 0 ? { resourceNames: r.resourceNames } : {}),
  };
}

function selfSubjectRulesReview(rbac: RbacAuthorizer): ResourceHandler {
  return (ctx) => {
    const spec = bodySpec(ctx, 'SelfSubjectRulesReview');
    const namespace = str(spec.namespace);
    if (namespace === '') throw badRequest('no namespace on request');
    const { rules, errors } = rbac.rulesFor(ctx.user, namespace);
    const status = {
      resourceRules: rules.filter((r) => r.resources.length > 0).map(toResourceRule),
      nonResourceRules: rules
        .filter((r) => r.nonResourceURLs.length > 0)
        .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
      incomplete: errors.length > 0,
      ...(errors.length > 0 ? { evaluationError: errors.join(', ') } : {}),
    };
    return review('SelfSubjectRulesReview', { creationTimestamp: null }, { namespace }, status);
  };
}

/** The handlers by resource name, for `ApiServer.registerVirtual('authorization.k8s.io', ...)`. */
export function accessReviewHandlers(rbac: RbacAuthorizer): Record<string, ResourceHandler> {
  return {
    subjectaccessreviews: subjectAccessReview(rbac, false),
    localsubjectaccessreviews: subjectAccessReview(rbac, true),
    selfsubjectaccessreviews: selfSubjectAccessReview(rbac),
    selfsubjectrulesreviews: selfSubjectRulesReview(rbac),
  };
}
