import { setMaxListeners } from 'node:events';
import { formatGoDuration } from '../../shared/duration.ts';
import type { Clock } from '../../shared/kube/backoff.ts';
import { realClock } from '../../shared/kube/backoff.ts';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { type DecodeResult, decodeResourceMetrics } from '../decoder/resource-decoder.ts';
import { KubeletError, type KubeletMetricsGetter } from '../kubelet-client/kubelet-client.ts';
import type { MetricsBatch } from '../storage/types.ts';
import type { MetricsServerMetrics } from './self-metrics.ts';

/** Nodes to scrape; fed by the Node reflector (server-side `--node-selector`). */
export interface NodeLister {
  list(): KubeObject[];
}

/** Turns one kubelet body into that node's batch; never throws. */
export type Decoder = (body: Uint8Array, nodeName: string, requestTime: number) => DecodeResult;

export interface ScraperOptions {
  nodes: NodeLister;
  kubelet: KubeletMetricsGetter;
  /** `--metric-resolution`, ms: the whole tick is cut off after this long. */
  resolutionMs: number;
  /** Cap on the start stagger, ms (default 1000; upstream: 4000). */
  maxStaggerMs?: number;
  /** `--kubelet-request-timeout`, ms; only reported in timeout logs (the kubelet client enforces it). */
  requestTimeoutMs?: number;
  decode?: Decoder;
  metrics?: Pick<MetricsServerMetrics, 'requestDuration' | 'lastRequestTime' | 'requestTotal'>;
  /**
   * Requests to nodes without a warm connection (never scraped, or failed last time) that may be
   * in flight at once; each costs a TLS handshake (default 200).
   */
  maxColdRequests?: number;
  logger?: Logger;
  clock?: Clock;
  random?: () => number;
}

/**
 * Request starts are spread by up to 8 ms per node as upstream, but at most 1 s (upstream: 4 s)
 * and a tenth of the resolution: a tick must end within 2 s, and a node started at the end of
 * the spread still needs its round trip and decode. Past ~150 nodes the spread no longer grows
 * with the fleet; the kernel's socket buffers and undici's queue absorb the burst, and our
 * per-node CPU (~0.5 ms) already spreads the work over the tick.
 */
const DELAY_PER_NODE_MS = 8;
const MAX_DELAY_MS = 1000;
const MAX_DELAY_FRACTION_OF_RESOLUTION = 0.1;
/**
 * A TLS handshake costs the client ~3 ms of CPU on one thread: 5,000 cold nodes started at once
 * (first tick, or after a kubelet slowdown dropped every connection) keep the event loop busy for
 * longer than the request timeout, so most requests time out, their connections are destroyed,
 * and the next tick starts over. Bounding the handshakes in flight lets the reconnecting nodes
 * turn warm a batch at a time while warm nodes and the API keep being served.
 */
const DEFAULT_MAX_COLD_REQUESTS = 200;

/** A counting semaphore whose waits end when the tick is aborted. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  /** Takes a free slot at once (no await, so a free slot never costs the request a turn). */
  tryAcquire(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.#waiting.indexOf(grant);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(signal.reason);
      };
      this.#waiting.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

type NodeOutcome = { ok: true; batch: MetricsBatch } | { ok: false };

/**
 * One tick of metrics-server: every node scraped concurrently with staggered starts, each bounded
 * by the kubelet request timeout and the whole tick by the resolution; a failing node contributes
 * nothing and delays nobody. Failures are logged once per change of reason.
 */
export class Scraper {
  readonly #o: ScraperOptions;
  readonly #decode: Decoder;
  readonly #clock: Clock;
  readonly #random: () => number;
  /** Last failure text per node, so a persistent failure is logged once, not every tick. */
  readonly #lastFailure = new Map<string, string>();
  #knownNodes = new Set<string>();
  /** Nodes whose last scrape succeeded: their keep-alive connection is most likely still open. */
  readonly #warm = new Set<string>();
  readonly #coldSlots: Slots;

  constructor(options: ScraperOptions) {
    if (!(options.resolutionMs > 0)) throw new Error('metric resolution must be positive');
    this.#o = options;
    this.#decode = options.decode ?? decodeResourceMetrics;
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? Math.random;
    const cold = options.maxColdRequests ?? DEFAULT_MAX_COLD_REQUESTS;
    if (!(Number.isInteger(cold) && cold > 0)) throw new Error('maxColdRequests must be a positive integer');
    this.#coldSlots = new Slots(cold);
  }

  /** Largest stagger for `nodeCount` nodes, ms: 8 ms per node, at most 1 s and a tenth of the resolution. */
  staggerMs(nodeCount: number): number {
    return Math.min(
      DELAY_PER_NODE_MS * nodeCount,
      this.#o.maxStaggerMs ?? MAX_DELAY_MS,
      this.#o.resolutionMs * MAX_DELAY_FRACTION_OF_RESOLUTION,
    );
  }

