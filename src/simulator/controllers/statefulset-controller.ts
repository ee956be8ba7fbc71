/**
 * StatefulSet controller: pods `<name>-0 .. <name>-(replicas-1)`, created lowest ordinal first
 * and removed highest first, each with its PersistentVolumeClaims from `volumeClaimTemplates`
 * (created Bound to a new PersistentVolume, and kept on scale-down as the default retention
 * policy does).
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
import { templateHash } from './pod-template.ts';
import { WorkQueue } from './work-queue.ts';

function ensureClaims(ctx: ControllerContext, sts: KubeObject, podName: string): Record<string, unknown>[] {
  const namespace = sts.metadata.namespace ?? '';
  const volumes: Record<string, unknown>[] = [];
  for (const t of (sts.spec?.volumeClaimTemplates ?? []) as KubeObject[]) {
    const claimName = `${t.metadata?.name}-${podName}`;
    volumes.push({ name: t.metadata?.name, persistentVolumeClaim: { claimName } });
    if (ctx.state.get('v1', 'PersistentVolumeClaim', namespace, claimName)) continue;
    const size = t.spec?.resources?.requests?.storage ?? '1Gi';
    const accessModes = t.spec?.accessModes ?? ['ReadWriteOnce'];
    const pvc = ctx.state.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claimName, namespace, labels: { ...sts.spec?.selector?.matchLabels } },
      spec: { ...t.spec, accessModes, resources: { requests: { storage: size } } },
    });
    const pvName = `pvc-${pvc.metadata.uid}`;
    ctx.state.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName },
      spec: {
        accessModes,
        capacity: { storage: size },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: claimName,
          namespace,
          uid: pvc.metadata.uid,
        },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: t.spec?.storageClassName ?? 'standard',
        volumeMode: 'Filesystem',
        csi: { driver: 'csi.sim.kube-metrics.io', volumeHandle: `vol-${pvc.metadata.uid?.slice(0, 8)}` },
      },
      status: { phase: 'Bound' },
    });
    ctx.state.update({
      ...pvc,
      spec: { ...pvc.spec, volumeName: pvName },
      status: { phase: 'Bound', accessModes, capacity: { storage: size } },
    });
  }
  return volumes;
}

export function startStatefulSetController(ctx: ControllerContext): { stop(): void; pending(): number } {
  const { state, index } = ctx;
  const queue = new WorkQueue({
    process: (key) => reconcile(key),
    onError: (key, err) => ctx.log.error('Failed to sync StatefulSet', { statefulSet: key, err }),
  });

  function reconcile(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const sts = state.get('apps/v1', 'StatefulSet', namespace, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const desired = desiredReplicas(ctx, sts);
    if (desired === undefined) return;
    const revision = `${name}-${templateHash(sts.spec?.template ?? {})}`;
    const owned = index.owned(sts.metadata.uid ?? '');
    const byName = new Map(owned.map((p) => [p.metadata.name, p]));
    const owner = ownerRefTo(sts);
    for (let i = 0; i < desired; i++) {
      const podName = `${name}-${i}`;
      if (byName.has(podName)) continue;
      const template = sts.spec?.template ?? {};
      const volumes = ensureClaims(ctx, sts, podName);
      startPod(
        ctx,
        {
          ...template,
          spec: {
            ...template.spec,
            hostname: podName,
            subdomain: sts.spec?.serviceName,
            volumes: [...(template.spec?.volumes ?? []), ...volumes],
          },
        },
        {
          name: podName,
          namespace,
          owner,
          labels: {
            'apps.kubernetes.io/pod-index': String(i),
            'controller-revision-hash': revision,
            'statefulset.kubernetes.io/pod-name': podName,
          },
        },
      );
    }
    const extra = owned
      .map((p) => ({ p, ordinal: Number(p.metadata.name?.slice(name.length + 1)) }))
      .filter((x) => !Number.isInteger(x.ordinal) || x.ordinal >= desired)
      .sort((a, b) => b.ordinal - a.ordinal);
    for (const { p } of extra) state.delete('v1', 'Pod', namespace, p.metadata.name ?? '');

    const active = index.owned(sts.metadata.uid ?? '').filter(isActivePod);
    const ready = active.filter(isReadyPod).length;
    const status = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: active.length,
      readyReplicas: ready,
      currentReplicas: active.length,
      updatedReplicas: active.length,
      availableReplicas: ready,
      currentRevision: sts.status?.currentRevision ?? revision,
      updateRevision: sts.status?.updateRevision ?? revision,
      collisionCount: 0,
    };
    if (!sameJson(status, sts.status)) state.updateStatus({ ...sts, status });
  }

  const unsubscribe = [
    state.subscribe('apps/v1', 'StatefulSet', (c) => {
      if (c.type === 'DELETED') return;
      if (c.type === 'MODIFIED' && c.previous && sameJson(c.previous.spec, c.object.spec)) return;
      queue.add(`${c.object.metadata.namespace}/${c.object.metadata.name}`);
    }),
    state.subscribe('v1', 'Pod', (c: ClusterChange) => {
      const ref = c.object.metadata.ownerReferences?.find((r) => r.controller);
      if (ref?.kind === 'StatefulSet') queue.add(`${c.object.metadata.namespace}/${ref.name}`);
    }),
  ];
  return {
    stop() {
      for (const u of unsubscribe) u();
      queue.stop();
    },
    pending: () => queue.length,
  };
}
