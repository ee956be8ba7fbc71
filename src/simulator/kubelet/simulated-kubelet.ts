/**
 * One simulated kubelet: the node's usage model, its payloads cached per housekeeping change, its
 * fault, and its HTTPS listener. Payloads are rendered lazily, at most once per model change and
 * fault, and served from Buffers, so a scrape costs a lookup and a write.
 */
import { gzipSync } from 'node:zlib';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { parseQuantity } from '../../shared/quantity/parse-quantity.ts';
import type { KeyPairPem } from '../../shared/tls/pki.ts';
import { formatKubeletFault, type KubeletFault, sameFault } from './faults.ts';
import type { KubeletAuth } from './kubelet-auth.ts';
import { type KubeletEndpoints, KubeletServer } from './kubelet-server.ts';
import type { PodView } from './pod-view.ts';
import { renderResourceMetrics, resourceMetricsContentType } from './resource-metrics.ts';
import type { ServingCertIssuer } from './serving-certs.ts';
import { renderSummary } from './stats-summary.ts';
import { NodeUsageModel, type RestartListener } from './usage-model.ts';

export interface NodeEndpoint {
  /** InternalIP the kubelet binds. */
  ip: string;
  port: number;
  /** Every IP and DNS name of the node, for the serving certificate's SANs. */
  ipSans: string[];
  dnsSans: string[];
}

export interface SimulatedKubeletOptions {
  nodeName: string;
  endpoint: NodeEndpoint;
  seed: number | string;
  /** Node boot (ms since epoch). */
  startTimeMs: number;
  memoryCapacityBytes: number;
  cpuCapacityCores: number;
  issuer: ServingCertIssuer;
  clientCA: string;
  auth: KubeletAuth;
  kubeletMinor: number;
  leakProbability?: number;
  /** Pods bound to the node (any phase), for `/pods`. */
  podsOnNode: () => Iterable<KubeObject>;
  onRestart?: RestartListener;
  /** Called when the listener comes back after a `down` fault (the port may be new when it was 0). */
  onListen?: (port: number) => void;
  logger?: Logger;
}

interface Cached {
  key: string;
  body: Buffer;
  gzip?: Buffer;
}

