import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { rolebindingsResource as res } from './rolebindings.ts';

const binding = {
  metadata: {
    name: 'readers',
    namespace: 'ns1',
    uid: 'u1',
    resourceVersion: '11',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
};
const L = 'namespace="ns1",rolebinding="readers"';

test('kube_rolebinding_info', () =>
  expectFamilies(
    res,
    [binding],
    `# HELP kube_rolebinding_info Information about rolebinding.
     # TYPE kube_rolebinding_info gauge
     kube_rolebinding_info{${L},roleref_kind="Role",roleref_name="reader"} 1`,
    { families: ['kube_rolebinding_info'] },
  ));

test('kube_rolebinding_created', () =>
  expectFamilies(
    res,
    [binding],
    `# HELP kube_rolebinding_created Unix creation timestamp
     # TYPE kube_rolebinding_created gauge
     kube_rolebinding_created{${L}} 1.767323045e+09`,
    { families: ['kube_rolebinding_created'] },
  ));

test('kube_rolebinding_metadata_resource_version', () =>
  expectFamilies(
    res,
    [binding],
    `# HELP kube_rolebinding_metadata_resource_version Resource version representing a specific version of the rolebinding.
     # TYPE kube_rolebinding_metadata_resource_version gauge
     kube_rolebinding_metadata_resource_version{${L}} 11`,
    { families: ['kube_rolebinding_metadata_resource_version'] },
  ));

test('kube_rolebinding_labels and _annotations', () =>
  expectFamilies(
    res,
    [binding],
    `# HELP kube_rolebinding_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_rolebinding_annotations gauge
     kube_rolebinding_annotations{${L},annotation_team="a"} 1
     # HELP kube_rolebinding_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_rolebinding_labels gauge
     kube_rolebinding_labels{${L},label_app="web"} 1`,
    {
      families: ['kube_rolebinding_annotations', 'kube_rolebinding_labels'],
      allowLabels: ['app'],
      allowAnnotations: ['team'],
    },
  ));
