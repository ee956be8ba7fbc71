/**
 * ReplicaSet controller: keeps the number of active pods owned by each ReplicaSet equal to
 * `spec.replicas` and reports counts in its status. Pods it deletes go in the order the real
 * controller prefers: unscheduled, then not ready, then the newest.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ClusterChange } from '../apiserver/cluster-state.ts';
import {
  type ControllerContext,
  desiredReplicas,
  isActivePod,
  isReadyPod,
  ownerRefTo,
  sameJson,
  startPod,
} from './controller-context.ts';
import { WorkQueue } from './work-queue.ts';

/** Pods created per reconcile; larger scale-ups continue on the next turn (like slow-start batches). */
const MAX_BURST = 500;

function deletionRank(p: KubeObject): number {
  if (!p.spec?.nodeName) return 0;
  if (p.status?.phase === 'Pending') return 1;
  if (!isReadyPod(p)) return 2;
  return 3;
}

export function replicaSetStatus(rs: KubeObject, active: KubeObject[]): Record<string, unknown> {
  const ready = active.filter(isReadyPod).length;
  return {
    replicas: active.length,
    fullyLabeledReplicas: active.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
}

export function startReplicaSetController(ctx: ControllerContext): { stop(): void; pending(): number } {
  const { state, index } = ctx;
  const queue = new WorkQueue({
    process: (key) => reconcile(key),
    onError: (key, err) => ctx.log.error('Failed to sync ReplicaSet', { replicaSet: key, err }),
  });

  function reconcile(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const rs = state.get('apps/v1', 'ReplicaSet', namespace, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const uid = rs.metadata.uid ?? '';
    const desired = desiredReplicas(ctx, rs);
    if (desired === undefined) return;
    let active = index.owned(uid).filter(isActivePod);
    const diff = desired - active.length;
    if (diff > 0) {
      const owner = ownerRefTo(rs);
      const burst = Math.min(diff, MAX_BURST);
      for (let i = 0; i < burst; i++) {
        const podName = uniqueName(namespace, name);
        startPod(ctx, rs.spec.template ?? {}, { name: podName, namespace, owner });
      }
      if (diff > burst) queue.add(key);
      ctx.log.v(4, 'Scaled up ReplicaSet', { replicaSet: key, created: burst });
    } else if (diff < 0) {
      const victims = [...active]
        .sort(
          (a, b) =>
            deletionRank(a) - deletionRank(b) ||
            (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''),
        )
        .slice(0, -diff);
      for (const p of victims) state.delete('v1', 'Pod', namespace, p.metadata.name ?? '');
      ctx.log.v(4, 'Scaled down ReplicaSet', { replicaSet: key, deleted: victims.length });
    }
    active = index.owned(uid).filter(isActivePod);
    const status = replicaSetStatus(rs, active);
    if (!sameJson(status, rs.status)) state.updateStatus({ ...rs, status });
  }

  function uniqueName(namespace: string, base: string): string {
    for (;;) {
      const name = `${base}-${ctx.rnd.suffix()}`;
      if (!state.get('v1', 'Pod', namespace, name)) return name;
    }
  }

  const onPod = (c: ClusterChange) => {
    for (const obj of c.previous ? [c.object, c.previous] : [c.object]) {
      const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
      if (ref?.kind === 'ReplicaSet') queue.add(`${obj.metadata.namespace}/${ref.name}`);
    }
  };
  const unsubscribe = [
    state.subscribe('apps/v1', 'ReplicaSet', (c) => {
      if (c.type === 'DELETED') return;
      // Our own status writes come back as events; only spec changes (or new sets) need work.
      if (c.type === 'MODIFIED' && c.previous && sameJson(c.previous.spec, c.object.spec)) return;
      queue.add(`${c.object.metadata.namespace}/${c.object.metadata.name}`);
    }),
    state.subscribe('v1', 'Pod', onPod),
  ];
  return {
    stop() {
      for (const u of unsubscribe) u();
      queue.stop();
    },
    pending: () => queue.length,
  };
}
