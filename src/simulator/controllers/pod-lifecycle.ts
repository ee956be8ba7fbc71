/**
 * Scheduler and kubelet stand-in for pods created through the API (`kubectl create -f pod.yaml`):
 * a pod without `spec.nodeName` is bound to a Ready node after `bindDelayMs`, shows
 * ContainerCreating, and is Running `startDelayMs` later; a pod created already bound starts
 * directly. Pods that already carry a status (fixtures, seeded pods) are left alone. Protection
 * finalizers on PVCs and PVs are released on delete, standing in for their controllers.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ControllerContext, ControllerLogger } from './controller-context.ts';
import { buildPodStatus } from './pod-status.ts';

export interface PodLifecycleOptions {
  /** Delay before an unbound pod is bound to a node (ms, default 300). */
  bindDelayMs?: number;
  /** Delay from binding to Running (ms, default 700). */
  startDelayMs?: number;
}

const PROTECTION_FINALIZERS = new Set(['kubernetes.io/pvc-protection', 'kubernetes.io/pv-protection']);

/** True for a pod nobody has scheduled or started yet. */
function isFresh(p: KubeObject): boolean {
  if (p.metadata.deletionTimestamp) return false;
  const status = p.status ?? {};
  const conditions: unknown[] = status.conditions ?? [];
  return conditions.length === 0 && (status.phase === undefined || status.phase === 'Pending');
}

export function startPodLifecycle(
  ctx: ControllerContext,
  options: PodLifecycleOptions = {},
): { stop(): void; pending(): number } {
  const { state, index } = ctx;
  const bindDelay = options.bindDelayMs ?? 300;
  const startDelay = options.startDelayMs ?? 700;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (stopped) return;
      try {
        fn();
      } catch (err) {
        logError(ctx.log, err);
      }
    }, ms);
    t.unref();
    timers.add(t);
  };

  function current(p: KubeObject): KubeObject | undefined {
    const now = state.get('v1', 'Pod', p.metadata.namespace, p.metadata.name ?? '');
    return now && now.metadata.uid === p.metadata.uid ? now : undefined;
  }

  function bind(p: KubeObject): void {
    const pod = current(p);
    if (!pod || !isFresh(pod) || pod.spec?.nodeName) return;
    const node = index.pickNode();
    const now = ctx.now();
    if (!node) {
      state.updateStatus({ ...pod, status: buildPodStatus(ctx.rnd, pod, 'unschedulable', undefined, now, now) });
      return;
    }
    const bound: KubeObject = { ...pod, spec: { ...pod.spec, nodeName: node.name } };
    bound.status = buildPodStatus(
      ctx.rnd,
      bound,
      'creating',
      { nodeName: node.name, hostIP: node.hostIP, podIP: '' },
      now,
      now,
    );
    const stored = state.update(bound);
    ctx.log.v(2, 'Bound pod to node', { pod: `${pod.metadata.namespace}/${pod.metadata.name}`, node: node.name });
    later(startDelay, () => start(stored));
  }

  function start(p: KubeObject): void {
    const pod = current(p);
    const nodeName = pod?.spec?.nodeName as string | undefined;
    if (!pod || !nodeName || pod.metadata.deletionTimestamp) return;
    if (pod.status?.phase && pod.status.phase !== 'Pending') return;
    const node = index.node(nodeName);
    const podIP = node ? (pod.spec.hostNetwork ? node.hostIP : index.allocateIP(node)) : '';
    const now = ctx.now();
    const startedAt = pod.status?.startTime ? Date.parse(pod.status.startTime) : now;
    const status = buildPodStatus(
      ctx.rnd,
      pod,
      'running',
      { nodeName, hostIP: node?.hostIP ?? '', podIP },
      startedAt,
      now,
    );
    state.updateStatus({ ...pod, status });
  }

  const unsubscribe = [
    state.subscribe('v1', 'Pod', (c) => {
      if (c.type !== 'ADDED' || !isFresh(c.object)) return;
      const pod = c.object;
      if (pod.spec?.nodeName) later(startDelay, () => start(pod));
      else later(bindDelay, () => bind(pod));
    }),
    ...(['PersistentVolumeClaim', 'PersistentVolume'] as const).map((kind) =>
      state.subscribe('v1', kind, (c) => {
        const meta = c.object.metadata;
        if (c.type !== 'MODIFIED' || !meta.deletionTimestamp) return;
        const finalizers = meta.finalizers ?? [];
        if (!finalizers.some((f) => PROTECTION_FINALIZERS.has(f))) return;
        const rest = finalizers.filter((f) => !PROTECTION_FINALIZERS.has(f));
        later(0, () => {
          const obj = state.get('v1', kind, meta.namespace, meta.name ?? '');
          if (obj) state.update({ ...obj, metadata: { ...obj.metadata, finalizers: rest } });
        });
      }),
    ),
  ];
  return {
    stop() {
      stopped = true;
      for (const u of unsubscribe) u();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
    pending: () => timers.size,
  };
}

function logError(log: ControllerLogger, err: unknown): void {
  log.error('Pod lifecycle step failed', { err });
}
