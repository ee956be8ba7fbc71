/** `daemonsets` (apps/v1 DaemonSet): 13 families, default labels `namespace, daemonset`. */
import type { ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, gauge, labelsFamily, valueOrZero } from './family-builders.ts';
import { createdMetric, deletionTimestampMetric, namespaceNameLabels, obj } from './store-utils.ts';

export const daemonsetsResource: ResourceDefinition = {
  name: 'daemonsets',
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('daemonset'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_daemonset_created', 'STABLE', 'Unix creation timestamp', createdMetric),
    gauge(
      'kube_daemonset_status_current_number_scheduled',
      'STABLE',
      'The number of nodes running at least one daemon pod and are supposed to.',
      (d) => valueOrZero(obj(d.status).currentNumberScheduled),
    ),
    gauge(
      'kube_daemonset_status_desired_number_scheduled',
      'STABLE',
      'The number of nodes that should be running the daemon pod.',
      (d) => valueOrZero(obj(d.status).desiredNumberScheduled),
    ),
    gauge(
      'kube_daemonset_status_number_available',
      'STABLE',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available',
      (d) => valueOrZero(obj(d.status).numberAvailable),
    ),
    gauge(
      'kube_daemonset_status_number_misscheduled',
      'STABLE',
      'The number of nodes running a daemon pod but are not supposed to.',
      (d) => valueOrZero(obj(d.status).numberMisscheduled),
    ),
    gauge(
      'kube_daemonset_status_number_ready',
      'STABLE',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
      (d) => valueOrZero(obj(d.status).numberReady),
    ),
    gauge(
      'kube_daemonset_status_number_unavailable',
      'STABLE',
      'The number of nodes that should be running the daemon pod and have none of the daemon pod running and available',
      (d) => valueOrZero(obj(d.status).numberUnavailable),
    ),
    gauge(
      'kube_daemonset_status_observed_generation',
      'STABLE',
      'The most recent generation observed by the daemon set controller.',
      (d) => valueOrZero(obj(d.status).observedGeneration),
    ),
    gauge(
      'kube_daemonset_status_updated_number_scheduled',
      'STABLE',
      'The total number of nodes that are running updated daemon pod',
      (d) => valueOrZero(obj(d.status).updatedNumberScheduled),
    ),
    gauge(
      'kube_daemonset_metadata_generation',
      'STABLE',
      'Sequence number representing a specific generation of the desired state.',
      (d) => valueOrZero(d.metadata?.generation),
    ),
    gauge('kube_daemonset_deletion_timestamp', 'ALPHA', 'Unix deletion timestamp', deletionTimestampMetric),
    annotationsFamily('kube_daemonset_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_daemonset_labels', 'STABLE', allowLabels),
  ],
};
