import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { mutatingadmissionpolicybindingsResource as res } from './mutatingadmissionpolicybindings.ts';

const binding = {
  metadata: { name: 'binding-a', uid: 'u1', creationTimestamp: '2026-01-02T03:04:05Z' },
  spec: {
    policyName: 'policy-a',
    paramRef: { name: 'params', namespace: 'ns1', parameterNotFoundAction: 'Deny' },
    validationActions: ['Deny', 'Audit'],
  },
};
const bare = { metadata: { name: 'bare', uid: 'u2' } };
const L = 'namespace="",mutatingadmissionpolicybinding="binding-a"';

test('kube_mutatingadmissionpolicybinding_info', () =>
  expectFamilies(
    res,
    [binding, bare],
    `# HELP kube_mutatingadmissionpolicybinding_info Information about the MutatingAdmissionPolicyBinding.
     # TYPE kube_mutatingadmissionpolicybinding_info gauge
     kube_mutatingadmissionpolicybinding_info{${L},policy_name="policy-a",param_name="params",param_namespace="ns1",param_not_found_action="Deny"} 1
     kube_mutatingadmissionpolicybinding_info{namespace="",mutatingadmissionpolicybinding="bare",policy_name="",param_name="",param_namespace="",param_not_found_action=""} 1`,
    { families: ['kube_mutatingadmissionpolicybinding_info'] },
  ));

test('kube_mutatingadmissionpolicybinding_created', () =>
  expectFamilies(
    res,
    [binding, bare],
    `# HELP kube_mutatingadmissionpolicybinding_created Unix creation timestamp.
     # TYPE kube_mutatingadmissionpolicybinding_created gauge
     kube_mutatingadmissionpolicybinding_created{${L}} 1.767323045e+09`,
    { families: ['kube_mutatingadmissionpolicybinding_created'] },
  ));
