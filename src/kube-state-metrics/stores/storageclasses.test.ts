import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { storageclassesResource as res } from './storageclasses.ts';

const sc = {
  metadata: {
    name: 'fast',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { tier: 'ssd' },
    annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
  },
  provisioner: 'kubernetes.io/rbd',
  reclaimPolicy: 'Retain',
  volumeBindingMode: 'WaitForFirstConsumer',
};
const defaults = { metadata: { name: 'plain', uid: 'u2' }, provisioner: 'csi.example.com' };

test('kube_storageclass_info', () =>
  expectFamilies(
    res,
    [sc, defaults],
    `# HELP kube_storageclass_info [STABLE] Information about storageclass.
     # TYPE kube_storageclass_info gauge
     kube_storageclass_info{storageclass="fast",provisioner="kubernetes.io/rbd",reclaim_policy="Retain",volume_binding_mode="WaitForFirstConsumer"} 1
     kube_storageclass_info{storageclass="plain",provisioner="csi.example.com",reclaim_policy="Delete",volume_binding_mode="Immediate"} 1`,
    { families: ['kube_storageclass_info'] },
  ));

test('kube_storageclass_created', () =>
  expectFamilies(
    res,
    [sc, defaults],
    `# HELP kube_storageclass_created [STABLE] Unix creation timestamp
     # TYPE kube_storageclass_created gauge
     kube_storageclass_created{storageclass="fast"} 1.767323045e+09`,
    { families: ['kube_storageclass_created'] },
  ));

test('kube_storageclass_labels and _annotations', () =>
  expectFamilies(
    res,
    [sc],
    `# HELP kube_storageclass_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_storageclass_annotations gauge
     kube_storageclass_annotations{storageclass="fast",annotation_storageclass_kubernetes_io_is_default_class="true"} 1
     # HELP kube_storageclass_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_storageclass_labels gauge
     kube_storageclass_labels{storageclass="fast",label_tier="ssd"} 1`,
    {
      families: ['kube_storageclass_annotations', 'kube_storageclass_labels'],
      allowLabels: ['*'],
      allowAnnotations: ['*'],
    },
  ));
