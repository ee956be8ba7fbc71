import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { validatingadmissionpolicybindingsResource as res } from './validatingadmissionpolicybindings.ts';

const binding = {
  metadata: { name: 'binding-a', uid: 'u1', creationTimestamp: '2026-01-02T03:04:05Z' },
  spec: {
    policyName: 'policy-a',
    paramRef: { name: 'params', namespace: 'ns1', parameterNotFoundAction: 'Deny' },
    validationActions: ['Deny', 'Audit'],
  },
};
const bare = { metadata: { name: 'bare', uid: 'u2' } };
const L = 'namespace="",validatingadmissionpolicybinding="binding-a"';

test('kube_validatingadmissionpolicybinding_info', () =>
  expectFamilies(
    res,
    [binding, bare],
    `# HELP kube_validatingadmissionpolicybinding_info Information about the ValidatingAdmissionPolicyBinding.
     # TYPE kube_validatingadmissionpolicybinding_info gauge
     kube_validatingadmissionpolicybinding_info{${L},policy_name="policy-a",param_name="params",param_namespace="ns1",param_not_found_action="Deny"} 1
     kube_validatingadmissionpolicybinding_info{namespace="",validatingadmissionpolicybinding="bare",policy_name="",param_name="",param_namespace="",param_not_found_action=""} 1`,
    { families: ['kube_validatingadmissionpolicybinding_info'] },
  ));

test('kube_validatingadmissionpolicybinding_created', () =>
  expectFamilies(
    res,
    [binding, bare],
    `# HELP kube_validatingadmissionpolicybinding_created Unix creation timestamp.
     # TYPE kube_validatingadmissionpolicybinding_created gauge
     kube_validatingadmissionpolicybinding_created{${L}} 1.767323045e+09`,
    { families: ['kube_validatingadmissionpolicybinding_created'] },
  ));

test('kube_validatingadmissionpolicybinding_validation_action', () =>
  expectFamilies(
    res,
    [binding, bare],
    `# HELP kube_validatingadmissionpolicybinding_validation_action Validation actions for the ValidatingAdmissionPolicyBinding.
     # TYPE kube_validatingadmissionpolicybinding_validation_action gauge
     kube_validatingadmissionpolicybinding_validation_action{${L},action="Deny"} 1
     kube_validatingadmissionpolicybinding_validation_action{${L},action="Audit"} 1`,
    { families: ['kube_validatingadmissionpolicybinding_validation_action'] },
  ));
