import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { validatingadmissionpoliciesResource as res } from './validatingadmissionpolicies.ts';

const policy = {
  metadata: { name: 'policy-a', uid: 'u1', creationTimestamp: '2026-01-02T03:04:05Z' },
  spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, failurePolicy: 'Fail' },
};
const bare = { metadata: { name: 'bare', uid: 'u2' } };

test('kube_validatingadmissionpolicy_info', () =>
  expectFamilies(
    res,
    [policy, bare],
    `# HELP kube_validatingadmissionpolicy_info Information about the ValidatingAdmissionPolicy.
     # TYPE kube_validatingadmissionpolicy_info gauge
     kube_validatingadmissionpolicy_info{namespace="",validatingadmissionpolicy="policy-a",param_api_version="v1",param_kind="ConfigMap",failure_policy="Fail"} 1
     kube_validatingadmissionpolicy_info{namespace="",validatingadmissionpolicy="bare",param_api_version="",param_kind="",failure_policy=""} 1`,
    { families: ['kube_validatingadmissionpolicy_info'] },
  ));

test('kube_validatingadmissionpolicy_created', () =>
  expectFamilies(
    res,
    [policy, bare],
    `# HELP kube_validatingadmissionpolicy_created Unix creation timestamp.
     # TYPE kube_validatingadmissionpolicy_created gauge
     kube_validatingadmissionpolicy_created{namespace="",validatingadmissionpolicy="policy-a"} 1.767323045e+09`,
    { families: ['kube_validatingadmissionpolicy_created'] },
  ));
