/** `volumeattachments`: storage.k8s.io/v1 VolumeAttachment (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  boolValue,
  createdFamily,
  gauge,
  mapToPrometheusLabels,
  nameLabel,
  obj,
  sample,
  str,
  stringMap,
} from './store-utils.ts';

export const volumeattachmentsResource: ResourceDefinition = {
  name: 'volumeattachments',
  apiVersion: 'storage.k8s.io/v1',
  kind: 'VolumeAttachment',
  resource: 'volumeattachments',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: nameLabel('volumeattachment'),
  families: () => [
    // Upstream quirk kept for compatibility: every label is exported, `--metric-labels-allowlist` is ignored.
    gauge('kube_volumeattachment_labels', 'Kubernetes labels converted to Prometheus labels.', 'ALPHA', (o) => {
      const { keys, values } = mapToPrometheusLabels(stringMap(o?.metadata?.labels), 'label');
      return [sample(1, keys, values)];
    }),
    gauge('kube_volumeattachment_info', 'Information about volumeattachment.', 'ALPHA', (o) => {
      const spec = obj(o?.spec);
      return [sample(1, ['attacher', 'node'], [str(spec.attacher), str(spec.nodeName)])];
    }),
    createdFamily('kube_volumeattachment_created', 'ALPHA'),
    gauge('kube_volumeattachment_spec_source_persistentvolume', 'PersistentVolume source reference.', 'ALPHA', (o) => {
      const pv = obj(obj(o?.spec).source).persistentVolumeName;
      return typeof pv === 'string' ? [sample(1, ['volumename'], [pv])] : [];
    }),
    gauge('kube_volumeattachment_status_attached', 'Information about volumeattachment.', 'ALPHA', (o) => [
      sample(boolValue(obj(o?.status).attached)),
    ]),
    gauge('kube_volumeattachment_status_attachment_metadata', 'volumeattachment metadata.', 'ALPHA', (o) => {
      const { keys, values } = mapToPrometheusLabels(stringMap(obj(o?.status).attachmentMetadata), 'metadata');
      return [sample(1, keys, values)];
    }),
  ],
};
