/** `storageclasses`: storage.k8s.io/v1 StorageClass (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, createdFamily, gauge, labelsFamily, nameLabel, sample, str } from './store-utils.ts';

export const storageclassesResource: ResourceDefinition = {
  name: 'storageclasses',
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  resource: 'storageclasses',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: nameLabel('storageclass'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_storageclass_info', 'Information about storageclass.', 'STABLE', (o) => [
      sample(
        1,
        ['provisioner', 'reclaim_policy', 'volume_binding_mode'],
        // The API server defaults these; objects from elsewhere may omit them, so apply the same defaults.
        [str(o?.provisioner), str(o?.reclaimPolicy ?? 'Delete'), str(o?.volumeBindingMode ?? 'Immediate')],
      ),
    ]),
    createdFamily('kube_storageclass_created', 'STABLE'),
    annotationsFamily('kube_storageclass_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_storageclass_labels', 'STABLE', allowLabels),
  ],
};
