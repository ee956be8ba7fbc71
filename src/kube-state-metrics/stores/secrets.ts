/** `secrets`: v1 Secret. Only metadata and `type` are read; secret data never reaches a label. */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  gauge,
  infoFamily,
  labelsFamily,
  namespaceNameLabels,
  ownerMetrics,
  resourceVersionFamily,
  sample,
  str,
} from './store-utils.ts';

export const secretsResource: ResourceDefinition = {
  name: 'secrets',
  apiVersion: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('secret'),
  families: ({ allowLabels, allowAnnotations }) => [
    infoFamily('kube_secret_info', 'Information about secret.', 'STABLE'),
    gauge('kube_secret_type', 'Type about secret.', 'STABLE', (o) => [sample(1, ['type'], [str(o?.type)])]),
    annotationsFamily('kube_secret_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_secret_labels', 'STABLE', allowLabels),
    createdFamily('kube_secret_created', 'STABLE'),
    resourceVersionFamily(
      'kube_secret_metadata_resource_version',
      'Resource version representing a specific version of secret.',
      'ALPHA',
    ),
    gauge('kube_secret_owner', "Information about the Secret's owner.", 'ALPHA', ownerMetrics),
  ],
};
