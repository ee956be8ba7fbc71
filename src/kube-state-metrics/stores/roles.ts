/** `roles`: rbac.authorization.k8s.io/v1 Role (off by default). */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  infoFamily,
  labelsFamily,
  namespaceNameLabels,
  resourceVersionFamily,
} from './store-utils.ts';

export const rolesResource: ResourceDefinition = {
  name: 'roles',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  resource: 'roles',
  namespaced: true,
  enabledByDefault: false,
  defaultLabels: namespaceNameLabels('role'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_role_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_role_labels', 'ALPHA', allowLabels),
    infoFamily('kube_role_info', 'Information about role.', 'ALPHA'),
    createdFamily('kube_role_created', 'ALPHA'),
    resourceVersionFamily(
      'kube_role_metadata_resource_version',
      'Resource version representing a specific version of the role.',
      'ALPHA',
    ),
  ],
};
