import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { namespacesResource as res } from './namespaces.ts';

const active = {
  metadata: {
    name: 'team-a',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { 'kubernetes.io/metadata.name': 'team-a' },
    annotations: { owner: 'alice' },
  },
  status: { phase: 'Active' },
};
const terminating = {
  metadata: { name: 'old', uid: 'u2', deletionTimestamp: '2026-01-03T00:00:00Z' },
  status: {
    phase: 'Terminating',
    conditions: [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False' },
      { type: 'NamespaceDeletionContentFailure', status: 'True' },
      { type: 'NamespaceContentRemaining', status: 'Unknown' },
    ],
  },
};

test('kube_namespace_created', () =>
  expectFamilies(
    res,
    [active, terminating],
    `# HELP kube_namespace_created [STABLE] Unix creation timestamp
     # TYPE kube_namespace_created gauge
     kube_namespace_created{namespace="team-a"} 1.767323045e+09`,
    { families: ['kube_namespace_created'] },
  ));

test('kube_namespace_labels and _annotations', () =>
  expectFamilies(
    res,
    [active],
    `# HELP kube_namespace_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_namespace_annotations gauge
     kube_namespace_annotations{namespace="team-a",annotation_owner="alice"} 1
     # HELP kube_namespace_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_namespace_labels gauge
     kube_namespace_labels{namespace="team-a",label_kubernetes_io_metadata_name="team-a"} 1`,
    { families: ['kube_namespace_annotations', 'kube_namespace_labels'], allowLabels: ['*'], allowAnnotations: ['*'] },
  ));

test('kube_namespace_status_phase', () =>
  expectFamilies(
    res,
    [active, terminating],
    `# HELP kube_namespace_status_phase [STABLE] kubernetes namespace status phase.
     # TYPE kube_namespace_status_phase gauge
     kube_namespace_status_phase{namespace="team-a",phase="Active"} 1
     kube_namespace_status_phase{namespace="team-a",phase="Terminating"} 0
     kube_namespace_status_phase{namespace="old",phase="Active"} 0
     kube_namespace_status_phase{namespace="old",phase="Terminating"} 1`,
    { families: ['kube_namespace_status_phase'] },
  ));

test('kube_namespace_status_condition', () =>
  expectFamilies(
    res,
    [active, terminating],
    `# HELP kube_namespace_status_condition The condition of a namespace.
     # TYPE kube_namespace_status_condition gauge
     kube_namespace_status_condition{namespace="old",condition="NamespaceDeletionDiscoveryFailure",status="true"} 0
     kube_namespace_status_condition{namespace="old",condition="NamespaceDeletionDiscoveryFailure",status="false"} 1
     kube_namespace_status_condition{namespace="old",condition="NamespaceDeletionDiscoveryFailure",status="unknown"} 0
     kube_namespace_status_condition{namespace="old",condition="NamespaceDeletionContentFailure",status="true"} 1
     kube_namespace_status_condition{namespace="old",condition="NamespaceDeletionContentFailure",status="false"} 0
     kube_namespace_status_condition{namespace="old",condition="NamespaceDeletionContentFailure",status="unknown"} 0
     kube_namespace_status_condition{namespace="old",condition="NamespaceContentRemaining",status="true"} 0
     kube_namespace_status_condition{namespace="old",condition="NamespaceContentRemaining",status="false"} 0
     kube_namespace_status_condition{namespace="old",condition="NamespaceContentRemaining",status="unknown"} 1`,
    { families: ['kube_namespace_status_condition'] },
  ));
