/**
 * Turns on the simulator's authentication and authorization: default RBAC objects and the role
 * aggregation controller, the RBAC authorizer on every API request, client-certificate and
 * ServiceAccount-token authentication with impersonation, the review APIs, the TokenRequest
 * subresource, a `default` ServiceAccount in every namespace, the
 * `extension-apiserver-authentication` ConfigMap, and the hooks the simulated kubelets use for
 * their webhook-style authn/authz.
 */
import type { Logger } from '../../shared/logging/logger.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { KubeletResourceAttributes, UserInfo as KubeletUser } from '../kubelet/kubelet-auth.ts';
import { accessReviewHandlers } from './access-reviews.ts';
import { startAuthenticationConfigMap } from './authentication-configmap.ts';
import { defaultRbacObjects } from './default-rbac.ts';
import { startDefaultServiceAccounts } from './default-service-accounts.ts';
import { RbacAuthorizer } from './rbac-authorizer.ts';
import { createRequestAuthenticator } from './request-authenticator.ts';
import { startRoleAggregation } from './role-aggregation.ts';
import { ServiceAccountTokens } from './service-account-tokens.ts';
import { tokenRequestHandler } from './token-request.ts';
import { tokenReviewHandler } from './token-review.ts';

export interface InstallAuthOptions {
  /** PEM of the ServiceAccount signing key (`sa.key`). */
  serviceAccountKeyPem: string;
  /** Cluster CA PEM, published as `client-ca-file`. */
  clientCaPem: string;
  /** Front-proxy CA PEM, published as `requestheader-client-ca-file`. */
  frontProxyCaPem: string;
  logger?: Logger;
}

/** The kubelet side: what `startKubelets({ reviewToken, authorize })` expects. */
export interface KubeletAuthHooks {
  reviewToken(token: string): Promise<KubeletUser | undefined>;
  authorize(user: KubeletUser, attributes: KubeletResourceAttributes): Promise<{ allowed: boolean; reason?: string }>;
}

export interface SimulatorAuth {
  rbac: RbacAuthorizer;
  tokens: ServiceAccountTokens;
  kubelet: KubeletAuthHooks;
  stop(): void;
}

export function installAuth(server: ApiServer, options: InstallAuthOptions): SimulatorAuth {
  const state = server.store;
  const log = options.logger;
  for (const obj of defaultRbacObjects()) {
    try {
      state.create(obj);
    } catch (err) {
      // Kept when it already exists (a seeded or user-made object of the same name wins).
      if ((err as { code?: unknown }).code !== 409) throw err;
    }
  }
  const rbac = new RbacAuthorizer(state);
  const stopAggregation = startRoleAggregation(state, {
    onError: (role, err) => log?.error('Failed to aggregate ClusterRole', { clusterrole: role, err: String(err) }),
  });
  const tokens = new ServiceAccountTokens(state, { privateKeyPem: options.serviceAccountKeyPem });

  server.authorize = async (user, attributes) => rbac.authorize(user, attributes);
  server.authenticate = createRequestAuthenticator({ tokens, authorize: (user, a) => rbac.authorize(user, a) });
  server.registerVirtual('authentication.k8s.io', 'tokenreviews', tokenReviewHandler(tokens));
  for (const [resource, handler] of Object.entries(accessReviewHandlers(rbac))) {
    server.registerVirtual('authorization.k8s.io', resource, handler);
  }
  server.registerSubresource('serviceaccounts', 'token', tokenRequestHandler(tokens));
  const stopConfigMap = startAuthenticationConfigMap(
    state,
    { clientCaPem: options.clientCaPem, requestHeaderCaPem: options.frontProxyCaPem },
    (err) => log?.error('Failed to write extension-apiserver-authentication', { err: String(err) }),
  );

  const stopServiceAccounts = startDefaultServiceAccounts(state, (err) =>
    log?.error('Failed to create a default ServiceAccount', { err: String(err) }),
  );

  const kubelet: KubeletAuthHooks = {
    async reviewToken(token) {
      const checked = tokens.check(token);
      return checked && !('error' in checked) ? checked.user : undefined;
    },
    async authorize(user, a) {
      return rbac.authorize(user, {
        resourceRequest: true,
        verb: a.verb,
        apiGroup: '',
        apiVersion: 'v1',
        resource: 'nodes',
        subresource: a.subresource,
        namespace: '',
        name: a.name,
      });
    },
  };
  return {
    rbac,
    tokens,
    kubelet,
    stop() {
      stopAggregation();
      stopConfigMap();
      stopServiceAccounts();
      rbac.stop();
    },
  };
}
