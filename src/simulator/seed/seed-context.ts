/**
 * Shared state of one seeding run: the generator, the clock, the nodes pods can land on and the
 * output list. Every generator appends to `out` in a fixed order, so a seed replays exactly.
 */
import type { KubeObject, OwnerReference } from '../../shared/kube/object.ts';
import type { Random } from '../../shared/random.ts';
import { rfc3339 } from '../controllers/pod-status.ts';

export interface SeedNode {
  name: string;
  uid: string;
  /** Loopback InternalIP the node's simulated kubelet listens on. */
  ip: string;
  ready: boolean;
  controlPlane: boolean;
  zone: string;
  /** Creation time of the Node (ms); nothing runs on it before then. */
  createdMs: number;
  /** First three octets of the node's pod CIDR (`10.128.0`). */
  podNet: string;
  /** Last octet handed out to a pod on this node. */
  lastPodOctet: number;
}

export interface SeedContext {
  rnd: Random;
  /** Clock of the run (ms since epoch); every timestamp is at or before it. */
  now: number;
  out: KubeObject[];
  nodes: SeedNode[];
  nodeByName: Map<string, SeedNode>;
  /** Nodes regular workloads are scheduled to (Ready, not control plane when others exist). */
  workers: SeedNode[];
  /** Round-robin cursor over `workers`. */
  cursor: number;
  /** Pod and workload namespaces created by the run. */
  namespaces: string[];
}

/** A timestamp between `minAgeS` and `maxAgeS` seconds before the run's clock. */
export function ago(ctx: SeedContext, minAgeS: number, maxAgeS: number): string {
  return rfc3339(ctx.now - ctx.rnd.int(minAgeS, maxAgeS) * 1000);
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? 'v1',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Next worker in round-robin order, with the next free pod IP on it. */
export function schedule(ctx: SeedContext): { node: SeedNode; podIP: string } {
  const node = ctx.workers[ctx.cursor % ctx.workers.length] as SeedNode;
  ctx.cursor++;
  return { node, podIP: nextPodIP(node) };
}

/** Pod IPs cycle through .2-.254 of the node's /24 (the simulator never needs more per node). */
export function nextPodIP(node: SeedNode): string {
  node.lastPodOctet = node.lastPodOctet >= 254 ? 2 : node.lastPodOctet + 1;
  return `${node.podNet}.${node.lastPodOctet}`;
}

/** Loopback InternalIP of node `index`: 127.0.1.1 upward, skipping .0 and .255 in the last octet. */
export function nodeLoopbackIP(index: number): string {
  const last = 1 + (index % 254);
  const rest = 1 + Math.floor(index / 254);
  return `127.${(rest >> 8) & 255}.${rest & 255}.${last}`;
}

/** Node pod networks are 10.128.0.0/24 upward; this many keep them inside 10.128.0.0/9. */
export const MAX_NODES = 32768;

/** First three octets of node `index`'s pod /24. */
export function nodePodNet(index: number): string {
  return `10.${128 + (index >> 8)}.${index & 255}`;
}
