/**
 * `authentication.k8s.io/v1` TokenReview: runs a token through the simulator's token
 * authenticator for the requested audiences (default: the API audiences), as kube-apiserver does
 * for kubelets and aggregated servers. A token that does not authenticate is a 201 with
 * `authenticated` absent, `user: {}` and the authenticator's error.
 */
import { badRequest, methodNotAllowed } from '../apiserver/errors.ts';
import type { ResourceHandler } from '../apiserver/handler-types.ts';
import type { ServiceAccountTokens } from './service-account-tokens.ts';

export function tokenReviewHandler(tokens: ServiceAccountTokens): ResourceHandler {
  return (ctx) => {
    if (ctx.verb !== 'create') throw methodNotAllowed();
    const body = ctx.body as { spec?: { token?: unknown; audiences?: unknown } } | null | undefined;
    const spec = typeof body?.spec === 'object' && body.spec !== null ? body.spec : {};
    const token = typeof spec.token === 'string' ? spec.token : '';
    if (token === '') throw badRequest('token is required for TokenReview in authentication');
    const requested = Array.isArray(spec.audiences)
      ? spec.audiences.filter((a): a is string => typeof a === 'string')
      : [];
    const echoed = { token, ...(requested.length > 0 ? { audiences: requested } : {}) };
    const checked = tokens.check(token, requested.length > 0 ? requested : tokens.apiAudiences);
    let status: object;
    if (checked && !('error' in checked)) {
      const u = checked.user;
      status = {
        authenticated: true,
        user: {
          username: u.name,
          ...(u.uid ? { uid: u.uid } : {}),
          groups: u.groups,
          ...(u.extra ? { extra: u.extra } : {}),
        },
        audiences: checked.audiences,
      };
    } else {
      status = { user: {}, error: checked ? `[invalid bearer token, ${checked.error}]` : 'invalid bearer token' };
    }
    return {
      status: 201,
      body: {
        kind: 'TokenReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        spec: echoed,
        status,
      },
    };
  };
}
