/**
 * What every mini-controller needs: the state, the shared pod index, a seeded generator, a
 * clock and a logger, plus the helper that starts a pod the way scheduler + kubelet would.
 */
import type { KubeObject, OwnerReference } from '../../shared/kube/object.ts';
import type { Random } from '../../shared/random.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import type { PodIndex } from './pod-index.ts';
import { buildPodStatus } from './pod-status.ts';
import { type PodTemplate, podFromTemplate } from './pod-template.ts';

export interface ControllerLogger {
  error(msg: string, fields?: Record<string, unknown>): void;
  v(level: number, msg: string, fields?: Record<string, unknown>): void;
}

export interface ControllerContext {
  state: ClusterState;
  index: PodIndex;
  rnd: Random;
  /** ms since epoch. */
  now(): number;
  log: ControllerLogger;
}

/** JSON equality for status comparisons (status objects are small). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function ownerRefTo(obj: KubeObject): OwnerReference {
  return {
    apiVersion: obj.apiVersion ?? '',
    kind: obj.kind ?? '',
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Controller-owned pods still counted toward replicas (not terminating, not finished). */
export function isActivePod(p: KubeObject): boolean {
  const phase = p.status?.phase;
  return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function isReadyPod(p: KubeObject): boolean {
  const conditions: { type: string; status: string }[] = p.status?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * Creates a pod from `template`, already bound to a Ready node and Running (the simulator skips
 * the scheduler and kubelet round trips for controller-made pods). Without a Ready node the pod
 * stays Pending and Unschedulable.
 */
export function startPod(
  ctx: ControllerContext,
  template: PodTemplate,
  stamp: { name: string; namespace: string; owner: OwnerReference; labels?: Record<string, string> },
): KubeObject {
  const node = ctx.index.pickNode();
  const pod = podFromTemplate(template, {
    ...stamp,
    uid: ctx.rnd.uuid(),
    ...(node ? { nodeName: node.name } : {}),
  });
  const now = ctx.now();
  const podIP = node ? (template.spec?.hostNetwork ? node.hostIP : ctx.index.allocateIP(node)) : '';
  pod.status = buildPodStatus(
    ctx.rnd,
    pod,
    node ? 'running' : 'unschedulable',
    node ? { nodeName: node.name, hostIP: node.hostIP, podIP } : undefined,
    now,
    now,
  );
  return ctx.state.create(pod);
}
