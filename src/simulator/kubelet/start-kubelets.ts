/**
 * Wiring for `kube-metrics simulate`: the kubelet fleet from the state directory's PKI and the
 * authn/authz hooks the API server side provides.
 */
import type { Logger } from '../../shared/logging/logger.ts';
import type { CA } from '../../shared/tls/pki.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import type { AuthCacheOptions } from './auth-cache.ts';
import { type KubeletFault, parseKubeletFaultsFlag, parseKubeletFaultsMap } from './faults.ts';
import type { Authenticate, Authorize, ReviewToken } from './kubelet-auth.ts';
import { KubeletFleet } from './kubelet-fleet.ts';

export interface StartKubeletsOptions {
  state: ClusterState;
  /** `kubeletCA` signs serving certificates; `ca` (the cluster CA) verifies client certificates. */
  pki: { kubeletCA: CA; ca: Pick<CA, 'certPem'> };
  /** `--kubelet-port`; unset: each node's `daemonEndpoints` port, else 10250. */
  kubeletPort?: number;
  /** `--kubelet-faults`: parsed, as the flag text (`node=kind,...`), or as a node -> kind record. */
  faults?: Map<string, KubeletFault> | string | Record<string, string>;
  seed?: number | string;
  logger?: Logger;
  /** Defaults to client certificates verified against the cluster CA. */
  authenticate?: Authenticate;
  reviewToken?: ReviewToken;
  authorize: Authorize;
  kubeletMinor?: number;
  /** The kubelet's authn/authz caches (default: upstream TTLs); `false` disables them. */
  authCache?: AuthCacheOptions | false;
}

/** Starts kubelets for every loopback node and keeps following nodes and pods; stop with `fleet.stop()`. */
export async function startKubelets(opts: StartKubeletsOptions): Promise<KubeletFleet> {
  const faults =
    typeof opts.faults === 'string'
      ? parseKubeletFaultsFlag(opts.faults)
      : opts.faults instanceof Map || opts.faults === undefined
        ? opts.faults
        : parseKubeletFaultsMap(opts.faults);
  const fleet = new KubeletFleet({
    state: opts.state,
    kubeletCA: opts.pki.kubeletCA,
    clientCA: opts.pki.ca.certPem,
    auth: {
      authorize: opts.authorize,
      ...(opts.authenticate ? { authenticate: opts.authenticate } : {}),
      ...(opts.reviewToken ? { reviewToken: opts.reviewToken } : {}),
    },
    ...(opts.kubeletPort === undefined ? {} : { kubeletPort: opts.kubeletPort }),
    ...(faults ? { faults } : {}),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.kubeletMinor === undefined ? {} : { kubeletMinor: opts.kubeletMinor }),
    ...(opts.authCache === undefined ? {} : { authCache: opts.authCache }),
  });
  await fleet.start();
  return fleet;
}
