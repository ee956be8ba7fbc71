/**
 * Runs one simulated kubelet per Node whose InternalIP is a loopback address: the seeded nodes and
 * any node created later. It follows Nodes (faults by annotation, deletion) and Pods (by
 * `spec.nodeName`) through ClusterState's synchronous subscriptions, and drives every node's
 * housekeeping from one unref'd timer.
 */
import { isIPv4 } from 'node:net';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { CA } from '../../shared/tls/pki.ts';
import type { ClusterChange, ClusterState } from '../apiserver/cluster-state.ts';
import { type AuthCacheOptions, withAuthCache } from './auth-cache.ts';
import { FaultResolver, type KubeletFault } from './faults.ts';
import type { KubeletAuth } from './kubelet-auth.ts';
import { type PodView, podKey, podNodeName, podView } from './pod-view.ts';
import { createServingCertIssuer, type ServingCertIssuer } from './serving-certs.ts';
import { type NodeEndpoint, nodeShape, SimulatedKubelet } from './simulated-kubelet.ts';
import { publishKubeletPort, reportOomKill } from './status-writer.ts';

export const DEFAULT_KUBELET_PORT = 10250;

export interface KubeletFleetOptions {
  state: ClusterState;
  /** Signs the kubelets' serving certificates. */
  kubeletCA: CA;
  /** PEM of the CA client certificates are verified against (the cluster CA). */
  clientCA: string;
  auth: KubeletAuth;
  /**
   * The kubelet's TokenReview/SubjectAccessReview caches (default: upstream TTLs, 2m tokens, 5m
   * allowed, 30s denied); `false` asks the hooks on every request.
   */
  authCache?: AuthCacheOptions | false;
  /**
   * Port every kubelet binds (`--kubelet-port`). When unset, the node's
   * `status.daemonEndpoints.kubeletEndpoint.Port`, else 10250. 0 picks a free port per node.
   */
  kubeletPort?: number;
  /** Start-time faults by node name (`--kubelet-faults`). */
  faults?: Map<string, KubeletFault>;
  seed?: number | string;
  /** Emulated kubelet minor version (default 33). */
  kubeletMinor?: number;
  /** Chance a container with a memory limit leaks until OOM (default 0.03). */
  leakProbability?: number;
  /** How often housekeeping is checked (ms, default 1000). */
  tickIntervalMs?: number;
  /** Write OOM restarts back to the pod's status (restartCount, lastState). Default true. */
  reportRestarts?: boolean;
  /** Write the bound port to the node's `daemonEndpoints` when it differs. Default true. */
  publishPort?: boolean;
  now?: () => number;
  logger?: Logger;
}

function isLoopback(ip: string): boolean {
  return (isIPv4(ip) && ip.startsWith('127.')) || ip === '::1';
}

/** The node's loopback InternalIP and port, or undefined when the node is not simulated here. */
export function nodeEndpoint(node: KubeObject, kubeletPort: number | undefined): NodeEndpoint | undefined {
  const addresses: unknown[] = Array.isArray(node.status?.addresses) ? node.status.addresses : [];
  const ipSans: string[] = [];
  const dnsSans: string[] = [];
  let internal: string | undefined;
  for (const a of addresses) {
    if (typeof a !== 'object' || a === null) continue;
    const { type, address } = a as { type?: unknown; address?: unknown };
    if (typeof address !== 'string' || address === '') continue;
    if (type === 'InternalIP' || type === 'ExternalIP') {
      ipSans.push(address);
      if (type === 'InternalIP' && internal === undefined) internal = address;
    } else if (type === 'Hostname' || type === 'InternalDNS' || type === 'ExternalDNS') {
      dnsSans.push(address);
    }
  }
  if (internal === undefined || !isLoopback(internal)) return undefined;
  const declared = Number(node.status?.daemonEndpoints?.kubeletEndpoint?.Port);
  const port =
    kubeletPort ?? (Number.isInteger(declared) && declared > 0 && declared < 65536 ? declared : DEFAULT_KUBELET_PORT);
  return { ip: internal, port, ipSans, dnsSans };
}

function sameEndpoint(a: NodeEndpoint, b: NodeEndpoint): boolean {
  return (
    a.ip === b.ip && a.port === b.port && a.ipSans.join() === b.ipSans.join() && a.dnsSans.join() === b.dnsSans.join()
  );
}

