/**
 * Kubelet API authentication and authorization as a kubeadm-configured kubelet does it:
 * client certificates verified against the cluster CA (CN user, O groups), bearer tokens through a
 * TokenReview-like hook, anonymous disabled (401 `Unauthorized`), then one SubjectAccessReview per
 * attribute set derived from the path (fine-grained authz, on by default in 1.33), allowed when any
 * is allowed. Bodies are the kubelet's plain-text messages.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

export type KubeletSubresource =
  | 'metrics'
  | 'stats'
  | 'proxy'
  | 'log'
  | 'spec'
  | 'pods'
  | 'healthz'
  | 'configz'
  | 'checkpoint';

export interface KubeletResourceAttributes {
  verb: string;
  resource: 'nodes';
  subresource: KubeletSubresource;
  /** The node name. */
  name: string;
  apiGroup: '';
}

export type Authenticate = (req: IncomingMessage) => Promise<UserInfo | undefined>;
export type ReviewToken = (token: string) => Promise<UserInfo | undefined>;
export type Authorize = (
  user: UserInfo,
  attributes: KubeletResourceAttributes,
) => Promise<{ allowed: boolean; reason?: string }>;

export interface KubeletAuth {
  /** Defaults to {@link certificateAuthenticator}. */
  authenticate?: Authenticate;
  reviewToken?: ReviewToken;
  authorize: Authorize;
}

/** Refusal written by the kubelet, or the caller's identity when it may proceed. */
export type AuthResult = { ok: true; user: UserInfo } | { ok: false; status: 401 | 403 | 500; body: string };

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** HTTP method to kubelet verb; methods outside the table (HEAD, OPTIONS) get the empty verb. */
export function verbFor(method: string | undefined): string {
  return METHOD_VERBS[method ?? ''] ?? '';
}

function firstSegmentIs(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Subresources checked for a path, in order (1.33 with KubeletFineGrainedAuthz on). */
export function subresourcesFor(path: string): KubeletSubresource[] {
  if (firstSegmentIs(path, '/stats')) return ['stats'];
  if (firstSegmentIs(path, '/metrics')) return ['metrics'];
  if (firstSegmentIs(path, '/logs')) return ['log'];
  if (firstSegmentIs(path, '/checkpoint')) return ['checkpoint'];
  if (firstSegmentIs(path, '/pods') || firstSegmentIs(path, '/runningpods')) return ['pods', 'proxy'];
  if (firstSegmentIs(path, '/healthz')) return ['healthz', 'proxy'];
  if (firstSegmentIs(path, '/configz')) return ['configz', 'proxy'];
  return ['proxy'];
}

function asArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const peerUsers = new WeakMap<TLSSocket, UserInfo | undefined>();

/**
 * The x509 authenticator: the TLS layer asked for a client certificate and verified it against the
 * cluster CA given as the server's `ca`; an unverified or absent certificate yields no user.
 */
export const certificateAuthenticator: Authenticate = async (req) => {
  const socket = req.socket as TLSSocket;
  if (!socket.authorized || typeof socket.getPeerCertificate !== 'function') return undefined;
  // The peer certificate cannot change on a connection; decoding it per request shows in profiles.
  if (peerUsers.has(socket)) return peerUsers.get(socket);
  const cert = socket.getPeerCertificate();
  const cn = asArray(cert?.subject?.CN)[0];
  const user = cn ? { name: cn, groups: asArray(cert.subject.O) } : undefined;
  peerUsers.set(socket, user);
  return user;
};

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** Adds `system:authenticated` like the apiserver's group adder. */
function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes('system:authenticated') || user.groups.includes('system:unauthenticated')) return user;
  return { ...user, groups: [...user.groups, 'system:authenticated'] };
}

function describe(user: string, verb: string, subresources: KubeletSubresource[]): string {
  return `user=${user}, verb=${verb}, resource=nodes, subresource(s)=[${subresources.join(' ')}]`;
}

/** Authenticates and authorizes one request for `nodeName`. Hook failures become 401/500, never a crash. */
export async function checkRequest(
  auth: KubeletAuth,
  req: IncomingMessage,
  path: string,
  nodeName: string,
): Promise<AuthResult> {
  let user: UserInfo | undefined;
  try {
    user = await (auth.authenticate ?? certificateAuthenticator)(req);
    if (!user) {
      const token = bearerToken(req);
      if (token !== undefined && auth.reviewToken) user = await auth.reviewToken(token);
    }
  } catch {
    user = undefined;
  }
  if (!user || typeof user.name !== 'string' || user.name === '') {
    return { ok: false, status: 401, body: 'Unauthorized' };
  }
  user = withAuthenticatedGroup(user);
  const verb = verbFor(req.method);
  const subresources = subresourcesFor(path);
  for (const subresource of subresources) {
    let decision: { allowed: boolean };
    try {
      decision = await auth.authorize(user, { verb, resource: 'nodes', subresource, name: nodeName, apiGroup: '' });
    } catch {
      return { ok: false, status: 500, body: `Authorization error (${describe(user.name, verb, subresources)})` };
    }
    if (decision?.allowed === true) return { ok: true, user };
  }
  return { ok: false, status: 403, body: `Forbidden (${describe(user.name, verb, subresources)})` };
}
