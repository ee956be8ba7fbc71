/**
 * Seeded pods: stamped from a template, placed round-robin on worker nodes, and given a status
 * drawn from a realistic mix (mostly Running and Ready, a few restarting, crash-looping,
 * unschedulable or stuck pulling an image).
 */
import type { KubeObject, OwnerReference } from '../../shared/kube/object.ts';
import { buildPodStatus, type PodState, rfc3339 } from '../controllers/pod-status.ts';
import { type PodTemplate, podFromTemplate } from '../controllers/pod-template.ts';
import type { AppProfile } from './apps.ts';
import { nextPodIP, type SeedContext, type SeedNode, schedule } from './seed-context.ts';

/** A workload the seeder made, for the objects that refer to it (Services, HPAs, PDBs, quotas). */
export interface SeededWorkload {
  kind: string;
  obj: KubeObject;
  namespace: string;
  name: string;
  /** Pod labels the workload selects on. */
  selector: Record<string, string>;
  pods: KubeObject[];
  profile: AppProfile;
}

const SERVICE_POD_STATES: PodState[] = ['running', 'restarted', 'crashloop', 'unschedulable', 'creating', 'image-pull'];
const SERVICE_POD_WEIGHTS = [0.88, 0.06, 0.02, 0.02, 0.01, 0.01];

/** A state for a long-running pod. */
export function servicePodState(ctx: SeedContext): PodState {
  return ctx.rnd.weighted(SERVICE_POD_STATES, SERVICE_POD_WEIGHTS);
}

export interface SeedPodOptions {
  name: string;
  namespace: string;
  template: PodTemplate;
  owner?: OwnerReference;
  labels?: Record<string, string>;
  /** Creation time (ms). */
  createdAt: number;
  state: PodState;
  /** Pin to this node (DaemonSets, static pods) instead of round-robin. */
  node?: SeedNode;
  /** Host-network pods use the node's IP. */
  hostNetwork?: boolean;
}

export function seedPod(ctx: SeedContext, opts: SeedPodOptions): KubeObject {
  let node: SeedNode | undefined;
  let podIP = '';
  if (opts.state !== 'unschedulable') {
    if (opts.node) {
      node = opts.node;
      podIP = nextPodIP(node);
    } else {
      const placed = schedule(ctx);
      node = placed.node;
      podIP = placed.podIP;
    }
    if (opts.hostNetwork) podIP = node.ip;
    if (opts.state === 'creating') podIP = '';
  }
  // Nothing runs on a node before it joined: such pods were re-created on it later.
  let createdAt = opts.createdAt;
  if (node && createdAt <= node.createdMs) createdAt = createdAfter(ctx, node.createdMs);
  const pod = podFromTemplate(opts.template, {
    name: opts.name,
    namespace: opts.namespace,
    uid: ctx.rnd.uuid(),
    ...(opts.owner ? { owner: opts.owner } : {}),
    ...(opts.labels ? { labels: opts.labels } : {}),
    creationTimestamp: rfc3339(createdAt),
    ...(node ? { nodeName: node.name } : {}),
  });
  const startedAt = Math.min(ctx.now, createdAt + 1000);
  pod.status = buildPodStatus(
    ctx.rnd,
    pod,
    opts.state,
    node ? { nodeName: node.name, hostIP: node.ip, podIP } : undefined,
    startedAt,
    ctx.now,
  );
  ctx.out.push(pod);
  return pod;
}

/** True when the pod counts as ready for Services and workload status. */
export function podReady(pod: KubeObject): boolean {
  const conditions: { type: string; status: string }[] = pod.status?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** A creation time (ms) between `afterMs` and one minute before the run's clock. */
export function createdAfter(ctx: SeedContext, afterMs: number): number {
  const latest = ctx.now - 60_000;
  if (afterMs >= latest) return latest;
  return afterMs + Math.floor(ctx.rnd.next() * (latest - afterMs));
}
