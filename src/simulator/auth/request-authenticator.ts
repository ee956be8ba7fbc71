/**
 * The API server's authentication chain: an X.509 client certificate from the cluster CA, else a
 * bearer token (ServiceAccount JWTs the simulator signed), then impersonation. A presented but
 * invalid token is a 401 even if the request could have been anonymous, as with kube-apiserver's
 * fail-on-error union. Anonymous requests are not authenticated here: the API server answers them
 * with 401, except the public-info paths (`/healthz`, `/livez`, `/readyz`, `/version`) that
 * `system:public-info-viewer` opens to `system:unauthenticated` on a real cluster.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { authenticateClientCert } from '../apiserver/client-cert-auth.ts';
import type { UserInfo } from '../apiserver/request-attributes.ts';
import { type AuthorizeFn, impersonate, wantsImpersonation } from './impersonation.ts';
import type { ServiceAccountTokens } from './service-account-tokens.ts';

export interface RequestAuthenticatorOptions {
  tokens: ServiceAccountTokens;
  /** Authorizes impersonation with the real user's rights. */
  authorize: AuthorizeFn;
  /** Default: the API server's client-certificate authenticator. */
  clientCert?: (req: IncomingMessage) => Promise<UserInfo | undefined>;
}

/** The bearer token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

const certificateUsers = new WeakMap<object, UserInfo | undefined>();

/**
 * The client-certificate user of a connection, decoded once: the peer certificate cannot change
 * on a TLS connection, and decoding it per request costs more than the rest of authorization.
 */
function cachedPerConnection(
  inner: (req: IncomingMessage) => Promise<UserInfo | undefined>,
): (req: IncomingMessage) => Promise<UserInfo | undefined> {
  return async (req) => {
    const socket = req.socket as TLSSocket;
    if (certificateUsers.has(socket)) return certificateUsers.get(socket);
    const user = await inner(req);
    certificateUsers.set(socket, user);
    return user;
  };
}

export function createRequestAuthenticator(
  options: RequestAuthenticatorOptions,
): (req: IncomingMessage) => Promise<UserInfo | undefined> {
  const clientCert = cachedPerConnection(options.clientCert ?? authenticateClientCert);
  return async (req) => {
    let user = await clientCert(req);
    if (!user) {
      const token = bearerToken(req);
      if (token === undefined) return undefined;
      const checked = options.tokens.check(token);
      if (!checked || 'error' in checked) return undefined;
      user = checked.user;
    }
    return wantsImpersonation(req) ? impersonate(req, user, options.authorize) : user;
  };
}
