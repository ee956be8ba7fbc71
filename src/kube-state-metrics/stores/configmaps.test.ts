import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { configmapsResource as res } from './configmaps.ts';

const cm = {
  metadata: {
    name: 'settings',
    namespace: 'default',
    uid: 'u1',
    resourceVersion: '123456',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web', 'app-name': 'x', app_name: 'y' },
    annotations: { note: 'multi\nline "quoted"' },
  },
  data: { k: 'v' },
};
const noTimestamps = { metadata: { name: 'plain', namespace: 'default', uid: 'u2' } };
const L = 'namespace="default",configmap="settings"';

test('kube_configmap_info', () =>
  expectFamilies(
    res,
    [cm, noTimestamps],
    `# HELP kube_configmap_info [STABLE] Information about configmap.
     # TYPE kube_configmap_info gauge
     kube_configmap_info{${L}} 1
     kube_configmap_info{namespace="default",configmap="plain"} 1`,
    { families: ['kube_configmap_info'] },
  ));

test('kube_configmap_created', () =>
  expectFamilies(
    res,
    [cm, noTimestamps],
    `# HELP kube_configmap_created [STABLE] Unix creation timestamp
     # TYPE kube_configmap_created gauge
     kube_configmap_created{${L}} 1.767323045e+09`,
    { families: ['kube_configmap_created'] },
  ));

test('kube_configmap_metadata_resource_version', () =>
  expectFamilies(
    res,
    [cm, noTimestamps],
    `# HELP kube_configmap_metadata_resource_version Resource version representing a specific version of the configmap.
     # TYPE kube_configmap_metadata_resource_version gauge
     kube_configmap_metadata_resource_version{${L}} 123456`,
    { families: ['kube_configmap_metadata_resource_version'] },
  ));

test('kube_configmap_labels resolves sanitising conflicts', () =>
  expectFamilies(
    res,
    [cm],
    `# HELP kube_configmap_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_configmap_labels gauge
     kube_configmap_labels{${L},label_app="web",label_app_name_conflict1="x",label_app_name_conflict2="y"} 1`,
    { families: ['kube_configmap_labels'], allowLabels: ['*'] },
  ));

test('kube_configmap_annotations escapes values', () =>
  expectFamilies(
    res,
    [cm],
    `# HELP kube_configmap_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_configmap_annotations gauge
     kube_configmap_annotations{${L},annotation_note="multi\\nline \\"quoted\\""} 1`,
    { families: ['kube_configmap_annotations'], allowAnnotations: ['note'] },
  ));
