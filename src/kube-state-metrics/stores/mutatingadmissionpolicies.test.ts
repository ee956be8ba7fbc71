import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { mutatingadmissionpoliciesResource as res } from './mutatingadmissionpolicies.ts';

const policy = {
  metadata: { name: 'policy-a', uid: 'u1', creationTimestamp: '2026-01-02T03:04:05Z' },
  spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, failurePolicy: 'Fail', reinvocationPolicy: 'IfNeeded' },
};
const bare = { metadata: { name: 'bare', uid: 'u2' } };

test('kube_mutatingadmissionpolicy_info', () =>
  expectFamilies(
    res,
    [policy, bare],
    `# HELP kube_mutatingadmissionpolicy_info Information about the MutatingAdmissionPolicy.
     # TYPE kube_mutatingadmissionpolicy_info gauge
     kube_mutatingadmissionpolicy_info{namespace="",mutatingadmissionpolicy="policy-a",param_api_version="v1",param_kind="ConfigMap",failure_policy="Fail",reinvocation_policy="IfNeeded"} 1
     kube_mutatingadmissionpolicy_info{namespace="",mutatingadmissionpolicy="bare",param_api_version="",param_kind="",failure_policy="",reinvocation_policy=""} 1`,
    { families: ['kube_mutatingadmissionpolicy_info'] },
  ));

test('kube_mutatingadmissionpolicy_created', () =>
  expectFamilies(
    res,
    [policy, bare],
    `# HELP kube_mutatingadmissionpolicy_created Unix creation timestamp.
     # TYPE kube_mutatingadmissionpolicy_created gauge
     kube_mutatingadmissionpolicy_created{namespace="",mutatingadmissionpolicy="policy-a"} 1.767323045e+09`,
    { families: ['kube_mutatingadmissionpolicy_created'] },
  ));