interface Slot {
  endpoint: NodeEndpoint;
  /** Settles when the kubelet is up (or failed to start). */
  ready: Promise<SimulatedKubelet | undefined>;
  kubelet?: SimulatedKubelet;
  /** The latest fault wanted for the node, applied once the kubelet is up. */
  fault: KubeletFault | undefined;
  removed: boolean;
}

export class KubeletFleet {
  readonly #opts: KubeletFleetOptions;
  readonly #now: () => number;
  readonly #issuer: ServingCertIssuer;
  readonly #faults: FaultResolver;
  readonly #auth: KubeletAuth;
  readonly #slots = new Map<string, Slot>();
  readonly #podsByNode = new Map<string, Map<string, KubeObject>>();
  readonly #pending = new Set<Promise<unknown>>();
  #unsubscribe: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(opts: KubeletFleetOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#issuer = createServingCertIssuer(opts.kubeletCA);
    this.#faults = new FaultResolver(opts.faults, opts.logger);
    this.#auth = opts.authCache === false ? opts.auth : withAuthCache(opts.auth, { now: this.#now, ...opts.authCache });
  }

  /** Subscribes, starts a kubelet per loopback node, and waits until they listen. */
  async start(): Promise<void> {
    const { state } = this.#opts;
    this.#unsubscribe.push(state.subscribe('v1', 'Pod', (c) => this.#onPod(c)));
    this.#unsubscribe.push(state.subscribe('v1', 'Node', (c) => this.#onNode(c)));
    for (const pod of state.list('v1', 'Pod')) this.#onPod({ type: 'ADDED', object: pod });
    for (const node of state.list('v1', 'Node')) this.#onNode({ type: 'ADDED', object: node });
    const interval = this.#opts.tickIntervalMs ?? 1000;
    this.#timer = setInterval(() => this.tick(), interval);
    this.#timer.unref();
    await this.whenIdle();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    for (const u of this.#unsubscribe) u();
    this.#unsubscribe = [];
    await this.whenIdle();
    const slots = [...this.#slots.values()];
    this.#slots.clear();
    await Promise.all(slots.map(async (s) => (await s.ready)?.close()));
  }

  /** Resolves once every kubelet start, stop and fault change requested so far has taken effect. */
  async whenIdle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Runs due housekeeping on every node (the timer calls this; tests may call it with their own clock). */
  tick(nowMs = this.#now()): void {
    for (const [name, slot] of this.#slots) {
      try {
        slot.kubelet?.tick(nowMs);
      } catch (err) {
        // One node's broken model must not stop the others' housekeeping (or the process).
        this.#opts.logger?.error('Kubelet housekeeping failed', { node: name, err });
      }
    }
  }

  nodeNames(): string[] {
    return [...this.#slots.keys()].sort();
  }

  kubelet(nodeName: string): SimulatedKubelet | undefined {
    return this.#slots.get(nodeName)?.kubelet;
  }

  /** The node's current `/metrics/resource` body, as served. Throws for a node without a running kubelet. */
  payloadFor(nodeName: string): Buffer {
    const k = this.kubelet(nodeName);
    if (!k) throw new Error(`no simulated kubelet for node "${nodeName}"`);
    return k.resourceMetrics(false);
  }

  #track(p: Promise<unknown>): void {
    this.#pending.add(p);
    const done = () => this.#pending.delete(p);
    p.then(done, done);
  }

  #onPod(change: ClusterChange): void {
    const pod = change.object;
    const key = podKey(pod);
    const before = change.previous ? podNodeName(change.previous) : undefined;
    const after = change.type === 'DELETED' ? undefined : podNodeName(pod);
    if (before !== undefined && before !== after) {
      this.#podsByNode.get(before)?.delete(key);
      const k = this.#slots.get(before)?.kubelet;
      k?.removePod(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      k?.podsChanged();
    }
    if (change.type === 'DELETED') {
      const node = podNodeName(pod);
      if (node === undefined) return;
      this.#podsByNode.get(node)?.delete(key);
      const k = this.#slots.get(node)?.kubelet;
      k?.removePod(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      k?.podsChanged();
      return;
    }
    if (after === undefined) return;
    let pods = this.#podsByNode.get(after);
    if (!pods) {
      pods = new Map();
      this.#podsByNode.set(after, pods);
    }
    pods.set(key, pod);
    const k = this.#slots.get(after)?.kubelet;
    if (!k) return;
    k.podsChanged();
    this.#modelPod(k, pod);
  }

  #modelPod(k: SimulatedKubelet, pod: KubeObject): void {
    const nowMs = this.#now();
    const view = podView(pod, nowMs);
    if (view) k.upsertPod(view, nowMs);
    else k.removePod(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
  }

  #onNode(change: ClusterChange): void {
    const node = change.object;
    const name = node.metadata.name ?? '';
    if (name === '') return;
    const slot = this.#slots.get(name);
    if (change.type === 'DELETED') {
      this.#faults.forget(name);
      if (slot) this.#remove(name, slot);
      return;
    }
    const endpoint = nodeEndpoint(node, this.#opts.kubeletPort);
    const fault = this.#faults.faultFor(node);
    if (slot && endpoint && (sameEndpoint(slot.endpoint, endpoint) || this.#isPublishedPort(slot, endpoint))) {
      slot.fault = fault;
      if (slot.kubelet) this.#track(slot.kubelet.setFault(fault));
      return;
    }
    if (slot) this.#remove(name, slot);
    if (endpoint) this.#add(name, node, endpoint, fault);
  }

  /** Our own write of the bound port must not restart the kubelet. */
  #isPublishedPort(slot: Slot, endpoint: NodeEndpoint): boolean {
    return slot.kubelet !== undefined && endpoint.ip === slot.endpoint.ip && endpoint.port === slot.kubelet.port;
  }

  #remove(name: string, slot: Slot): void {
    slot.removed = true;
    this.#slots.delete(name);
    this.#track(slot.ready.then((k) => k?.close()));
  }

  #add(name: string, node: KubeObject, endpoint: NodeEndpoint, fault: KubeletFault | undefined): void {
    const nowMs = this.#now();
    const shape = nodeShape(node, nowMs);
    const { logger } = this.#opts;
    const slot: Slot = { endpoint, fault, removed: false, ready: Promise.resolve(undefined) };
    const views: PodView[] = [];
    for (const pod of this.#podsByNode.get(name)?.values() ?? []) {
      const v = podView(pod, nowMs);
      if (v) views.push(v);
    }
    const start = async (): Promise<SimulatedKubelet | undefined> => {
      let kubelet: SimulatedKubelet;
      try {
        kubelet = await SimulatedKubelet.start(
          {
            nodeName: name,
            endpoint,
            seed: this.#opts.seed ?? 0,
            startTimeMs: shape.startTimeMs,
            memoryCapacityBytes: shape.memory,
            cpuCapacityCores: shape.cpu,
            issuer: this.#issuer,
            clientCA: this.#opts.clientCA,
            auth: this.#auth,
            kubeletMinor: this.#opts.kubeletMinor ?? 33,
            ...(this.#opts.leakProbability === undefined ? {} : { leakProbability: this.#opts.leakProbability }),
            podsOnNode: () => this.#podsByNode.get(name)?.values() ?? [],
            onListen: (port) => {
              if (this.#opts.publishPort !== false) publishKubeletPort(this.#opts.state, name, port, logger);
            },
            ...(this.#opts.reportRestarts === false
              ? {}
              : {
                  onRestart: (pod, container, _n, at) =>
                    reportOomKill(this.#opts.state, pod.namespace, pod.name, container, at, logger),
                }),
            ...(logger ? { logger } : {}),
          },
          views,
          fault,
          nowMs,
        );
      } catch (err) {
        logger?.error('Failed to start simulated kubelet', {
          node: name,
          address: `${endpoint.ip}:${endpoint.port}`,
          err,
        });
        return undefined;
      }
      if (slot.removed) {
        await kubelet.close();
        return undefined;
      }
      slot.kubelet = kubelet;
      // Pods that changed, came or went while the certificate was being issued.
      const current = this.#podsByNode.get(name) ?? new Map<string, KubeObject>();
      for (const key of kubelet.model.podKeys()) {
        if (current.has(key)) continue;
        const slash = key.indexOf('/');
        kubelet.removePod(key.slice(0, slash), key.slice(slash + 1));
      }
      for (const pod of current.values()) this.#modelPod(kubelet, pod);
      await kubelet.setFault(slot.fault);
      logger?.v(2, 'Started simulated kubelet', { node: name, address: `${endpoint.ip}:${kubelet.port}` });
      if (this.#opts.publishPort !== false && kubelet.port !== endpoint.port) {
        publishKubeletPort(this.#opts.state, name, kubelet.port, logger);
      }
      return kubelet;
    };
    slot.ready = start();
    this.#track(slot.ready);
    this.#slots.set(name, slot);
  }
}
