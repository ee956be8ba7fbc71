/**
 * metrics-server assembled from a Config: Node and Pod informers, kubelet client, scraper,
 * storage, the tick loop, health checks, self-metrics and the HTTPS server. `start` follows
 * upstream's RunUntil: informers first, serving and scraping once both caches are synced.
 */
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { KubeApiClient } from '../../shared/kube/api-client.ts';
import { matchLabels, parseLabelSelector } from '../../shared/kube/selectors.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { MetricsApiDeps, NodeLister } from '../api/api-types.ts';
import { KubeletClient } from '../kubelet-client/kubelet-client.ts';
import { createNodeInformer, type NodeInformer } from '../scraper/node-lister.ts';
import { Scraper } from '../scraper/scraper.ts';
import { createMetricsServerMetrics } from '../scraper/self-metrics.ts';
import { MetricsStorage } from '../storage/storage.ts';
import { DelegatingAuthenticator } from './authentication.ts';
import { DelegatingAuthorizer } from './authorization.ts';
import { type MetricsServerConfig, resolveAuthentication } from './config.ts';
import { accessReviewer, tokenReviewer } from './delegation-clients.ts';
import { metricsServerProbes } from './health.ts';
import { MetricsHttpsServer } from './https-server.ts';
import { Manager } from './manager.ts';
import { createPodInformer, type PodInformer } from './pod-lister.ts';

/** How often the authentication ConfigMap is re-read (kube-apiserver may rotate CAs). */
const AUTH_REFRESH_MS = 60_000;

export interface MetricsServerRuntimeOptions {
  version: string;
  logger?: Logger;
  /** Registry for `/metrics`; default a new one with process metrics. */
  registry?: Registry;
}

export class MetricsServer {
  readonly config: MetricsServerConfig;
  readonly storage: MetricsStorage;
  readonly manager: Manager;
  readonly registry: Registry;
  readonly nodes: NodeInformer;
  readonly pods: PodInformer;
  readonly https: MetricsHttpsServer;
  readonly #clients: KubeApiClient[] = [];
  readonly #kubelet: KubeletClient;
  readonly #authenticator: DelegatingAuthenticator;
  readonly #log: Logger | undefined;
  #authTimer: NodeJS.Timeout | undefined;
  #address: AddressInfo | undefined;
  #shuttingDown = false;