  async scrape(signal?: AbortSignal): Promise<MetricsBatch> {
    const started = this.#clock.now();
    const nodes = this.#o.nodes.list();
    // A referenced timer (AbortSignal.timeout's is not): the tick must end even if nothing else runs.
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('tick exceeded the metric resolution', 'TimeoutError')),
      this.#o.resolutionMs,
    );
    const tick = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    // Every node's request listens on the tick signal: thousands of listeners are expected.
    setMaxListeners(0, tick);
    const maxDelay = this.staggerMs(nodes.length);
    let outcomes: NodeOutcome[];
    try {
      outcomes = await Promise.all(nodes.map((node) => this.#scrapeNode(node, maxDelay, tick)));
    } finally {
      clearTimeout(timer);
    }
    const batch = this.#merge(nodes, outcomes);
    this.#forgetGone(nodes);
    this.#o.logger?.v(1, 'Scrape finished', {
      duration: formatGoDuration(this.#clock.now() - started),
      nodeCount: batch.nodes.size,
      podCount: batch.pods.size,
    });
    return batch;
  }

  async #scrapeNode(node: KubeObject, maxDelay: number, tick: AbortSignal): Promise<NodeOutcome> {
    const name = node.metadata?.name ?? '';
    if (maxDelay > 0) await this.#clock.sleep(Math.floor(this.#random() * maxDelay), tick);
    const log = this.#o.logger;
    const m = this.#o.metrics;
    const holdsSlot = !this.#warm.has(name);
    if (holdsSlot && !this.#coldSlots.tryAcquire()) {
      try {
        await this.#coldSlots.acquire(tick);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.#recordFailure(node, err, `no connection slot before the tick ended: ${message}`);
        return { ok: false };
      }
    }
    const start = this.#clock.now();
    let result: DecodeResult;
    try {
      log?.v(2, 'Scraping node', { node: name });
      const res = await this.#o.kubelet.getMetrics(node, tick);
      result = this.#decode(res.body, name, res.requestTime);
      if (!result.ok && !result.error.startsWith('failed parsing metrics')) {
        result = { ok: false, error: `failed parsing metrics: ${result.error}` };
      }
    } catch (err) {
      this.#warm.delete(name);
      result = { ok: false, error: err instanceof Error ? err.message : String(err) };
      this.#recordFailure(node, err, result.error);
      this.#observe(name, start, false);
      return { ok: false };
    } finally {
      if (holdsSlot) this.#coldSlots.release();
      m?.lastRequestTime.set({ node: name }, start / 1000);
    }
    // The connection answered; even an undecodable body leaves it usable.
    this.#warm.add(name);
    if (!result.ok) {
      this.#recordFailure(node, undefined, result.error);
      this.#observe(name, start, false);
      return { ok: false };
    }
    this.#observe(name, start, true);
    if (this.#lastFailure.delete(name)) log?.info('Scraping node recovered', { node: name });
    if (result.nodeIncomplete) log?.v(1, 'Failed getting complete node metric', { node: name });
    for (const pod of result.incompletePods) log?.v(1, 'Failed getting complete Pod metric', { node: name, pod });
    return { ok: true, batch: result.batch };
  }

  #observe(node: string, start: number, success: boolean): void {
    const m = this.#o.metrics;
    if (!m) return;
    m.requestDuration.observe({ node }, (this.#clock.now() - start) / 1000);
    m.requestTotal.inc({ success: success ? 'true' : 'false' });
  }

  /** Logs a node failure when its reason changed since the last tick; severity follows upstream. */
  #recordFailure(node: KubeObject, err: unknown, message: string): void {
    const name = node.metadata?.name ?? '';
    if (this.#lastFailure.get(name) === message) return;
    this.#lastFailure.set(name, message);
    const log = this.#o.logger;
    if (!log) return;
    if (!isReady(node)) {
      log.v(4, 'Failed to scrape node, node is not ready', { node: name, err: message });
    } else if (err instanceof KubeletError && err.failure === 'timeout') {
      log.error('Failed to scrape node, timeout to access kubelet', {
        node: name,
        err: message,
        timeout: `${this.#o.requestTimeoutMs ?? this.#o.resolutionMs}ms`,
      });
    } else if (err instanceof KubeletError && err.failure === 'canceled') {
      log.v(2, 'Scrape of node canceled', { node: name });
    } else {
      log.error('Failed to scrape node', { node: name, err: message });
    }
  }

  #merge(nodes: KubeObject[], outcomes: NodeOutcome[]): MetricsBatch {
    const out: MetricsBatch = { nodes: new Map(), pods: new Map() };
    const log = this.#o.logger;
    for (let i = 0; i < outcomes.length; i++) {
      const outcome = outcomes[i]!;
      if (!outcome.ok) continue;
      const source = nodes[i]?.metadata?.name ?? '';
      for (const [name, point] of outcome.batch.nodes) {
        if (out.nodes.has(name)) {
          log?.error('Got duplicate node point', { node: name, source });
          continue;
        }
        out.nodes.set(name, point);
      }
      for (const [key, pod] of outcome.batch.pods) {
        if (out.pods.has(key)) {
          log?.error('Got duplicate pod point', { pod: key, node: source });
          continue;
        }
        out.pods.set(key, pod);
      }
    }
    return out;
  }

  /** Drops per-node series and failure memory for nodes that left the cluster (upstream leaks them). */
  #forgetGone(nodes: KubeObject[]): void {
    const current = new Set(nodes.map((n) => n.metadata?.name ?? ''));
    for (const name of this.#knownNodes) {
      if (current.has(name)) continue;
      this.#lastFailure.delete(name);
      this.#warm.delete(name);
      this.#o.metrics?.requestDuration.remove({ node: name });
      this.#o.metrics?.lastRequestTime.remove({ node: name });
    }
    this.#knownNodes = current;
  }
}

function isReady(node: KubeObject): boolean {
  const conditions: unknown = node.status?.conditions;
  if (!Array.isArray(conditions)) return false;
  return conditions.some((c) => c && typeof c === 'object' && c.type === 'Ready' && c.status === 'True');
}
