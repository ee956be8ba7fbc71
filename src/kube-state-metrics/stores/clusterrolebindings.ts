/** `clusterrolebindings`: rbac.authorization.k8s.io/v1 ClusterRoleBinding (cluster-scoped, off by default). */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  infoFamily,
  labelsFamily,
  nameLabel,
  obj,
  resourceVersionFamily,
  str,
} from './store-utils.ts';

export const clusterrolebindingsResource: ResourceDefinition = {
  name: 'clusterrolebindings',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  resource: 'clusterrolebindings',
  namespaced: false,
  enabledByDefault: false,
  defaultLabels: nameLabel('clusterrolebinding'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_clusterrolebinding_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_clusterrolebinding_labels', 'ALPHA', allowLabels),
    infoFamily('kube_clusterrolebinding_info', 'Information about clusterrolebinding.', 'ALPHA', {
      keys: ['roleref_kind', 'roleref_name'],
      values: (o) => [str(obj(o?.roleRef).kind), str(obj(o?.roleRef).name)],
    }),
    createdFamily('kube_clusterrolebinding_created', 'ALPHA'),
    resourceVersionFamily(
      'kube_clusterrolebinding_metadata_resource_version',
      'Resource version representing a specific version of the clusterrolebinding.',
      'ALPHA',
    ),
  ],
};
