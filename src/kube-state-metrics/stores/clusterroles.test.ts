import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { clusterrolesResource as res } from './clusterroles.ts';

const role = {
  metadata: {
    name: 'admin',
    uid: 'u1',
    resourceVersion: '123',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', fooBar: 'x' },
    annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  },
  rules: [],
};
const bare = { metadata: { name: 'bare', uid: 'u2', resourceVersion: 'not-a-number' } };

test('kube_clusterrole_info', () =>
  expectFamilies(
    res,
    [role, bare],
    `# HELP kube_clusterrole_info Information about cluster role.
     # TYPE kube_clusterrole_info gauge
     kube_clusterrole_info{clusterrole="admin"} 1
     kube_clusterrole_info{clusterrole="bare"} 1`,
    { families: ['kube_clusterrole_info'] },
  ));

test('kube_clusterrole_created', () =>
  expectFamilies(
    res,
    [role, bare],
    `# HELP kube_clusterrole_created Unix creation timestamp
     # TYPE kube_clusterrole_created gauge
     kube_clusterrole_created{clusterrole="admin"} 1.767323045e+09`,
    { families: ['kube_clusterrole_created'] },
  ));

test('kube_clusterrole_metadata_resource_version', () =>
  expectFamilies(
    res,
    [role, bare],
    `# HELP kube_clusterrole_metadata_resource_version Resource version representing a specific version of the cluster role.
     # TYPE kube_clusterrole_metadata_resource_version gauge
     kube_clusterrole_metadata_resource_version{clusterrole="admin"} 123`,
    { families: ['kube_clusterrole_metadata_resource_version'] },
  ));

test('kube_clusterrole_labels', () =>
  expectFamilies(
    res,
    [role],
    `# HELP kube_clusterrole_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_clusterrole_labels gauge
     kube_clusterrole_labels{clusterrole="admin",label_foo_bar="x",label_kubernetes_io_bootstrapping="rbac-defaults"} 1`,
    { families: ['kube_clusterrole_labels'], allowLabels: ['*'] },
  ));

test('kube_clusterrole_annotations', () =>
  expectFamilies(
    res,
    [role],
    `# HELP kube_clusterrole_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_clusterrole_annotations gauge
     kube_clusterrole_annotations{clusterrole="admin",annotation_rbac_authorization_kubernetes_io_autoupdate="true"} 1`,
    { families: ['kube_clusterrole_annotations'], allowAnnotations: ['rbac.authorization.kubernetes.io/*'] },
  ));
