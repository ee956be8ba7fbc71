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

/**
 * The same state, with every subscribed listener wrapped so that an exception (an object with a
 * hostile shape reaching a controller) is logged instead of escaping into the store's commit.
 */
export function guardListeners(state: ClusterState, log: ControllerLogger): ClusterState {
  return {
    create: (obj) => state.create(obj),
    update: (obj) => state.update(obj),
    updateStatus: (obj) => state.updateStatus(obj),
    delete: (apiVersion, kind, namespace, name) => state.delete(apiVersion, kind, namespace, name),
    get: (apiVersion, kind, namespace, name) => state.get(apiVersion, kind, namespace, name),
    list: (apiVersion, kind, namespace) => state.list(apiVersion, kind, namespace),
    resourceVersion: () => state.resourceVersion(),
    subscribe: (apiVersion, kind, listener) =>
      state.subscribe(apiVersion, kind, (change) => {
        try {
          listener(change);
        } catch (err) {
          const { namespace, name } = change.object.metadata ?? {};
          log.error('Controller event handler failed', {
            kind,
            object: namespace ? `${namespace}/${name}` : name,
            err,
          });
        }
      }),
  };
}

/** The value when it is an array, else an empty one (status fields may hold anything). */
export function arrayOf<T = Record<string, unknown>>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
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

/**
 * Most pods one workload may ask for. Above it the simulator would only exhaust memory (a real
 * cluster would leave the excess Pending for lack of nodes), so controllers clamp and log.
 */
export const MAX_WORKLOAD_REPLICAS = 10_000;

/**
 * `spec.replicas` of a workload: the default when absent, undefined (and logged) when it is not
 * a non-negative integer, clamped to MAX_WORKLOAD_REPLICAS.
 */
export function desiredReplicas(ctx: ControllerContext, obj: KubeObject, def = 1): number | undefined {
  const v: unknown = obj.spec?.replicas;
  const what = `${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name}`;
  if (v === undefined || v === null) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    ctx.log.error('Ignoring invalid spec.replicas', { object: what, replicas: String(v) });
    return undefined;
  }
  if (v > MAX_WORKLOAD_REPLICAS) {
    ctx.log.error('Clamping spec.replicas', { object: what, replicas: v, max: MAX_WORKLOAD_REPLICAS });
    return MAX_WORKLOAD_REPLICAS;
  }
  return v;
}

/** Controller-owned pods still counted toward replicas (not terminating, not finished). */
export function isActivePod(p: KubeObject): boolean {
  const phase = p.status?.phase;
  return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function isReadyPod(p: KubeObject): boolean {
  return arrayOf<{ type?: unknown; status?: unknown }>(p.status?.conditions).some(
    (c) => c?.type === 'Ready' && c.status === 'True',
  );
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
