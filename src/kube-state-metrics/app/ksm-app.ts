/**
 * One run of kube-state-metrics for one set of options: API client, sharding (static or from the
 * StatefulSet), stores and reflectors, both listeners. A config reload stops the run and starts a
 * new one, as upstream restarts in-process.
 */
import { KubeApiClient } from '../../shared/kube/api-client.ts';
import { ApiError } from '../../shared/kube/api-error.ts';
import { loadKubeconfig } from '../../shared/kube/kubeconfig.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { ResolvedOptions } from '../options/validate.ts';
import type { ShardConfig } from '../sharding/shard-filter.ts';
import { createAuthFilter } from './auth-filter.ts';
import { AutoSharding } from './auto-sharding.ts';
import { type ListeningServer, listen, mainHandler, telemetryHandler } from './http-servers.ts';
import { StoreSet } from './store-reflectors.ts';
import { goArch, type KsmTelemetry } from './telemetry.ts';
import { loadWebConfig, type WebConfig } from './web-config.ts';

export interface KsmAppOptions {
  resolved: ResolvedOptions;
  telemetry: KsmTelemetry;
  /** e.g. `v0.1.0`. */
  version: string;
  logger: Logger;
}

export class KsmApp {
  readonly #o: KsmAppOptions;
  #client: KubeApiClient | undefined;
  #stores: StoreSet | undefined;
  #autoSharding: AutoSharding | undefined;
  #servers: ListeningServer[] = [];
  #reshard: Promise<void> = Promise.resolve();
  /** Stores being built for a new shard assignment, not yet serving. */
  #pending: StoreSet | undefined;
  #stopped = false;

  constructor(options: KsmAppOptions) {
    this.#o = options;
  }

  /** Bound ports: `[main, telemetry]` once started. */
  get ports(): number[] {
    return this.#servers.map((s) => s.port);
  }

  get stores(): StoreSet | undefined {
    return this.#stores;
  }

  /** Connects, checks the API server answers, builds the stores and starts serving. Throws with context. */
  async start(): Promise<void> {
    const { resolved, telemetry, logger: log, version } = this.#o;
    const o = resolved.options;
    const config = await loadKubeconfig({
      ...(o.kubeconfig ? { kubeconfigPath: o.kubeconfig } : {}),
      ...(o.apiserver ? { masterUrl: o.apiserver } : {}),
    });
    const client = new KubeApiClient({
      config,
      userAgent: `kube-state-metrics/${version} (${process.platform}/${goArch()}) kubernetes/unknown`,
      logger: log,
    });
    this.#client = client;
    // Upstream refuses to start when the API server cannot be reached.
    const serverVersion = await client.getJSON<{ gitVersion?: string }>('/version').catch((err: unknown) => {
      throw new Error(`failed to get the API server version from ${client.server}: ${(err as Error).message}`);
    });
    log.info('Run with Kubernetes cluster version', { version: serverVersion?.gitVersion, server: client.server });

    let shard: ShardConfig = { shard: o.shard, totalShards: o.totalShards };
    if (o.pod !== '' && o.podNamespace !== '') {
      this.#autoSharding = new AutoSharding({
        client,
        pod: o.pod,
        namespace: o.podNamespace,
        onChange: (next) => this.#reconfigure(next),
        logger: log,
      });
      shard = await this.#autoSharding.start();
    }
    this.#serve(this.#startStores(shard));

    const web: WebConfig | undefined = o.tlsConfig ? await loadWebConfig(o.tlsConfig) : undefined;
    const authorize = o.authFilter ? createAuthFilter(client, log) : undefined;
    this.#servers.push(
      await listen(
        mainHandler({
          writers: () => this.#stores?.writers ?? [],
          enableGzip: o.enableGzipEncoding,
          apiserverLivez: () => this.#livez(),
          telemetry,
          version,
          ...(authorize ? { authorize } : {}),
          logger: log,
        }),
        o.host,
        o.port,
        web,
        {
          readMs: o.serverReadTimeoutMs,
          writeMs: o.serverWriteTimeoutMs,
          idleMs: o.serverIdleTimeoutMs,
          readHeaderMs: o.serverReadHeaderTimeoutMs,
        },
      ),
    );
    this.#servers.push(
      await listen(
        telemetryHandler({
          telemetry,
          ready: () => this.#stores?.hasSettled() ?? false,
          version,
          ...(authorize ? { authorize } : {}),
          logger: log,
        }),
        o.telemetryHost,
        o.telemetryPort,
        web,
        { readMs: 0, writeMs: 0, idleMs: 5_000, readHeaderMs: 5_000 },
      ),
    );
    log.info('Started metrics server', { address: `${o.host}:${this.#servers[0]?.port}` });
    log.info('Started kube-state-metrics self metrics server', {
      address: `${o.telemetryHost}:${this.#servers[1]?.port}`,
    });
  }

  #startStores(shard: ShardConfig): StoreSet {
    const { resolved, telemetry, logger } = this.#o;
    const stores = new StoreSet({ resolved, client: this.#client!, shard, telemetry, logger });
    stores.start();
    logger.info('Started reflectors', {
      reflectors: stores.reflectorCount,
      shard: shard.shard,
      totalShards: shard.totalShards,
    });
    return stores;
  }

  #serve(stores: StoreSet): void {
    this.#stores = stores;
    this.#o.telemetry.setShard(stores.shard.shard, stores.shard.totalShards);
  }

  /**
   * Auto-sharding changed the assignment: new stores are built and the old ones keep serving until
   * every new reflector has listed, so a re-shard never exposes a half-empty scrape. Serialized.
   */
  #reconfigure(shard: ShardConfig): void {
    this.#reshard = this.#reshard.then(async () => {
      if (this.#stopped) return;
      const next = this.#startStores(shard);
      this.#pending = next;
      await next.whenSettled();
      this.#pending = undefined;
      if (this.#stopped) {
        await next.stop();
        return;
      }
      const old = this.#stores;
      this.#serve(next);
      await old?.stop();
    });
  }

  async #livez(): Promise<string | undefined> {
    const client = this.#client;
    if (!client) return 'not connected';
    try {
      await client.getJSON('/livez');
      return undefined;
    } catch (err) {
      // `/livez` answers plain `ok`: a 2xx that is not JSON still means the server is alive.
      if (err instanceof ApiError && err.statusCode >= 200 && err.statusCode < 300) return undefined;
      return (err as Error).message;
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#pending?.stop();
    await this.#reshard;
    await Promise.all(this.#servers.map((s) => s.close()));
    this.#servers = [];
    await this.#autoSharding?.stop();
    await this.#stores?.stop();
    await this.#client?.close();
  }
}
