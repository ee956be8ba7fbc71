/** `statefulsets` (apps/v1 StatefulSet): 16 families, default labels `namespace, statefulset`. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, gauge, labelsFamily, optionalValue, valueOrZero } from './family-builders.ts';
import { createdMetric, deletionTimestampMetric, namespaceNameLabels, num, obj, sample, str } from './store-utils.ts';

function retentionPolicy(s: KubeObject): Metric[] {
  const policy = obj(obj(s.spec).persistentVolumeClaimRetentionPolicy);
  const whenDeleted = str(policy.whenDeleted);
  const whenScaled = str(policy.whenScaled);
  if (whenDeleted === '' && whenScaled === '') return [];
  return [sample(1, ['when_deleted', 'when_scaled'], [whenDeleted, whenScaled])];
}

/** `spec.ordinals` is optional; when present its `start` defaults to 0. */
function ordinalsStart(s: KubeObject): Metric[] {
  const ordinals = obj(s.spec).ordinals;
  if (ordinals === null || typeof ordinals !== 'object') return [];
  return [sample(num(obj(ordinals).start) ?? 0)];
}

export const statefulsetsResource: ResourceDefinition = {
  name: 'statefulsets',
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('statefulset'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_statefulset_created', 'STABLE', 'Unix creation timestamp', createdMetric),
    gauge('kube_statefulset_status_replicas', 'STABLE', 'The number of replicas per StatefulSet.', (s) =>
      valueOrZero(obj(s.status).replicas),
    ),
    gauge(
      'kube_statefulset_status_replicas_available',
      'STABLE',
      'The number of available replicas per StatefulSet.',
      (s) => valueOrZero(obj(s.status).availableReplicas),
    ),
    gauge(
      'kube_statefulset_status_replicas_current',
      'STABLE',
      'The number of current replicas per StatefulSet.',
      (s) => valueOrZero(obj(s.status).currentReplicas),
    ),
    gauge('kube_statefulset_status_replicas_ready', 'STABLE', 'The number of ready replicas per StatefulSet.', (s) =>
      valueOrZero(obj(s.status).readyReplicas),
    ),
    gauge(
      'kube_statefulset_status_replicas_updated',
      'STABLE',
      'The number of updated replicas per StatefulSet.',
      (s) => valueOrZero(obj(s.status).updatedReplicas),
    ),
    gauge(
      'kube_statefulset_status_observed_generation',
      'STABLE',
      'The generation observed by the StatefulSet controller.',
      (s) => valueOrZero(obj(s.status).observedGeneration),
    ),
    gauge('kube_statefulset_replicas', 'STABLE', 'Number of desired pods for a StatefulSet.', (s) =>
      optionalValue(obj(s.spec).replicas),
    ),
    gauge('kube_statefulset_ordinals_start', 'STABLE', 'Start ordinal of the StatefulSet.', ordinalsStart),
    gauge(
      'kube_statefulset_metadata_generation',
      'STABLE',
      'Sequence number representing a specific generation of the desired state for the StatefulSet.',
      (s) => valueOrZero(s.metadata?.generation),
    ),
    gauge(
      'kube_statefulset_persistentvolumeclaim_retention_policy',
      'STABLE',
      'Count of retention policy for StatefulSet template PVCs',
      retentionPolicy,
    ),
    annotationsFamily('kube_statefulset_annotations', 'STABLE', allowAnnotations),
    labelsFamily('kube_statefulset_labels', 'STABLE', allowLabels),
    gauge(
      'kube_statefulset_status_current_revision',
      'STABLE',
      'Indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).',
      (s) => [sample(1, ['revision'], [str(obj(s.status).currentRevision)])],
    ),
    gauge(
      'kube_statefulset_status_update_revision',
      'STABLE',
      'Indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)',
      (s) => [sample(1, ['revision'], [str(obj(s.status).updateRevision)])],
    ),
    gauge('kube_statefulset_deletion_timestamp', 'STABLE', 'Unix deletion timestamp', deletionTimestampMetric),
  ],
};
