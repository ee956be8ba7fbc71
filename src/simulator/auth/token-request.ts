/**
 * The TokenRequest subresource, `POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token`
 * (`kubectl create token <sa> [--duration] [--audience] [--bound-object-kind ...]`): validates the
 * request like kube-apiserver (expiry at least 10 minutes and at most 2^32 s, bound object present
 * with the same UID, a pod running as this service account) and returns a signed JWT.
 */
import { ApiError, badRequest, conflict, invalid, methodNotAllowed, notFound } from '../apiserver/errors.ts';
import type { ResourceHandler } from '../apiserver/handler-types.ts';
import { rfc3339 } from '../apiserver/object-store.ts';
import type { BoundKind, ServiceAccountTokens, TokenSpec } from './service-account-tokens.ts';

const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;
const TOKEN_REQUEST = { group: 'authentication.k8s.io', kind: 'TokenRequest' };

type Json = Record<string, unknown>;

function expirationOf(v: unknown): number {
  if (v === undefined || v === null) return DEFAULT_EXPIRATION_SECONDS;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw badRequest(`spec.expirationSeconds must be an integer, got ${JSON.stringify(v)}`);
  }
  const detail =
    v < MIN_EXPIRATION_SECONDS
      ? 'may not specify a duration less than 10 minutes'
      : v > MAX_EXPIRATION_SECONDS
        ? 'may not specify a duration larger than 2^32 seconds'
        : undefined;
  if (detail)
    throw invalid(TOKEN_REQUEST, '', [{ field: 'spec.expirationSeconds', type: 'Invalid value', value: v, detail }]);
  return v;
}

export function tokenRequestHandler(tokens: ServiceAccountTokens): ResourceHandler {
  return (ctx) => {
    if (ctx.verb !== 'create') throw methodNotAllowed();
    const state = ctx.store;
    const sa = state.get('v1', 'ServiceAccount', ctx.namespace, ctx.name);
    if (!sa) throw notFound({ group: '', resource: 'serviceaccounts' }, ctx.name);
    const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Json;
    const spec = (typeof body.spec === 'object' && body.spec !== null ? body.spec : {}) as Json;
    const requested = Array.isArray(spec.audiences)
      ? spec.audiences.filter((a): a is string => typeof a === 'string')
      : [];
    const audiences = requested.length > 0 ? requested : tokens.apiAudiences;
    const expirationSeconds = expirationOf(spec.expirationSeconds);
    const tokenSpec: TokenSpec = {
      namespace: ctx.namespace,
      name: ctx.name,
      uid: String(sa.metadata.uid ?? ''),
      audiences,
      expirationSeconds,
    };
    let boundObjectRef: Json | null = null;
    if (typeof spec.boundObjectRef === 'object' && spec.boundObjectRef !== null) {
      const ref = spec.boundObjectRef as Json;
      const kind = ref.kind;
      const name = typeof ref.name === 'string' ? ref.name : '';
      if (kind !== 'Pod' && kind !== 'Secret' && kind !== 'Node') {
        throw badRequest(`cannot bind token to object of type ${String(kind)}`);
      }
      const target = state.get('v1', kind, kind === 'Node' ? undefined : ctx.namespace, name);
      if (!target) throw notFound({ group: '', resource: `${kind.toLowerCase()}s` }, name);
      const uid = String(target.metadata.uid ?? '');
      if (typeof ref.uid === 'string' && ref.uid !== '' && ref.uid !== uid) {
        throw conflict(
          { group: '', resource: kind },
          name,
          `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
        );
      }
      if (kind === 'Pod') {
        const podSa = target.spec?.serviceAccountName ?? 'default';
        if (podSa !== ctx.name) {
          throw badRequest(
            `cannot bind token for serviceaccount "${ctx.name}" to pod running with different serviceaccount name.`,
          );
        }
        const nodeName = target.spec?.nodeName;
        const node = typeof nodeName === 'string' ? state.get('v1', 'Node', undefined, nodeName) : undefined;
        if (node) tokenSpec.node = { name: nodeName, uid: String(node.metadata.uid ?? '') };
      }
      tokenSpec.bound = { kind: kind as BoundKind, name, uid };
      boundObjectRef = { kind, apiVersion: typeof ref.apiVersion === 'string' ? ref.apiVersion : 'v1', name, uid };
    }
    let issued: { token: string; expiresAt: number };
    try {
      issued = tokens.issue(tokenSpec);
    } catch (err) {
      throw new ApiError(
        500,
        'InternalError',
        `Internal error occurred: failed to sign token: ${(err as Error).message}`,
      );
    }
    return {
      status: 201,
      body: {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: {
          name: ctx.name,
          namespace: ctx.namespace,
          creationTimestamp: rfc3339(issued.expiresAt - expirationSeconds * 1000),
        },
        spec: { audiences, expirationSeconds, boundObjectRef },
        status: { token: issued.token, expirationTimestamp: rfc3339(issued.expiresAt) },
      },
    };
  };
}
