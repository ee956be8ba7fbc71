/** `mutatingadmissionpolicies`: admissionregistration.k8s.io/v1 MutatingAdmissionPolicy (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { namespacedClusterLabels } from './admission-policy-labels.ts';
import { createdFamily, gauge, obj, sample, str } from './store-utils.ts';

export const mutatingadmissionpoliciesResource: ResourceDefinition = {
  name: 'mutatingadmissionpolicies',
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'MutatingAdmissionPolicy',
  resource: 'mutatingadmissionpolicies',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: namespacedClusterLabels('mutatingadmissionpolicy'),
  families: () => [
    gauge('kube_mutatingadmissionpolicy_info', 'Information about the MutatingAdmissionPolicy.', 'ALPHA', (o) => {
      const spec = obj(o?.spec);
      const paramKind = obj(spec.paramKind);
      return [
        sample(
          1,
          ['param_api_version', 'param_kind', 'failure_policy', 'reinvocation_policy'],
          [str(paramKind.apiVersion), str(paramKind.kind), str(spec.failurePolicy), str(spec.reinvocationPolicy)],
        ),
      ];
    }),
    createdFamily('kube_mutatingadmissionpolicy_created', 'ALPHA', 'Unix creation timestamp.'),
  ],
};