function quantityOr(value: unknown, fallback: number): number {
  if (typeof value !== 'string' && typeof value !== 'number') return fallback;
  try {
    const n = parseQuantity(String(value));
    return Number.isFinite(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

/** Capacity and boot time from a Node object, with defaults for hand-written nodes. */
export function nodeShape(node: KubeObject, nowMs: number): { memory: number; cpu: number; startTimeMs: number } {
  const capacity = (node.status?.capacity ?? {}) as Record<string, unknown>;
  const created = Date.parse(String(node.metadata.creationTimestamp ?? ''));
  return {
    memory: quantityOr(capacity.memory, 16 * 2 ** 30),
    cpu: quantityOr(capacity.cpu, 4),
    startTimeMs: Number.isFinite(created) && created <= nowMs ? created : nowMs,
  };
}

export class SimulatedKubelet implements KubeletEndpoints {
  readonly nodeName: string;
  readonly endpoint: NodeEndpoint;
  readonly model: NodeUsageModel;
  readonly #opts: SimulatedKubeletOptions;
  readonly #server: KubeletServer;
  readonly #goodCert: KeyPairPem;
  #fault: KubeletFault | undefined;
  #version = 0;
  #podsVersion = 0;
  #metrics: Cached | undefined;
  readonly #summaries: [Cached | undefined, Cached | undefined] = [undefined, undefined];
  #pods: Cached | undefined;
  /** Serialises listener changes caused by faults. */
  #transition: Promise<void> = Promise.resolve();

  private constructor(opts: SimulatedKubeletOptions, cert: KeyPairPem, nowMs: number) {
    this.#opts = opts;
    this.nodeName = opts.nodeName;
    this.endpoint = opts.endpoint;
    this.#goodCert = cert;
    const modelOpts = {
      nodeName: opts.nodeName,
      seed: opts.seed,
      startTimeMs: opts.startTimeMs,
      memoryCapacityBytes: opts.memoryCapacityBytes,
      cpuCapacityCores: opts.cpuCapacityCores,
      ...(opts.leakProbability === undefined ? {} : { leakProbability: opts.leakProbability }),
    };
    this.model = new NodeUsageModel(modelOpts, nowMs);
    this.model.onRestart = opts.onRestart;
    const serverOpts = {
      host: opts.endpoint.ip,
      port: opts.endpoint.port,
      cert,
      clientCA: opts.clientCA,
      auth: opts.auth,
      endpoints: this,
      ...(opts.logger ? { logger: opts.logger } : {}),
    };
    this.#server = new KubeletServer(serverOpts);
  }

  /** Issues the serving certificate, builds the model, and listens unless the fault is `down`. */
  static async start(
    opts: SimulatedKubeletOptions,
    pods: PodView[],
    fault: KubeletFault | undefined,
    nowMs: number,
  ): Promise<SimulatedKubelet> {
    const cert = await opts.issuer.issue(opts.nodeName, opts.endpoint.ipSans, opts.endpoint.dnsSans);
    const kubelet = new SimulatedKubelet(opts, cert, nowMs);
    for (const p of pods) kubelet.model.upsertPod(p, nowMs);
    await kubelet.setFault(fault);
    if (!kubelet.#server.listening && fault?.kind !== 'down') await kubelet.#server.listen();
    return kubelet;
  }

  /** Bound port (differs from the requested one when that was 0). */
  get port(): number {
    return this.#server.port;
  }

  get listening(): boolean {
    return this.#server.listening;
  }

  fault(): KubeletFault | undefined {
    return this.#fault;
  }

  /** Applies a new fault; resolves once the listener reflects it. */
  setFault(next: KubeletFault | undefined): Promise<void> {
    const run = async () => {
      const prev = this.#fault;
      if (sameFault(prev, next) && (prev !== undefined || this.#server.listening)) return;
      this.#fault = next;
      if (prev?.kind === 'stale' && next?.kind !== 'stale') this.#version++;
      if (prev !== undefined || next !== undefined) {
        this.#opts.logger?.info('Kubelet fault changed', {
          node: this.nodeName,
          from: formatKubeletFault(prev),
          to: formatKubeletFault(next),
        });
      }
      if (next?.kind === 'wrong-cert') {
        const untrusted = await this.#opts.issuer.issueUntrusted(
          this.nodeName,
          this.endpoint.ipSans,
          this.endpoint.dnsSans,
        );
        if (this.#fault?.kind === 'wrong-cert') this.#server.setCertificate(untrusted);
      } else if (prev?.kind === 'wrong-cert') {
        this.#server.setCertificate(this.#goodCert);
      }
      if (next?.kind === 'down') await this.#server.stopListening();
      else if (prev?.kind === 'down') {
        await this.#server.listen();
        this.#opts.onListen?.(this.#server.port);
      }
      // Held requests of a healed `timeout` would otherwise hang until the client gives up.
      if (prev?.kind === 'timeout' && next?.kind !== 'timeout') this.#server.dropConnections();
    };
    this.#transition = this.#transition.then(run, run);
    return this.#transition;
  }

  upsertPod(view: PodView, nowMs: number): void {
    this.model.upsertPod(view, nowMs);
    this.#version++;
  }

  removePod(namespace: string, name: string): void {
    if (this.model.removePod(namespace, name)) this.#version++;
  }

  /** Any change to the pods bound to the node (for `/pods`). */
  podsChanged(): void {
    this.#podsVersion++;
  }

  /** Runs due housekeeping; returns true when samples changed. */
  tick(nowMs: number): boolean {
    if (this.#fault?.kind === 'stale') return false;
    const changed = this.model.advance(nowMs);
    if (changed) this.#version++;
    return changed;
  }

  #renderKey(): string {
    const f = this.#fault?.kind;
    return `${this.#version}|${f === 'zero-cpu' ? 'z' : ''}${f === 'missing-memory' ? 'm' : ''}`;
  }

  /** Stale serves whatever was rendered last, timestamps included. */
  #fresh(cached: Cached | undefined, key: string): boolean {
    return cached !== undefined && (cached.key === key || this.#fault?.kind === 'stale');
  }

  resourceMetrics(gzip: boolean): Buffer {
    const key = this.#renderKey();
    if (!this.#fresh(this.#metrics, key)) {
      const f = this.#fault?.kind;
      const text = renderResourceMetrics(this.model.snapshot(), {
        kubeletMinor: this.#opts.kubeletMinor,
        zeroCpu: f === 'zero-cpu',
        missingMemory: f === 'missing-memory',
      });
      this.#metrics = { key, body: Buffer.from(text) };
    }
    const m = this.#metrics as Cached;
    if (!gzip) return m.body;
    m.gzip ??= gzipSync(m.body, { level: 1 });
    return m.gzip;
  }

  resourceMetricsContentType(): string {
    return resourceMetricsContentType(this.#opts.kubeletMinor);
  }

  summary(onlyCpuAndMemory: boolean): Buffer {
    const key = this.#renderKey();
    const i = onlyCpuAndMemory ? 1 : 0;
    const cached = this.#summaries[i];
    if (this.#fresh(cached, key)) return (cached as Cached).body;
    const f = this.#fault?.kind;
    const body = Buffer.from(
      renderSummary(this.model.snapshot(), {
        onlyCpuAndMemory,
        zeroCpu: f === 'zero-cpu',
        missingMemory: f === 'missing-memory',
      }),
    );
    this.#summaries[i] = { key, body };
    return body;
  }

  pods(): Buffer {
    const key = String(this.#podsVersion);
    if (this.#pods?.key !== key) {
      const items = [...this.#opts.podsOnNode()];
      const list = { kind: 'PodList', apiVersion: 'v1', metadata: {}, items };
      this.#pods = { key, body: Buffer.from(JSON.stringify(list)) };
    }
    return this.#pods.body;
  }

  async close(): Promise<void> {
    await this.#transition.catch(() => {});
    await this.#server.close();
  }
}
