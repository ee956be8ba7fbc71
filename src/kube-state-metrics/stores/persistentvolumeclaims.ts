/** `persistentvolumeclaims`: v1 PersistentVolumeClaim. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  arr,
  conditionTriplet,
  createdFamily,
  deletionTimestampMetric,
  gauge,
  labelsFamily,
  namespaceNameLabels,
  obj,
  quantityValue,
  sample,
  str,
} from './store-utils.ts';

const PHASES = ['Lost', 'Bound', 'Pending'] as const;

/** The beta storage-class annotation still wins over `spec.storageClassName`, as in Kubernetes. */
function storageClass(o: KubeObject): string {
  const annotations = obj(o?.metadata?.annotations);
  const beta = annotations['volume.beta.kubernetes.io/storage-class'];
  if (typeof beta === 'string') return beta;
  return str(obj(o?.spec).storageClassName);
}

export const persistentvolumeclaimsResource: ResourceDefinition = {
  name: 'persistentvolumeclaims',
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('persistentvolumeclaim'),
  families: ({ allowLabels, allowAnnotations }) => [
    labelsFamily('kube_persistentvolumeclaim_labels', 'STABLE', allowLabels),
    annotationsFamily('kube_persistentvolumeclaim_annotations', 'ALPHA', allowAnnotations),
    gauge('kube_persistentvolumeclaim_info', 'Information about persistent volume claim.', 'STABLE', (o) => {
      const spec = obj(o?.spec);
      return [
        sample(
          1,
          ['storageclass', 'volumename', 'volumemode'],
          [storageClass(o), str(spec.volumeName), str(spec.volumeMode)],
        ),
      ];
    }),
    gauge(
      'kube_persistentvolumeclaim_status_phase',
      'The phase the persistent volume claim is currently in.',
      'STABLE',
      (o) => {
        const phase = str(obj(o?.status).phase);
        if (phase === '') return [];
        return PHASES.map((p) => sample(phase === p ? 1 : 0, ['phase'], [p]));
      },
    ),
    gauge(
      'kube_persistentvolumeclaim_resource_requests_storage_bytes',
      'The capacity of storage requested by the persistent volume claim.',
      'STABLE',
      (o) => {
        const v = quantityValue(obj(obj(obj(o?.spec).resources).requests).storage);
        return v === undefined ? [] : [sample(v)];
      },
    ),
    gauge(
      'kube_persistentvolumeclaim_access_mode',
      'The access mode(s) specified by the persistent volume claim.',
      'STABLE',
      (o) => arr(obj(o?.spec).accessModes).map((mode) => sample(1, ['access_mode'], [str(mode)])),
    ),
    gauge(
      'kube_persistentvolumeclaim_status_condition',
      'Information about status of different conditions of persistent volume claim.',
      'ALPHA',
      (o) =>
        arr(obj(o?.status).conditions).flatMap((c) => {
          const cond = obj(c);
          return conditionTriplet(cond.status, ['condition', 'status'], [str(cond.type)]);
        }),
    ),
    createdFamily('kube_persistentvolumeclaim_created', 'ALPHA'),
    gauge('kube_persistentvolumeclaim_deletion_timestamp', 'Unix deletion timestamp', 'ALPHA', deletionTimestampMetric),
  ],
};
