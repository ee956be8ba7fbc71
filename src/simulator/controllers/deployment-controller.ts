/**
 * Deployment controller: one ReplicaSet per pod template (named by `pod-template-hash`); the
 * current one gets `spec.replicas`, older ones are scaled to zero and pruned beyond
 * `revisionHistoryLimit`. The rollout is immediate rather than surge-by-surge: watchers still
 * see a new ReplicaSet, new pods and old pods going away, which is what churn needs.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { type ControllerContext, desiredReplicas, ownerRefTo, sameJson } from './controller-context.ts';
import { rfc3339 } from './pod-status.ts';
import { templateHash } from './pod-template.ts';
import { WorkQueue } from './work-queue.ts';

const REVISION = 'deployment.kubernetes.io/revision';

function revisionOf(obj: KubeObject): number {
  const n = Number.parseInt(obj.metadata.annotations?.[REVISION] ?? '0', 10);
  return Number.isFinite(n) ? n : 0;
}

function condition(type: string, status: string, reason: string, message: string, at: string) {
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

export function startDeploymentController(ctx: ControllerContext): { stop(): void; pending(): number } {
  const { state } = ctx;
  const queue = new WorkQueue({
    process: (key) => reconcile(key),
    onError: (key, err) => ctx.log.error('Failed to sync Deployment', { deployment: key, err }),
  });

  function reconcile(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const d = state.get('apps/v1', 'Deployment', namespace, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const uid = d.metadata.uid ?? '';
    const desired = desiredReplicas(ctx, d);
    if (desired === undefined) return;
    const template = d.spec?.template ?? {};
    const hash = templateHash(template);
    const owned = state
      .list('apps/v1', 'ReplicaSet', namespace)
      .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller));
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    let revision = current ? revisionOf(current) : maxRevision + 1;

    if (!current) {
      const labels = { ...template.metadata?.labels, 'pod-template-hash': hash };
      const selector = {
        ...d.spec?.selector,
        matchLabels: { ...d.spec?.selector?.matchLabels, 'pod-template-hash': hash },
      };
      current = state.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-${hash}`,
          namespace,
          labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(desired),
            'deployment.kubernetes.io/max-replicas': String(desired + Math.ceil(desired / 4)),
            [REVISION]: String(revision),
          },
          ownerReferences: [ownerRefTo(d)],
        },
        spec: { replicas: desired, selector, template: { ...template, metadata: { ...template.metadata, labels } } },
      });
      ctx.log.v(2, 'Created new ReplicaSet', { deployment: key, replicaSet: current.metadata.name });
    } else if (current.spec?.replicas !== desired) {
      current = state.update({
        ...current,
        metadata: {
          ...current.metadata,
          annotations: {
            ...current.metadata.annotations,
            'deployment.kubernetes.io/desired-replicas': String(desired),
          },
        },
        spec: { ...current.spec, replicas: desired },
      });
    }
    const old = owned.filter((rs) => rs.metadata.uid !== current?.metadata.uid);
    for (const rs of old) {
      if (rs.spec?.replicas !== 0) state.update({ ...rs, spec: { ...rs.spec, replicas: 0 } });
    }
    const limit = typeof d.spec?.revisionHistoryLimit === 'number' ? d.spec.revisionHistoryLimit : 10;
    const prunable = old.sort((a, b) => revisionOf(a) - revisionOf(b)).slice(0, Math.max(0, old.length - limit));
    for (const rs of prunable) state.delete('apps/v1', 'ReplicaSet', namespace, rs.metadata.name ?? '');

    revision = revisionOf(current);
    if (revisionOf(d) !== revision) {
      const annotations = { ...d.metadata.annotations, [REVISION]: String(revision) };
      state.update({ ...d, metadata: { ...d.metadata, annotations } });
    }
    writeStatus(key, namespace, name, current);
  }

  function writeStatus(key: string, namespace: string, name: string, current: KubeObject): void {
    const d = state.get('apps/v1', 'Deployment', namespace, name);
    if (!d) return;
    const desired = typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1;
    const uid = d.metadata.uid ?? '';
    const sets = state
      .list('apps/v1', 'ReplicaSet', namespace)
      .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller));
    const sum = (f: (rs: KubeObject) => number) => sets.reduce((n, rs) => n + f(rs), 0);
    const replicas = sum((rs) => rs.status?.replicas ?? 0);
    const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const cur = sets.find((rs) => rs.metadata.uid === current.metadata.uid) ?? current;
    const updated = cur.status?.replicas ?? 0;
    const previous: { type: string; status: string; lastTransitionTime: string }[] = d.status?.conditions ?? [];
    const at = rfc3339(ctx.now());
    const keep = (type: string, status: string) => {
      const p = previous.find((c) => c.type === type);
      return p && p.status === status ? p.lastTransitionTime : at;
    };
    const availableOk = available >= desired - Math.floor(desired / 4) ? 'True' : 'False';
    const complete = updated === desired && replicas === desired && available === desired;
    const progressingReason = complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated';
    const progressingMessage = complete
      ? `ReplicaSet "${cur.metadata.name}" has successfully progressed.`
      : `ReplicaSet "${cur.metadata.name}" is progressing.`;
    const status: Record<string, unknown> = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      ...(desired - available > 0 ? { unavailableReplicas: desired - available } : {}),
      conditions: [
        {
          ...condition(
            'Available',
            availableOk,
            availableOk === 'True' ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
            availableOk === 'True'
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
            at,
          ),
          lastTransitionTime: keep('Available', availableOk),
        },
        {
          ...condition('Progressing', 'True', progressingReason, progressingMessage, at),
          lastTransitionTime: keep('Progressing', 'True'),
        },
      ],
    };
    // Timestamps alone never justify a write, or every reconcile would emit an event.
    const comparable = (s: unknown) => JSON.stringify(s, (k, v) => (k.endsWith('Time') ? undefined : v));
    if (comparable(status) !== comparable(d.status)) state.updateStatus({ ...d, status });
    ctx.log.v(5, 'Synced Deployment status', { deployment: key });
  }

  const unsubscribe = [
    state.subscribe('apps/v1', 'Deployment', (c) => {
      if (c.type === 'DELETED') return;
      if (c.type === 'MODIFIED' && c.previous && sameJson(c.previous.spec, c.object.spec)) return;
      queue.add(`${c.object.metadata.namespace}/${c.object.metadata.name}`);
    }),
    state.subscribe('apps/v1', 'ReplicaSet', (c) => {
      const ref = c.object.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
      if (ref && c.type !== 'DELETED') statusQueue.add(`${c.object.metadata.namespace}/${ref.name}`);
    }),
  ];
  // ReplicaSet status changes only refresh the Deployment's status; they never rescale.
  const statusQueue = new WorkQueue({
    process: (key) => {
      const [namespace, name] = key.split('/') as [string, string];
      const d = state.get('apps/v1', 'Deployment', namespace, name);
      if (!d) return;
      const hash = templateHash(d.spec?.template ?? {});
      const current = state
        .list('apps/v1', 'ReplicaSet', namespace)
        .find(
          (rs) =>
            rs.metadata.labels?.['pod-template-hash'] === hash &&
            rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid),
        );
      if (current) writeStatus(key, namespace, name, current);
    },
    onError: (key, err) => ctx.log.error('Failed to update Deployment status', { deployment: key, err }),
  });
  return {
    stop() {
      for (const u of unsubscribe) u();
      queue.stop();
      statusQueue.stop();
    },
    pending: () => queue.length + statusQueue.length,
  };
}
