/** `validatingadmissionpolicybindings`: admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { namespacedClusterLabels } from './admission-policy-labels.ts';
import { arr, createdFamily, gauge, obj, sample, str } from './store-utils.ts';

const INFO_KEYS = ['policy_name', 'param_name', 'param_namespace', 'param_not_found_action'];

export const validatingadmissionpolicybindingsResource: ResourceDefinition = {
  name: 'validatingadmissionpolicybindings',
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  resource: 'validatingadmissionpolicybindings',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: namespacedClusterLabels('validatingadmissionpolicybinding'),
  families: () => [
    gauge(
      'kube_validatingadmissionpolicybinding_info',
      'Information about the ValidatingAdmissionPolicyBinding.',
      'ALPHA',
      (o) => {
        const spec = obj(o?.spec);
        const ref = obj(spec.paramRef);
        return [
          sample(1, INFO_KEYS, [
            str(spec.policyName),
            str(ref.name),
            str(ref.namespace),
            str(ref.parameterNotFoundAction),
          ]),
        ];
      },
    ),
    createdFamily('kube_validatingadmissionpolicybinding_created', 'ALPHA', 'Unix creation timestamp.'),
    gauge(
      'kube_validatingadmissionpolicybinding_validation_action',
      'Validation actions for the ValidatingAdmissionPolicyBinding.',
      'ALPHA',
      (o) => arr(obj(o?.spec).validationActions).map((action) => sample(1, ['action'], [str(action)])),
    ),
  ],
};
