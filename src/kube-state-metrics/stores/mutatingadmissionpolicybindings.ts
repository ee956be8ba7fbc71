/** `mutatingadmissionpolicybindings`: admissionregistration.k8s.io/v1 MutatingAdmissionPolicyBinding (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { namespacedClusterLabels } from './admission-policy-labels.ts';
import { createdFamily, gauge, obj, sample, str } from './store-utils.ts';

const INFO_KEYS = ['policy_name', 'param_name', 'param_namespace', 'param_not_found_action'];

export const mutatingadmissionpolicybindingsResource: ResourceDefinition = {
  name: 'mutatingadmissionpolicybindings',
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'MutatingAdmissionPolicyBinding',
  resource: 'mutatingadmissionpolicybindings',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: namespacedClusterLabels('mutatingadmissionpolicybinding'),
  families: () => [
    gauge(
      'kube_mutatingadmissionpolicybinding_info',
      'Information about the MutatingAdmissionPolicyBinding.',
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
    createdFamily('kube_mutatingadmissionpolicybinding_created', 'ALPHA', 'Unix creation timestamp.'),
  ],
};
