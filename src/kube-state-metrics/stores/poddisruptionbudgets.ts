/** `poddisruptionbudgets`: policy/v1 PodDisruptionBudget. Status counts default to 0 like Go's int32. */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  deletionTimestampMetric,
  gauge,
  intOrZero,
  labelsFamily,
  namespaceNameLabels,
  obj,
  sample,
} from './store-utils.ts';

function statusGauge(name: string, help: string, field: string) {
  return gauge(name, help, 'STABLE', (o) => [sample(intOrZero(obj(o?.status)[field]))]);
}

export const poddisruptionbudgetsResource: ResourceDefinition = {
  name: 'poddisruptionbudgets',
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  resource: 'poddisruptionbudgets',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('poddisruptionbudget'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_poddisruptionbudget_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_poddisruptionbudget_labels', 'ALPHA', allowLabels),
    createdFamily('kube_poddisruptionbudget_created', 'STABLE'),
    statusGauge('kube_poddisruptionbudget_status_current_healthy', 'Current number of healthy pods', 'currentHealthy'),
    statusGauge(
      'kube_poddisruptionbudget_status_desired_healthy',
      'Minimum desired number of healthy pods',
      'desiredHealthy',
    ),
    statusGauge(
      'kube_poddisruptionbudget_status_pod_disruptions_allowed',
      'Number of pod disruptions that are currently allowed',
      'disruptionsAllowed',
    ),
    statusGauge(
      'kube_poddisruptionbudget_status_expected_pods',
      'Total number of pods counted by this disruption budget',
      'expectedPods',
    ),
    statusGauge(
      'kube_poddisruptionbudget_status_observed_generation',
      'Most recent generation observed when updating this PDB status',
      'observedGeneration',
    ),
    gauge('kube_poddisruptionbudget_deletion_timestamp', 'Unix deletion timestamp', 'ALPHA', deletionTimestampMetric),
  ],
};
