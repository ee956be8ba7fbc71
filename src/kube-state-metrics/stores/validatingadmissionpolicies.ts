/** `validatingadmissionpolicies`: admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { namespacedClusterLabels } from './admission-policy-labels.ts';
import { createdFamily, gauge, obj, sample, str } from './store-utils.ts';

export const validatingadmissionpoliciesResource: ResourceDefinition = {
  name: 'validatingadmissionpolicies',
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  resource: 'validatingadmissionpolicies',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: namespacedClusterLabels('validatingadmissionpolicy'),
  families: () => [
    gauge('kube_validatingadmissionpolicy_info', 'Information about the ValidatingAdmissionPolicy.', 'ALPHA', (o) => {
      const spec = obj(o?.spec);
      const paramKind = obj(spec.paramKind);
      return [
        sample(
          1,
          ['param_api_version', 'param_kind', 'failure_policy'],
          [str(paramKind.apiVersion), str(paramKind.kind), str(spec.failurePolicy)],
        ),
      ];
    }),
    createdFamily('kube_validatingadmissionpolicy_created', 'ALPHA', 'Unix creation timestamp.'),
  ],
};
