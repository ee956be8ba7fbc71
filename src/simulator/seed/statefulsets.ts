/**
 * Seeded StatefulSets: ordinal pods, one PersistentVolumeClaim per pod from the volume claim
 * template, each bound to a dynamically provisioned PersistentVolume of the default
 * StorageClass and attached (VolumeAttachment) to the pod's node.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import { templateHash } from '../controllers/pod-template.ts';
import { type AppProfile, podTemplate } from './apps.ts';
import { createdAfter, podReady, type SeededWorkload, seedPod, servicePodState } from './pods.ts';
import { ownerRef, type SeedContext } from './seed-context.ts';

export const STORAGE_CLASS = 'standard';
export const CSI_DRIVER = 'csi.sim.kube-metrics.io';

export function generateStatefulSet(
  ctx: SeedContext,
  namespace: string,
  name: string,
  profile: AppProfile,
  replicas: number,
): SeededWorkload {
  const { rnd } = ctx;
  const labels = { app: name, 'app.kubernetes.io/name': profile.base };
  const template = podTemplate(profile, labels, rnd);
  const size = rnd.pick(['10Gi', '20Gi', '50Gi', '100Gi']);
  (template.spec.containers as Record<string, unknown>[])[0]!.volumeMounts = [
    { name: 'data', mountPath: '/var/lib/data' },
  ];
  const createdMs = ctx.now - rnd.int(86400, 120 * 86400) * 1000;
  const revision = `${name}-${templateHash(template).slice(0, 10)}`;
  const sts: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace, uid: rnd.uuid(), generation: 1, creationTimestamp: rfc3339(createdMs), labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      serviceName: name,
      template,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: STORAGE_CLASS,
            volumeMode: 'Filesystem',
            resources: { requests: { storage: size } },
          },
        },
      ],
    },
  };
  ctx.out.push(sts);
  const owner = ownerRef(sts);
  const pods: KubeObject[] = [];
  for (let i = 0; i < replicas; i++) {
    const podName = `${name}-${i}`;
    const claimName = `data-${podName}`;
    const createdAt = createdAfter(ctx, createdMs);
    const pod = seedPod(ctx, {
      name: podName,
      namespace,
      template: {
        metadata: template.metadata,
        spec: {
          ...template.spec,
          hostname: podName,
          subdomain: name,
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
        },
      },
      owner,
      labels: {
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': podName,
      },
      createdAt,
      state: servicePodState(ctx),
    });
    pods.push(pod);
    const pvcUid = rnd.uuid();
    const pvName = `pvc-${pvcUid}`;
    const created = rfc3339(createdAt);
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName,
        namespace,
        uid: pvcUid,
        creationTimestamp: created,
        labels: { app: name },
        annotations: {
          'pv.kubernetes.io/bind-completed': 'yes',
          'pv.kubernetes.io/bound-by-controller': 'yes',
          'volume.beta.kubernetes.io/storage-provisioner': CSI_DRIVER,
          'volume.kubernetes.io/storage-provisioner': CSI_DRIVER,
        },
        finalizers: ['kubernetes.io/pvc-protection'],
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: size } },
        storageClassName: STORAGE_CLASS,
        volumeMode: 'Filesystem',
        volumeName: pvName,
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: size } },
    });
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        uid: rnd.uuid(),
        creationTimestamp: created,
        annotations: { 'pv.kubernetes.io/provisioned-by': CSI_DRIVER },
        finalizers: ['kubernetes.io/pv-protection'],
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: size },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claimName, namespace, uid: pvcUid },
        csi: { driver: CSI_DRIVER, fsType: 'ext4', volumeHandle: `vol-${pvcUid.slice(0, 8)}` },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: STORAGE_CLASS,
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound', lastPhaseTransitionTime: created },
    });
    if (pod.spec.nodeName) {
      ctx.out.push({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'VolumeAttachment',
        metadata: { name: `csi-${pvcUid.replaceAll('-', '')}`, uid: rnd.uuid(), creationTimestamp: created },
        spec: { attacher: CSI_DRIVER, nodeName: pod.spec.nodeName, source: { persistentVolumeName: pvName } },
        status: { attached: true },
      });
    }
  }
  const ready = pods.filter(podReady).length;
  sts.status = {
    observedGeneration: 1,
    replicas,
    readyReplicas: ready,
    currentReplicas: replicas,
    updatedReplicas: replicas,
    availableReplicas: ready,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
  return { kind: 'StatefulSet', obj: sts, namespace, name, selector: { app: name }, pods, profile };
}
