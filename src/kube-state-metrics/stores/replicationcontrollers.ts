/** `replicationcontrollers`: v1 ReplicationController. No label/annotation allowlist families upstream. */
import type { ResourceDefinition } from '../metric/family.ts';
import { createdFamily, gauge, intOrZero, namespaceNameLabels, num, obj, ownerMetrics, sample } from './store-utils.ts';

function statusGauge(name: string, help: string, field: string) {
  return gauge(name, help, 'STABLE', (o) => [sample(intOrZero(obj(o?.status)[field]))]);
}

export const replicationcontrollersResource: ResourceDefinition = {
  name: 'replicationcontrollers',
  apiVersion: 'v1',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('replicationcontroller'),
  families: () => [
    createdFamily('kube_replicationcontroller_created', 'STABLE'),
    statusGauge(
      'kube_replicationcontroller_status_replicas',
      'The number of replicas per ReplicationController.',
      'replicas',
    ),
    statusGauge(
      'kube_replicationcontroller_status_fully_labeled_replicas',
      'The number of fully labeled replicas per ReplicationController.',
      'fullyLabeledReplicas',
    ),
    statusGauge(
      'kube_replicationcontroller_status_ready_replicas',
      'The number of ready replicas per ReplicationController.',
      'readyReplicas',
    ),
    statusGauge(
      'kube_replicationcontroller_status_available_replicas',
      'The number of available replicas per ReplicationController.',
      'availableReplicas',
    ),
    statusGauge(
      'kube_replicationcontroller_status_observed_generation',
      'The generation observed by the ReplicationController controller.',
      'observedGeneration',
    ),
    gauge(
      'kube_replicationcontroller_spec_replicas',
      'Number of desired pods for a ReplicationController.',
      'STABLE',
      (o) => {
        const replicas = num(obj(o?.spec).replicas);
        return replicas === undefined ? [] : [sample(replicas)];
      },
    ),
    gauge(
      'kube_replicationcontroller_metadata_generation',
      'Sequence number representing a specific generation of the desired state.',
      'STABLE',
      (o) => [sample(intOrZero(o?.metadata?.generation))],
    ),
    gauge(
      'kube_replicationcontroller_owner',
      "Information about the ReplicationController's owner.",
      'ALPHA',
      ownerMetrics,
    ),
  ],
};
