/** `deployments` (apps/v1 Deployment): 18 families, default labels `namespace, deployment`. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  gauge,
  labelsFamily,
  optionalValue,
  timestampValue,
  valueOrZero,
} from './family-builders.ts';
import { scaledIntOrPercent } from './int-or-percent.ts';
import {
  arr,
  boolValue,
  conditionTriplet,
  createdMetric,
  namespaceNameLabels,
  num,
  obj,
  sample,
  str,
} from './store-utils.ts';

/**
 * Reasons the deployment controller sets on its conditions. Anything else becomes `unknown`, which
 * keeps the `reason` label's cardinality bounded when users or other controllers write free text.
 */
const DEPLOYMENT_REASONS = new Set([
  'ReplicaSetUpdated',
  'ReplicaSetCreateError',
  'NewReplicaSetCreated',
  'FoundNewReplicaSet',
  'NewReplicaSetAvailable',
  'ProgressDeadlineExceeded',
  'DeploymentPaused',
  'DeploymentResumed',
  'MinimumReplicasAvailable',
  'MinimumReplicasUnavailable',
  '',
]);

function conditionMetrics(d: KubeObject): Metric[] {
  const out: Metric[] = [];
  for (const c of arr(obj(d.status).conditions)) {
    const cond = obj(c);
    const reason = DEPLOYMENT_REASONS.has(str(cond.reason)) ? str(cond.reason) : 'unknown';
    out.push(...conditionTriplet(cond.status, ['reason', 'condition', 'status'], [reason, str(cond.type)]));
  }
  return out;
}

/** maxUnavailable rounds down and maxSurge up, as the deployment controller does. */
function rollingUpdate(d: KubeObject, field: 'maxUnavailable' | 'maxSurge'): Metric[] {
  const spec = obj(d.spec);
  const replicas = num(spec.replicas);
  const ru = obj(spec.strategy).rollingUpdate;
  if (ru === undefined || ru === null || replicas === undefined) return [];
  const v = scaledIntOrPercent(obj(ru)[field], replicas, field === 'maxSurge');
  return v === undefined ? [] : [sample(v)];
}

function ownerMetrics(d: KubeObject): Metric[] {
  const keys = ['owner_kind', 'owner_name'];
  const owners = arr(d.metadata?.ownerReferences);
  if (owners.length === 0) return [sample(1, keys, ['', ''])];
  return owners.map((o) => sample(1, keys, [str(obj(o).kind), str(obj(o).name)]));
}

export const deploymentsResource: ResourceDefinition = {
  name: 'deployments',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('deployment'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_deployment_owner', 'ALPHA', "Information about the Deployment's owner.", ownerMetrics),
    gauge('kube_deployment_created', 'STABLE', 'Unix creation timestamp', createdMetric),
    gauge('kube_deployment_status_replicas', 'STABLE', 'The number of replicas per deployment.', (d) =>
      valueOrZero(obj(d.status).replicas),
    ),
    gauge('kube_deployment_status_replicas_ready', 'STABLE', 'The number of ready replicas per deployment.', (d) =>
      valueOrZero(obj(d.status).readyReplicas),
    ),
    gauge(
      'kube_deployment_status_replicas_available',
      'STABLE',
      'The number of available replicas per deployment.',
      (d) => valueOrZero(obj(d.status).availableReplicas),
    ),
    gauge(
      'kube_deployment_status_replicas_unavailable',
      'STABLE',
      'The number of unavailable replicas per deployment.',
      (d) => valueOrZero(obj(d.status).unavailableReplicas),
    ),
    gauge('kube_deployment_status_replicas_updated', 'STABLE', 'The number of updated replicas per deployment.', (d) =>
      valueOrZero(obj(d.status).updatedReplicas),
    ),
    gauge(
      'kube_deployment_status_terminating_replicas',
      'ALPHA',
      'The number of terminating replicas per deployment.',
      (d) => optionalValue(obj(d.status).terminatingReplicas),
    ),
    gauge(
      'kube_deployment_status_observed_generation',
      'STABLE',
      'The generation observed by the deployment controller.',
      (d) => valueOrZero(obj(d.status).observedGeneration),
    ),
    gauge(
      'kube_deployment_status_condition',
      'STABLE',
      'The current status conditions of a deployment.',
      conditionMetrics,
    ),
    gauge('kube_deployment_spec_replicas', 'STABLE', 'Number of desired pods for a deployment.', (d) =>
      optionalValue(obj(d.spec).replicas),
    ),
    gauge(
      'kube_deployment_spec_paused',
      'STABLE',
      'Whether the deployment is paused and will not be processed by the deployment controller.',
      (d) => [sample(boolValue(obj(d.spec).paused))],
    ),
    gauge(
      'kube_deployment_spec_strategy_rollingupdate_max_unavailable',
      'STABLE',
      'Maximum number of unavailable replicas during a rolling update of a deployment.',
      (d) => rollingUpdate(d, 'maxUnavailable'),
    ),
    gauge(
      'kube_deployment_spec_strategy_rollingupdate_max_surge',
      'STABLE',
      'Maximum number of replicas that can be scheduled above the desired number of replicas during a rolling update of a deployment.',
      (d) => rollingUpdate(d, 'maxSurge'),
    ),
    gauge(
      'kube_deployment_metadata_generation',
      'STABLE',
      'Sequence number representing a specific generation of the desired state.',
      (d) => valueOrZero(d.metadata?.generation),
    ),
    gauge('kube_deployment_deletion_timestamp', 'ALPHA', 'Unix deletion timestamp', (d) =>
      timestampValue(d.metadata?.deletionTimestamp),
    ),
    annotationsFamily('kube_deployment_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_deployment_labels', 'STABLE', allowLabels),
  ],
};
