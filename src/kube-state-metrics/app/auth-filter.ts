/**
 * `--auth-filter`: every request to a protected path must carry a bearer token that the API
 * server accepts (TokenReview) and whose user may `get` that non-resource path
 * (SubjectAccessReview). Statuses and bodies are those of controller-runtime's filter, which
 * upstream uses: 401 `Unauthorized`, 403 `Authorization denied for user <name>`, 500 when a
 * review call itself fails. Every request costs two API calls, as upstream; nothing is cached.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../shared/logging/logger.ts';

/** The one call the filter needs; `KubeApiClient.post` provides it. */
export interface ReviewClient {
  post<T = unknown>(path: string, body: unknown): Promise<T>;
}

export interface AuthRejection {
  status: number;
  message: string;
}

/** Resolves undefined when the request may proceed. */
export type AuthCheck = (req: IncomingMessage) => Promise<AuthRejection | undefined>;

interface TokenReviewStatus {
  status?: {
    authenticated?: boolean;
    user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
    error?: string;
  };
}

interface SubjectAccessReviewStatus {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

export function createAuthFilter(client: ReviewClient, logger?: Logger): AuthCheck {
  return async (req) => {
    const token = bearerToken(req);
    if (token === undefined) return { status: 401, message: 'Unauthorized' };
    let review: TokenReviewStatus;
    try {
      review = await client.post<TokenReviewStatus>('/apis/authentication.k8s.io/v1/tokenreviews', {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenReview',
        spec: { token },
      });
    } catch (err) {
      logger?.error('Authentication failed', { err: (err as Error).message });
      return { status: 500, message: 'Authentication failed' };
    }
    const user = review?.status?.user;
    if (review?.status?.authenticated !== true || !user?.username) {
      logger?.v(4, 'Authentication failed', { reason: review?.status?.error });
      return { status: 401, message: 'Unauthorized' };
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let sar: SubjectAccessReviewStatus;
    try {
      sar = await client.post<SubjectAccessReviewStatus>('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          user: user.username,
          ...(user.uid ? { uid: user.uid } : {}),
          ...(user.groups ? { groups: user.groups } : {}),
          ...(user.extra ? { extra: user.extra } : {}),
          nonResourceAttributes: { path, verb: (req.method ?? 'GET').toLowerCase() },
        },
      });
    } catch (err) {
      const message = `Authorization for user ${user.username} failed`;
      logger?.error(message, { err: (err as Error).message });
      return { status: 500, message };
    }
    if (sar?.status?.allowed !== true || sar.status.denied === true) {
      const message = `Authorization denied for user ${user.username}`;
      logger?.v(4, message, { reason: sar?.status?.reason });
      return { status: 403, message };
    }
    return undefined;
  };
}
