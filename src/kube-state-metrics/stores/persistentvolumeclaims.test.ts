import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { persistentvolumeclaimsResource as res } from './persistentvolumeclaims.ts';

const bound = {
  metadata: {
    name: 'data',
    namespace: 'db',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    deletionTimestamp: '2026-01-02T04:00:00Z',
    labels: { app: 'db' },
    annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' },
  },
  spec: {
    storageClassName: 'fast',
    volumeName: 'pv-1',
    volumeMode: 'Filesystem',
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
    resources: { requests: { storage: '1.5Gi' } },
  },
  status: {
    phase: 'Bound',
    conditions: [{ type: 'Resizing', status: 'True' }],
  },
};
const pending = {
  metadata: { name: 'new', namespace: 'db', uid: 'u2' },
  spec: { storageClassName: 'fast' },
  status: { phase: 'Pending' },
};
const nophase = { metadata: { name: 'nophase', namespace: 'db', uid: 'u3' }, spec: {}, status: {} };
const L = 'namespace="db",persistentvolumeclaim="data"';
const P = 'namespace="db",persistentvolumeclaim="new"';

test('kube_persistentvolumeclaim_info', () =>
  expectFamilies(
    res,
    [bound, pending],
    `# HELP kube_persistentvolumeclaim_info [STABLE] Information about persistent volume claim.
     # TYPE kube_persistentvolumeclaim_info gauge
     kube_persistentvolumeclaim_info{${L},storageclass="legacy",volumename="pv-1",volumemode="Filesystem"} 1
     kube_persistentvolumeclaim_info{${P},storageclass="fast",volumename="",volumemode=""} 1`,
    { families: ['kube_persistentvolumeclaim_info'] },
  ));

test('kube_persistentvolumeclaim_status_phase', () =>
  expectFamilies(
    res,
    [bound, pending, nophase],
    `# HELP kube_persistentvolumeclaim_status_phase [STABLE] The phase the persistent volume claim is currently in.
     # TYPE kube_persistentvolumeclaim_status_phase gauge
     kube_persistentvolumeclaim_status_phase{${L},phase="Lost"} 0
     kube_persistentvolumeclaim_status_phase{${L},phase="Bound"} 1
     kube_persistentvolumeclaim_status_phase{${L},phase="Pending"} 0
     kube_persistentvolumeclaim_status_phase{${P},phase="Lost"} 0
     kube_persistentvolumeclaim_status_phase{${P},phase="Bound"} 0
     kube_persistentvolumeclaim_status_phase{${P},phase="Pending"} 1`,
    { families: ['kube_persistentvolumeclaim_status_phase'] },
  ));

test('kube_persistentvolumeclaim_resource_requests_storage_bytes', () =>
  expectFamilies(
    res,
    [bound, pending],
    `# HELP kube_persistentvolumeclaim_resource_requests_storage_bytes [STABLE] The capacity of storage requested by the persistent volume claim.
     # TYPE kube_persistentvolumeclaim_resource_requests_storage_bytes gauge
     kube_persistentvolumeclaim_resource_requests_storage_bytes{${L}} 1.610612736e+09`,
    { families: ['kube_persistentvolumeclaim_resource_requests_storage_bytes'] },
  ));

test('kube_persistentvolumeclaim_access_mode', () =>
  expectFamilies(
    res,
    [bound, pending],
    `# HELP kube_persistentvolumeclaim_access_mode [STABLE] The access mode(s) specified by the persistent volume claim.
     # TYPE kube_persistentvolumeclaim_access_mode gauge
     kube_persistentvolumeclaim_access_mode{${L},access_mode="ReadWriteOnce"} 1
     kube_persistentvolumeclaim_access_mode{${L},access_mode="ReadOnlyMany"} 1`,
    { families: ['kube_persistentvolumeclaim_access_mode'] },
  ));

test('kube_persistentvolumeclaim_status_condition', () =>
  expectFamilies(
    res,
    [bound, pending],
    `# HELP kube_persistentvolumeclaim_status_condition Information about status of different conditions of persistent volume claim.
     # TYPE kube_persistentvolumeclaim_status_condition gauge
     kube_persistentvolumeclaim_status_condition{${L},condition="Resizing",status="true"} 1
     kube_persistentvolumeclaim_status_condition{${L},condition="Resizing",status="false"} 0
     kube_persistentvolumeclaim_status_condition{${L},condition="Resizing",status="unknown"} 0`,
    { families: ['kube_persistentvolumeclaim_status_condition'] },
  ));

test('kube_persistentvolumeclaim_created and _deletion_timestamp', () =>
  expectFamilies(
    res,
    [bound, pending],
    `# HELP kube_persistentvolumeclaim_created Unix creation timestamp
     # TYPE kube_persistentvolumeclaim_created gauge
     kube_persistentvolumeclaim_created{${L}} 1.767323045e+09
     # HELP kube_persistentvolumeclaim_deletion_timestamp Unix deletion timestamp
     # TYPE kube_persistentvolumeclaim_deletion_timestamp gauge
     kube_persistentvolumeclaim_deletion_timestamp{${L}} 1.7673264e+09`,
    { families: ['kube_persistentvolumeclaim_created', 'kube_persistentvolumeclaim_deletion_timestamp'] },
  ));

test('kube_persistentvolumeclaim_labels and _annotations', () =>
  expectFamilies(
    res,
    [bound],
    `# HELP kube_persistentvolumeclaim_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_persistentvolumeclaim_labels gauge
     kube_persistentvolumeclaim_labels{${L},label_app="db"} 1
     # HELP kube_persistentvolumeclaim_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_persistentvolumeclaim_annotations gauge
     kube_persistentvolumeclaim_annotations{${L},annotation_volume_beta_kubernetes_io_storage_class="legacy"} 1`,
    {
      families: ['kube_persistentvolumeclaim_labels', 'kube_persistentvolumeclaim_annotations'],
      allowLabels: ['*'],
      allowAnnotations: ['*'],
    },
  ));
