/** `networkpolicies`: networking.k8s.io/v1 NetworkPolicy. */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  arr,
  gauge,
  labelsFamily,
  namespaceNameLabels,
  obj,
  sample,
  timestampSeconds,
} from './store-utils.ts';

/** Go's zero `time.Time` in Unix seconds (0001-01-01T00:00:00Z). */
const GO_ZERO_TIME_SECONDS = -62135596800;

export const networkpoliciesResource: ResourceDefinition = {
  name: 'networkpolicies',
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('networkpolicy'),
  families: ({ allowLabels, allowAnnotations }) => [
    // Unlike every other `_created`, upstream emits this one even without a timestamp (Go's zero time).
    gauge('kube_networkpolicy_created', 'Unix creation timestamp of network policy', 'ALPHA', (o) => [
      sample(timestampSeconds(o?.metadata?.creationTimestamp) ?? GO_ZERO_TIME_SECONDS),
    ]),
    annotationsFamily('kube_networkpolicy_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_networkpolicy_labels', 'ALPHA', allowLabels),
    gauge('kube_networkpolicy_spec_ingress_rules', 'Number of ingress rules on the networkpolicy', 'ALPHA', (o) => [
      sample(arr(obj(o?.spec).ingress).length),
    ]),
    gauge('kube_networkpolicy_spec_egress_rules', 'Number of egress rules on the networkpolicy', 'ALPHA', (o) => [
      sample(arr(obj(o?.spec).egress).length),
    ]),
  ],
};
