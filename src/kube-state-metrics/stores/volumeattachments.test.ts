import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { volumeattachmentsResource as res } from './volumeattachments.ts';

const va = {
  metadata: {
    name: 'csi-123',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { 'app.kubernetes.io/managed-by': 'csi', diskType: 'ssd' },
  },
  spec: { attacher: 'cinder.csi.openstack.org', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } },
  status: { attached: true, attachmentMetadata: { DevicePath: '/dev/sdb' } },
};
const bare = { metadata: { name: 'bare', uid: 'u2' }, spec: { source: {} }, status: {} };
const L = 'volumeattachment="csi-123"';
const B = 'volumeattachment="bare"';

test('kube_volumeattachment_labels exports every label without an allowlist', () =>
  expectFamilies(
    res,
    [va, bare],
    `# HELP kube_volumeattachment_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_volumeattachment_labels gauge
     kube_volumeattachment_labels{${L},label_app_kubernetes_io_managed_by="csi",label_disk_type="ssd"} 1
     kube_volumeattachment_labels{${B}} 1`,
    { families: ['kube_volumeattachment_labels'] },
  ));

test('kube_volumeattachment_info', () =>
  expectFamilies(
    res,
    [va, bare],
    `# HELP kube_volumeattachment_info Information about volumeattachment.
     # TYPE kube_volumeattachment_info gauge
     kube_volumeattachment_info{${L},attacher="cinder.csi.openstack.org",node="node-1"} 1
     kube_volumeattachment_info{${B},attacher="",node=""} 1`,
    { families: ['kube_volumeattachment_info'] },
  ));

test('kube_volumeattachment_created', () =>
  expectFamilies(
    res,
    [va, bare],
    `# HELP kube_volumeattachment_created Unix creation timestamp
     # TYPE kube_volumeattachment_created gauge
     kube_volumeattachment_created{${L}} 1.767323045e+09`,
    { families: ['kube_volumeattachment_created'] },
  ));

test('kube_volumeattachment_spec_source_persistentvolume', () =>
  expectFamilies(
    res,
    [va, bare],
    `# HELP kube_volumeattachment_spec_source_persistentvolume PersistentVolume source reference.
     # TYPE kube_volumeattachment_spec_source_persistentvolume gauge
     kube_volumeattachment_spec_source_persistentvolume{${L},volumename="pv-1"} 1`,
    { families: ['kube_volumeattachment_spec_source_persistentvolume'] },
  ));

test('kube_volumeattachment_status_attached', () =>
  expectFamilies(
    res,
    [va, bare],
    `# HELP kube_volumeattachment_status_attached Information about volumeattachment.
     # TYPE kube_volumeattachment_status_attached gauge
     kube_volumeattachment_status_attached{${L}} 1
     kube_volumeattachment_status_attached{${B}} 0`,
    { families: ['kube_volumeattachment_status_attached'] },
  ));

test('kube_volumeattachment_status_attachment_metadata', () =>
  expectFamilies(
    res,
    [va, bare],
    `# HELP kube_volumeattachment_status_attachment_metadata volumeattachment metadata.
     # TYPE kube_volumeattachment_status_attachment_metadata gauge
     kube_volumeattachment_status_attachment_metadata{${L},metadata_device_path="/dev/sdb"} 1
     kube_volumeattachment_status_attachment_metadata{${B}} 1`,
    { families: ['kube_volumeattachment_status_attachment_metadata'] },
  ));
