/** `configmaps`: v1 ConfigMap. */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  infoFamily,
  labelsFamily,
  namespaceNameLabels,
  resourceVersionFamily,
} from './store-utils.ts';

export const configmapsResource: ResourceDefinition = {
  name: 'configmaps',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('configmap'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_configmap_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_configmap_labels', 'STABLE', allowLabels),
    infoFamily('kube_configmap_info', 'Information about configmap.', 'STABLE'),
    createdFamily('kube_configmap_created', 'STABLE'),
    resourceVersionFamily(
      'kube_configmap_metadata_resource_version',
      'Resource version representing a specific version of the configmap.',
      'ALPHA',
    ),
  ],
};
