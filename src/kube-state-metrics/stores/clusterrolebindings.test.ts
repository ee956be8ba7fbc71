import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { clusterrolebindingsResource as res } from './clusterrolebindings.ts';

const binding = {
  metadata: {
    name: 'admins',
    uid: 'u1',
    resourceVersion: '10',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
  subjects: [],
};
const L = 'clusterrolebinding="admins"';

test('kube_clusterrolebinding_info', () =>
  expectFamilies(
    res,
    [binding, { metadata: { name: 'noref', uid: 'u2' } }],
    `# HELP kube_clusterrolebinding_info Information about clusterrolebinding.
     # TYPE kube_clusterrolebinding_info gauge
     kube_clusterrolebinding_info{${L},roleref_kind="ClusterRole",roleref_name="admin"} 1
     kube_clusterrolebinding_info{clusterrolebinding="noref",roleref_kind="",roleref_name=""} 1`,
    { families: ['kube_clusterrolebinding_info'] },
  ));

test('kube_clusterrolebinding_created', () =>
  expectFamilies(
    res,
    [binding],
    `# HELP kube_clusterrolebinding_created Unix creation timestamp
     # TYPE kube_clusterrolebinding_created gauge
     kube_clusterrolebinding_created{${L}} 1.767323045e+09`,
    { families: ['kube_clusterrolebinding_created'] },
  ));

test('kube_clusterrolebinding_metadata_resource_version', () =>
  expectFamilies(
    res,
    [binding],
    `# HELP kube_clusterrolebinding_metadata_resource_version Resource version representing a specific version of the clusterrolebinding.
     # TYPE kube_clusterrolebinding_metadata_resource_version gauge
     kube_clusterrolebinding_metadata_resource_version{${L}} 10`,
    { families: ['kube_clusterrolebinding_metadata_resource_version'] },
  ));

test('kube_clusterrolebinding_labels and _annotations', () =>
  expectFamilies(
    res,
    [binding],
    `# HELP kube_clusterrolebinding_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_clusterrolebinding_annotations gauge
     kube_clusterrolebinding_annotations{${L},annotation_team="a"} 1
     # HELP kube_clusterrolebinding_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_clusterrolebinding_labels gauge
     kube_clusterrolebinding_labels{${L},label_app="web"} 1`,
    {
      families: ['kube_clusterrolebinding_annotations', 'kube_clusterrolebinding_labels'],
      allowLabels: ['*'],
      allowAnnotations: ['*'],
    },
  ));
