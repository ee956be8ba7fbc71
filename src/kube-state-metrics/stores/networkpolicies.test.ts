import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { networkpoliciesResource as res } from './networkpolicies.ts';

const np = {
  metadata: {
    name: 'deny-all',
    namespace: 'ns1',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
  spec: { podSelector: {}, ingress: [{}, {}], egress: [{}], policyTypes: ['Ingress', 'Egress'] },
};
const bare = { metadata: { name: 'bare', namespace: 'ns1', uid: 'u2' } };
const L = 'namespace="ns1",networkpolicy="deny-all"';

test('kube_networkpolicy_created (emitted even without a timestamp, as upstream)', () =>
  expectFamilies(
    res,
    [np, bare],
    `# HELP kube_networkpolicy_created Unix creation timestamp of network policy
     # TYPE kube_networkpolicy_created gauge
     kube_networkpolicy_created{${L}} 1.767323045e+09
     kube_networkpolicy_created{namespace="ns1",networkpolicy="bare"} -6.21355968e+10`,
    { families: ['kube_networkpolicy_created'] },
  ));

test('kube_networkpolicy_spec_ingress_rules', () =>
  expectFamilies(
    res,
    [np, bare],
    `# HELP kube_networkpolicy_spec_ingress_rules Number of ingress rules on the networkpolicy
     # TYPE kube_networkpolicy_spec_ingress_rules gauge
     kube_networkpolicy_spec_ingress_rules{${L}} 2
     kube_networkpolicy_spec_ingress_rules{namespace="ns1",networkpolicy="bare"} 0`,
    { families: ['kube_networkpolicy_spec_ingress_rules'] },
  ));

test('kube_networkpolicy_spec_egress_rules', () =>
  expectFamilies(
    res,
    [np, bare],
    `# HELP kube_networkpolicy_spec_egress_rules Number of egress rules on the networkpolicy
     # TYPE kube_networkpolicy_spec_egress_rules gauge
     kube_networkpolicy_spec_egress_rules{${L}} 1
     kube_networkpolicy_spec_egress_rules{namespace="ns1",networkpolicy="bare"} 0`,
    { families: ['kube_networkpolicy_spec_egress_rules'] },
  ));

test('kube_networkpolicy_labels and _annotations', () =>
  expectFamilies(
    res,
    [np],
    `# HELP kube_networkpolicy_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_networkpolicy_annotations gauge
     kube_networkpolicy_annotations{${L},annotation_team="a"} 1
     # HELP kube_networkpolicy_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_networkpolicy_labels gauge
     kube_networkpolicy_labels{${L},label_app="web"} 1`,
    {
      families: ['kube_networkpolicy_annotations', 'kube_networkpolicy_labels'],
      allowLabels: ['app'],
      allowAnnotations: ['team'],
    },
  ));
