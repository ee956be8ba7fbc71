/**
 * Indexes the controllers share, kept current from ClusterState events: pods by controlling
 * owner uid, pod IPs in use per node, and the schedulable nodes. Without them every reconcile
 * would scan all pods (150,000 in the large benchmark).
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ClusterChange, ClusterState } from '../apiserver/cluster-state.ts';
import { arrayOf } from './controller-context.ts';

export interface IndexedNode {
  name: string;
  ready: boolean;
  /** Control-plane nodes carry a NoSchedule taint; ordinary pods avoid them. */
  tainted: boolean;
  /** First three octets of the node's pod CIDR, or '' when it has none. */
  podNet: string;
  hostIP: string;
}

const podKey = (p: KubeObject) => `${p.metadata.namespace}/${p.metadata.name}`;

function controllerUid(p: KubeObject): string | undefined {
  return p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
}

function toIndexedNode(n: KubeObject): IndexedNode {
  const conditions = arrayOf<{ type?: unknown; status?: unknown }>(n.status?.conditions);
  const taints = arrayOf<{ effect?: unknown }>(n.spec?.taints);
  const cidr = typeof n.spec?.podCIDR === 'string' ? n.spec.podCIDR : '';
  const addresses = arrayOf<{ type?: unknown; address?: unknown }>(n.status?.addresses);
  const internal = addresses.find((a) => a?.type === 'InternalIP')?.address;
  return {
    name: String(n.metadata.name ?? ''),
    ready: conditions.some((c) => c?.type === 'Ready' && c.status === 'True'),
    tainted:
      taints.some((t) => t?.effect === 'NoSchedule' || t?.effect === 'NoExecute') || n.spec?.unschedulable === true,
    podNet: /^\d+\.\d+\.\d+\.0\/24$/.test(cidr) ? cidr.slice(0, cidr.lastIndexOf('.')) : '',
    hostIP: typeof internal === 'string' ? internal : '',
  };
}

export class PodIndex {
  readonly #byOwner = new Map<string, Map<string, KubeObject>>();
  readonly #ipsByNode = new Map<string, Set<string>>();
  readonly #nodes = new Map<string, IndexedNode>();
  readonly #unsubscribe: (() => void)[] = [];
  #cursor = 0;
  /** Sorted scheduling pool, rebuilt after node changes. */
  #pool: IndexedNode[] | undefined;

  constructor(state: ClusterState) {
    for (const n of state.list('v1', 'Node')) this.#nodes.set(n.metadata.name ?? '', toIndexedNode(n));
    for (const p of state.list('v1', 'Pod')) this.#add(p);
    this.#unsubscribe.push(
      state.subscribe('v1', 'Pod', (c) => this.#onPod(c)),
      state.subscribe('v1', 'Node', (c) => {
        const name = c.object.metadata.name ?? '';
        this.#pool = undefined;
        if (c.type === 'DELETED') this.#nodes.delete(name);
        else this.#nodes.set(name, toIndexedNode(c.object));
      }),
    );
  }

  stop(): void {
    for (const u of this.#unsubscribe) u();
  }

  /** Pods whose controlling owner has `uid` (shared objects: do not mutate). */
  owned(uid: string): KubeObject[] {
    const m = this.#byOwner.get(uid);
    return m ? [...m.values()] : [];
  }

  node(name: string): IndexedNode | undefined {
    return this.#nodes.get(name);
  }

  /** Next Ready, untainted node in round-robin order (any Ready node when all are tainted). */
  pickNode(): IndexedNode | undefined {
    if (!this.#pool) {
      const ready = [...this.#nodes.values()].filter((n) => n.ready);
      const untainted = ready.filter((n) => !n.tainted);
      this.#pool = (untainted.length > 0 ? untainted : ready).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    }
    if (this.#pool.length === 0) return undefined;
    return this.#pool[this.#cursor++ % this.#pool.length];
  }

  /** A pod IP on `node` not used by another pod, or '' when the node has no /24 or it is full. */
  allocateIP(node: IndexedNode): string {
    if (!node.podNet) return '';
    const used = this.#ipsByNode.get(node.name) ?? new Set<string>();
    for (let i = 2; i < 255; i++) {
      const ip = `${node.podNet}.${i}`;
      if (!used.has(ip)) {
        used.add(ip);
        this.#ipsByNode.set(node.name, used);
        return ip;
      }
    }
    return '';
  }

  #onPod(c: ClusterChange): void {
    if (c.previous) this.#remove(c.previous);
    if (c.type === 'DELETED') this.#remove(c.object);
    else this.#add(c.object);
  }

  #add(p: KubeObject): void {
    const uid = controllerUid(p);
    if (uid) {
      let m = this.#byOwner.get(uid);
      if (!m) {
        m = new Map();
        this.#byOwner.set(uid, m);
      }
      m.set(podKey(p), p);
    }
    const node = p.spec?.nodeName as string | undefined;
    const ip = p.status?.podIP as string | undefined;
    if (node && ip && !p.spec?.hostNetwork) {
      let s = this.#ipsByNode.get(node);
      if (!s) {
        s = new Set();
        this.#ipsByNode.set(node, s);
      }
      s.add(ip);
    }
  }

  #remove(p: KubeObject): void {
    const uid = controllerUid(p);
    if (uid) {
      const m = this.#byOwner.get(uid);
      m?.delete(podKey(p));
      if (m && m.size === 0) this.#byOwner.delete(uid);
    }
    const node = p.spec?.nodeName as string | undefined;
    const ip = p.status?.podIP as string | undefined;
    if (node && ip && !p.spec?.hostNetwork) this.#ipsByNode.get(node)?.delete(ip);
  }
}
