/**
 * The simulator assembled in-process: state directory and PKI, API server, seeded cluster,
 * mini-controllers and churn. `kube-metrics simulate`, the demo and tests all start it here.
 */

import type { Logger } from '../shared/logging/logger.ts';
import { type Aggregator, startAggregator } from './aggregator/aggregator.ts';
import type { ClusterState } from './apiserver/cluster-state.ts';
import type { ApiServerOptions } from './apiserver/server.ts';
import { ApiServer } from './apiserver/server.ts';
import { installAuth, type SimulatorAuth } from './auth/install-auth.ts';
import { type Controllers, startControllers } from './controllers/controllers.ts';
import type { KubeletFleet } from './kubelet/kubelet-fleet.ts';
import { startKubelets } from './kubelet/start-kubelets.ts';
import { type ChurnEngine, startChurn } from './seed/churn.ts';
import { generateCluster, loadCluster } from './seed/generate-cluster.ts';
import { DEFAULT_STATE_DIR, prepareStateDir, type SimulatorPki, writeKubeconfig } from './state-dir.ts';

export interface SimulatorOptions {
  /** Default `.kube-metrics/sim` (relative to the working directory). */
  stateDir?: string;
  /** API server port on 127.0.0.1 (default 6443; 0 = the OS picks). */
  port?: number;
  /** Seeded nodes (default 3; 0 = only what a fresh cluster holds). */
  nodes?: number;
  /** Average pods per node (default 10). */
  podsPerNode?: number;
  seed?: number;
  /** Churn events per second (default 0 = none). */
  churn?: number;
  /** Watch events kept for resumption (default 5000). */
  watchHistory?: number;
  /** Port seeded nodes advertise for their kubelet (default 10250). */
  kubeletPort?: number;
  /** `--kubelet-faults` (node name -> fault); kept for the kubelet fleet. */
  kubeletFaults?: Record<string, string>;
  /**
   * Serve a simulated kubelet per loopback node (default false; `simulate` turns it on). Seeded
   * node IPs are the same in every simulator, so parallel simulators need `kubeletPort: 0`.
   */
  kubelets?: boolean;
  /** Kubelets cache TokenReview/SubjectAccessReview answers like real ones (default true; 30 s for denials). */
  kubeletAuthCache?: boolean;
  /** Start the mini-controllers (default true). */
  controllers?: boolean;
  /** Delays of the pod lifecycle for API-created pods (ms). */
  bindDelayMs?: number;
  startDelayMs?: number;
  logger?: Logger;
}

export interface Simulator {
  /** Absolute path of the admin kubeconfig. */
  kubeconfigPath: string;
  /** `https://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Absolute state directory. */
  stateDir: string;
  pki: SimulatorPki;
  server: ApiServer;
  state: ClusterState;
  churn: ChurnEngine | undefined;
  controllers: Controllers | undefined;
  /** RBAC, ServiceAccount tokens and the kubelet authn/authz hooks. */
  auth: SimulatorAuth;
  /** The aggregation layer (APIService proxying and availability). */
  aggregator: Aggregator;
  kubelets: KubeletFleet | undefined;
  /** Resolved options, for components started beside it (kubelets). */
  options: Required<Omit<SimulatorOptions, 'logger' | 'bindDelayMs' | 'startDelayMs'>>;
  stop(): Promise<void>;
}