  constructor(config: MetricsServerConfig, runtime: MetricsServerRuntimeOptions) {
    const o = config.options;
    this.config = config;
    this.#log = runtime.logger;
    const log = runtime.logger;
    const userAgent = `metrics-server/${runtime.version} (${process.platform}/${process.arch}) kube-metrics`;
    const api = this.#client(config.apiConfig, userAgent);
    const authn = this.#client(config.authenticationConfig, userAgent);
    const authz = this.#client(config.authorizationConfig, userAgent);

    this.registry = runtime.registry ?? new Registry();
    if (!runtime.registry) collectDefaultMetrics({ register: this.registry });
    const metrics = createMetricsServerMetrics(this.registry, o.metricResolutionMs / 1000);

    this.nodes = createNodeInformer({
      client: api,
      nodeSelector: o.kubelet.nodeSelector,
      ...(log ? { logger: log } : {}),
    });
    this.pods = createPodInformer({ client: api, ...(log ? { logger: log } : {}) });
    this.#kubelet = new KubeletClient({
      scheme: o.kubelet.completelyInsecure ? 'http' : 'https',
      preferredAddressTypes: o.kubelet.preferredAddressTypes,
      defaultPort: o.kubelet.port,
      useNodeStatusPort: o.kubelet.useNodeStatusPort,
      tls: config.kubeletTls,
      ...(config.kubeletAuthHeader ? { authHeader: config.kubeletAuthHeader } : {}),
      requestTimeoutMs: o.kubelet.requestTimeoutMs,
      userAgent,
    });
    const storageLogger = log
      ? {
          debug: (fields: Record<string, unknown>, msg: string) => log.v(2, msg, fields),
          error: (fields: Record<string, unknown>, msg: string) => log.error(msg, fields),
        }
      : undefined;
    this.storage = new MetricsStorage({
      resolutionMs: o.metricResolutionMs,
      ...(storageLogger ? { logger: storageLogger } : {}),
    });
    const scraper = new Scraper({
      nodes: this.nodes,
      kubelet: this.#kubelet,
      resolutionMs: o.metricResolutionMs,
      requestTimeoutMs: o.kubelet.requestTimeoutMs,
      metrics,
      ...(log ? { logger: log } : {}),
    });
    this.manager = new Manager({
      scraper,
      storage: this.storage,
      resolutionMs: o.metricResolutionMs,
      metrics,
      ...(log ? { logger: log } : {}),
    });

    const nodeSelector = o.kubelet.nodeSelector ? parseLabelSelector(o.kubelet.nodeSelector) : undefined;
    const nodeLister: NodeLister = {
      list: (selector) => this.nodes.list().filter((n) => matchLabels(selector, n.metadata?.labels)),
      get: (name) => this.nodes.get(name),
    };
    const storage = this.storage;
    const freshness = metrics.apiMetricFreshness;
    const observe = <T extends { timestamp: number | null } | undefined>(items: T[]): T[] => {
      const now = Date.now();
      for (const item of items) if (item?.timestamp != null) freshness.observe((now - item.timestamp) / 1000);
      return items;
    };
    const apiDeps: MetricsApiDeps = {
      // Every item an API read computes is observed in metrics_server_api_metric_freshness_seconds.
      storage: {
        getNodeMetrics: (names) => observe(storage.getNodeMetrics(names)),
        getPodMetrics: (pods) => observe(storage.getPodMetrics(pods)),
      },
      nodes: nodeLister,
      pods: this.pods.lister,
      ...(nodeSelector ? { nodeSelector } : {}),
      version: runtime.version,
    };

    this.#authenticator = new DelegatingAuthenticator({
      config: config.authentication,
      tokenReviewer: tokenReviewer(authn),
      cacheTtlMs: o.authentication.tokenCacheTtlMs,
    });
    const authorizer = new DelegatingAuthorizer({
      alwaysAllowPaths: o.authorization.alwaysAllowPaths,
      reviewer: accessReviewer(authz),
      allowedTtlMs: o.authorization.allowedTtlMs,
      deniedTtlMs: o.authorization.deniedTtlMs,
    });
    const health = metricsServerProbes({
      storageReady: () => this.storage.ready(),
      nodesSynced: () => this.nodes.reflector.hasSynced(),
      podsSynced: () => this.pods.reflector.hasSynced(),
      timelyProblem: () => this.manager.timelyProblem(),
      shuttingDown: () => this.#shuttingDown,
      onFailure: (check, reason) => log?.info('Failed probe', { probe: check, err: reason }),
    });

    this.https = new MetricsHttpsServer({
      tls: this.#tls(),
      authenticator: this.#authenticator,
      authorizer,
      health,
      registry: this.registry,
      api: apiDeps,
      version: runtime.version,
      maxInflight: o.generic.maxRequestsInflight,
      maxMutatingInflight: o.generic.maxMutatingRequestsInflight,
      requestTimeoutMs: o.generic.requestTimeoutMs,
      ...(log ? { logger: log } : {}),
    });
  }

  /** The bound HTTPS address once started. */
  get address(): AddressInfo | undefined {
    return this.#address;
  }

  #client(config: MetricsServerConfig['apiConfig'], userAgent: string): KubeApiClient {
    const c = new KubeApiClient({ config, userAgent, ...(this.#log ? { logger: this.#log } : {}) });
    this.#clients.push(c);
    return c;
  }

  #tls() {
    const s = this.config.serving;
    return {
      certPem: s.cert.certPem,
      keyPem: s.cert.keyPem,
      clientCaPems: this.config.clientCaPems,
      ...(s.minVersion ? { minVersion: s.minVersion } : {}),
      ...(s.ciphers ? { ciphers: s.ciphers } : {}),
      sni: s.sni,
    };
  }

  async start(): Promise<void> {
    this.nodes.reflector.start();
    this.pods.reflector.start();
    await Promise.all([this.nodes.reflector.whenSynced(), this.pods.reflector.whenSynced()]);
    this.manager.start();
    const serving = this.config.options.serving;
    this.#address = await this.https.listen(serving.securePort, serving.bindAddress);
    const host = this.#address.family === 'IPv6' ? `[${this.#address.address}]` : this.#address.address;
    this.#log?.info('Serving securely on', { address: `${host}:${this.#address.port}` });
    if (!this.config.options.authentication.skipLookup) {
      this.#authTimer = setInterval(() => void this.#refreshAuthentication(), AUTH_REFRESH_MS);
      this.#authTimer.unref();
    }
  }

  async #refreshAuthentication(): Promise<void> {
    const client = new KubeApiClient({ config: this.config.authenticationConfig, requestTimeoutMs: 10_000 });
    try {
      const next = await resolveAuthentication(this.config.options, client);
      if (JSON.stringify(next.clientCaPems) === JSON.stringify(this.config.clientCaPems)) {
        this.#authenticator.setConfig(next.authentication);
        return;
      }
      this.config.clientCaPems = next.clientCaPems;
      this.#authenticator.setConfig(next.authentication);
      this.https.updateTls(this.#tls());
      this.#log?.info('Loaded a new client CA bundle from the authentication ConfigMap');
    } catch (err) {
      this.#log?.error('Failed to refresh the authentication configuration', { err: err as Error });
    } finally {
      await client.close();
    }
  }

  /** Readiness fails first (`shutdown`), then `--shutdown-delay-duration`, then everything stops. */
  async stop(): Promise<void> {
    this.#shuttingDown = true;
    clearInterval(this.#authTimer);
    const delay = this.config.options.generic.shutdownDelayMs;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    await this.manager.stop();
    await this.https.close();
    await Promise.all([this.nodes.reflector.stop(), this.pods.reflector.stop()]);
    await this.#kubelet.close();
    await Promise.all(this.#clients.map((c) => c.close()));
  }
}
