/** `clusterroles`: rbac.authorization.k8s.io/v1 ClusterRole (cluster-scoped, off by default). */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  infoFamily,
  labelsFamily,
  nameLabel,
  resourceVersionFamily,
} from './store-utils.ts';

export const clusterrolesResource: ResourceDefinition = {
  name: 'clusterroles',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  resource: 'clusterroles',
  namespaced: false,
  enabledByDefault: false,
  defaultLabels: nameLabel('clusterrole'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_clusterrole_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_clusterrole_labels', 'ALPHA', allowLabels),
    infoFamily('kube_clusterrole_info', 'Information about cluster role.', 'ALPHA'),
    createdFamily('kube_clusterrole_created', 'ALPHA'),
    resourceVersionFamily(
      'kube_clusterrole_metadata_resource_version',
      'Resource version representing a specific version of the cluster role.',
      'ALPHA',
    ),
  ],
};