function checkInt(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max)
    throw new Error(`${name} must be an integer in [${min}, ${max}], got ${v}`);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = {
    stateDir: options.stateDir ?? DEFAULT_STATE_DIR,
    port: options.port ?? 6443,
    nodes: options.nodes ?? 3,
    podsPerNode: options.podsPerNode ?? 10,
    seed: options.seed ?? 1,
    churn: options.churn ?? 0,
    watchHistory: options.watchHistory ?? 5000,
    kubeletPort: options.kubeletPort ?? 10250,
    kubeletFaults: options.kubeletFaults ?? {},
    kubelets: options.kubelets ?? false,
    kubeletAuthCache: options.kubeletAuthCache ?? true,
    controllers: options.controllers ?? true,
  };
  checkInt('port', resolved.port, 0, 65535);
  checkInt('kubelet-port', resolved.kubeletPort, 0, 65535);
  checkInt('watch-history', resolved.watchHistory, 1, 10_000_000);
  if (!(resolved.churn >= 0) || !Number.isFinite(resolved.churn)) {
    throw new Error(`churn must be a non-negative number of events per second, got ${resolved.churn}`);
  }
  const log = options.logger;
  const pki = await prepareStateDir(resolved.stateDir);
  if (pki.written.length > 0) log?.v(1, 'Wrote PKI', { dir: pki.pkiDir, files: pki.written.join(',') });

  const objects = generateCluster({
    nodes: resolved.nodes,
    podsPerNode: resolved.podsPerNode,
    seed: resolved.seed,
    now: Date.now(),
    kubeletPort: resolved.kubeletPort,
  });
  const server = new ApiServer({
    tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: [pki.ca.certPem] },
    watchHistory: resolved.watchHistory,
    // The shared logger accepts pino's (fields, msg) calls, which is all the API server makes.
    ...(log ? { logger: log as unknown as NonNullable<ApiServerOptions['logger']> } : {}),
  });
  const auth = installAuth(server, {
    serviceAccountKeyPem: pki.serviceAccount.privateKeyPem,
    clientCaPem: pki.ca.certPem,
    frontProxyCaPem: pki.frontProxyCA.certPem,
    ...(log ? { logger: log } : {}),
  });
  const started = Date.now();
  const loaded = loadCluster(server.store, objects);
  log?.info('Seeded cluster', {
    nodes: resolved.nodes,
    podsPerNode: resolved.podsPerNode,
    seed: resolved.seed,
    objects: loaded.created,
    duration: `${Date.now() - started}ms`,
  });
  const controllers = resolved.controllers
    ? startControllers(server.store, {
        seed: resolved.seed,
        ...(log ? { log } : {}),
        ...(options.bindDelayMs !== undefined ? { bindDelayMs: options.bindDelayMs } : {}),
        ...(options.startDelayMs !== undefined ? { startDelayMs: options.startDelayMs } : {}),
      })
    : undefined;
  const churn =
    resolved.churn > 0 ? startChurn(server.store, { eventsPerSecond: resolved.churn, seed: resolved.seed }) : undefined;

  const aggregator = startAggregator({
    server,
    frontProxyClient: pki.frontProxyClient,
    ...(log ? { logger: log } : {}),
  });
  const stopAll = async (kubelets?: KubeletFleet) => {
    churn?.stop();
    controllers?.stop();
    await kubelets?.stop();
    aggregator.stop();
    auth.stop();
    await server.close();
  };
  let listening: { port: number; url: string };
  try {
    listening = await server.listen(resolved.port, '127.0.0.1');
  } catch (err) {
    await stopAll().catch(() => {});
    throw new Error(`cannot serve on 127.0.0.1:${resolved.port}: ${(err as Error).message}`, { cause: err });
  }
  let kubelets: KubeletFleet | undefined;
  if (resolved.kubelets) {
    try {
      kubelets = await startKubelets({
        state: server.store,
        pki,
        kubeletPort: resolved.kubeletPort,
        faults: resolved.kubeletFaults,
        seed: resolved.seed,
        reviewToken: auth.kubelet.reviewToken,
        authorize: auth.kubelet.authorize,
        ...(resolved.kubeletAuthCache ? {} : { authCache: false as const }),
        ...(log ? { logger: log } : {}),
      });
    } catch (err) {
      await stopAll().catch(() => {});
      throw new Error(`cannot start the kubelets: ${(err as Error).message}`, { cause: err });
    }
  }
  const kubeconfigPath = await writeKubeconfig(pki, listening.url);
  let stopped: Promise<void> | undefined;
  return {
    kubeconfigPath,
    url: listening.url,
    port: listening.port,
    stateDir: pki.dir,
    pki,
    server,
    state: server.store,
    churn,
    controllers,
    auth,
    aggregator,
    kubelets,
    options: resolved,
    stop() {
      stopped ??= stopAll(kubelets);
      return stopped;
    },
  };
}
