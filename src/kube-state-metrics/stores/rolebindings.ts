/** `rolebindings`: rbac.authorization.k8s.io/v1 RoleBinding (off by default). */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  infoFamily,
  labelsFamily,
  namespaceNameLabels,
  obj,
  resourceVersionFamily,
  str,
} from './store-utils.ts';

export const rolebindingsResource: ResourceDefinition = {
  name: 'rolebindings',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  resource: 'rolebindings',
  namespaced: true,
  enabledByDefault: false,
  defaultLabels: namespaceNameLabels('rolebinding'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_rolebinding_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_rolebinding_labels', 'ALPHA', allowLabels),
    infoFamily('kube_rolebinding_info', 'Information about rolebinding.', 'ALPHA', {
      keys: ['roleref_kind', 'roleref_name'],
      values: (o) => [str(obj(o?.roleRef).kind), str(obj(o?.roleRef).name)],
    }),
    createdFamily('kube_rolebinding_created', 'ALPHA'),
    resourceVersionFamily(
      'kube_rolebinding_metadata_resource_version',
      'Resource version representing a specific version of the rolebinding.',
      'ALPHA',
    ),
  ],
};
