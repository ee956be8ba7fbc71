/**
 * TokenReview and SubjectAccessReview calls to the core API server, made with the
 * `--authentication-kubeconfig` / `--authorization-kubeconfig` credentials.
 */
import type { KubeApiClient } from '../../shared/kube/api-client.ts';
import type { TokenReviewer, UserInfo } from './authentication.ts';
import type { AccessReviewer, RequestAttributes } from './authorization.ts';

interface TokenReviewStatus {
  authenticated?: boolean;
  user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  error?: string;
}

export function tokenReviewer(client: KubeApiClient): TokenReviewer {
  return async (token) => {
    const res = await client.post<{ status?: TokenReviewStatus }>('/apis/authentication.k8s.io/v1/tokenreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token },
    });
    const s = res?.status ?? {};
    if (s.authenticated !== true || typeof s.user?.username !== 'string') {
      return { authenticated: false, ...(s.error ? { error: s.error } : {}) };
    }
    const user: UserInfo = {
      name: s.user.username,
      groups: Array.isArray(s.user.groups) ? s.user.groups.filter((g) => typeof g === 'string') : [],
      extra: s.user.extra && typeof s.user.extra === 'object' ? s.user.extra : {},
    };
    if (typeof s.user.uid === 'string' && s.user.uid !== '') user.uid = s.user.uid;
    return { authenticated: true, user };
  };
}

export function accessReviewer(client: KubeApiClient): AccessReviewer {
  return async (user: UserInfo, a: RequestAttributes) => {
    const spec: Record<string, unknown> = {
      user: user.name,
      groups: user.groups,
      ...(user.uid ? { uid: user.uid } : {}),
      ...(Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
    };
    if (a.resourceRequest) {
      spec.resourceAttributes = {
        verb: a.verb,
        group: a.apiGroup,
        version: a.apiVersion,
        resource: a.resource,
        ...(a.namespace ? { namespace: a.namespace } : {}),
        ...(a.subresource ? { subresource: a.subresource } : {}),
        ...(a.name ? { name: a.name } : {}),
      };
    } else {
      spec.nonResourceAttributes = { path: a.path, verb: a.verb };
    }
    const res = await client.post<{ status?: { allowed?: boolean; denied?: boolean; reason?: string } }>(
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
    );
    const s = res?.status ?? {};
    return { allowed: s.allowed === true && s.denied !== true, reason: typeof s.reason === 'string' ? s.reason : '' };
  };
}
