import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { rolesResource as res } from './roles.ts';

const role = {
  metadata: {
    name: 'reader',
    namespace: 'ns1',
    uid: 'u1',
    resourceVersion: '77',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
};
const L = 'namespace="ns1",role="reader"';

test('kube_role_info', () =>
  expectFamilies(
    res,
    [role],
    `# HELP kube_role_info Information about role.
     # TYPE kube_role_info gauge
     kube_role_info{${L}} 1`,
    { families: ['kube_role_info'] },
  ));

test('kube_role_created', () =>
  expectFamilies(
    res,
    [role],
    `# HELP kube_role_created Unix creation timestamp
     # TYPE kube_role_created gauge
     kube_role_created{${L}} 1.767323045e+09`,
    { families: ['kube_role_created'] },
  ));

test('kube_role_metadata_resource_version', () =>
  expectFamilies(
    res,
    [role],
    `# HELP kube_role_metadata_resource_version Resource version representing a specific version of the role.
     # TYPE kube_role_metadata_resource_version gauge
     kube_role_metadata_resource_version{${L}} 77`,
    { families: ['kube_role_metadata_resource_version'] },
  ));

test('kube_role_labels and kube_role_annotations', () =>
  expectFamilies(
    res,
    [role],
    `# HELP kube_role_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_role_annotations gauge
     kube_role_annotations{${L},annotation_team="a"} 1
     # HELP kube_role_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_role_labels gauge
     kube_role_labels{${L},label_app="web"} 1`,
    { families: ['kube_role_annotations', 'kube_role_labels'], allowLabels: ['app'], allowAnnotations: ['team'] },
  ));
