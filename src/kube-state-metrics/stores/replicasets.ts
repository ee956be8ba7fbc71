/** `replicasets` (apps/v1 ReplicaSet): 11 families, default labels `namespace, replicaset`. */
import type { ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, gauge, labelsFamily, optionalValue, valueOrZero } from './family-builders.ts';
import { createdMetric, namespaceNameLabels, obj, ownerMetrics } from './store-utils.ts';

export const replicasetsResource: ResourceDefinition = {
  name: 'replicasets',
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('replicaset'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_replicaset_created', 'STABLE', 'Unix creation timestamp', createdMetric),
    gauge('kube_replicaset_status_replicas', 'STABLE', 'The number of replicas per ReplicaSet.', (r) =>
      valueOrZero(obj(r.status).replicas),
    ),
    gauge(
      'kube_replicaset_status_fully_labeled_replicas',
      'STABLE',
      'The number of fully labeled replicas per ReplicaSet.',
      (r) => valueOrZero(obj(r.status).fullyLabeledReplicas),
    ),
    gauge('kube_replicaset_status_ready_replicas', 'STABLE', 'The number of ready replicas per ReplicaSet.', (r) =>
      valueOrZero(obj(r.status).readyReplicas),
    ),
    gauge(
      'kube_replicaset_status_terminating_replicas',
      'ALPHA',
      'The number of terminating replicas per ReplicaSet.',
      (r) => optionalValue(obj(r.status).terminatingReplicas),
    ),
    gauge(
      'kube_replicaset_status_observed_generation',
      'STABLE',
      'The generation observed by the ReplicaSet controller.',
      (r) => valueOrZero(obj(r.status).observedGeneration),
    ),
    gauge('kube_replicaset_spec_replicas', 'STABLE', 'Number of desired pods for a ReplicaSet.', (r) =>
      optionalValue(obj(r.spec).replicas),
    ),
    gauge(
      'kube_replicaset_metadata_generation',
      'STABLE',
      'Sequence number representing a specific generation of the desired state.',
      (r) => valueOrZero(r.metadata?.generation),
    ),
    gauge('kube_replicaset_owner', 'STABLE', "Information about the ReplicaSet's owner.", ownerMetrics),
    annotationsFamily('kube_replicaset_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_replicaset_labels', 'STABLE', allowLabels),
  ],
};
