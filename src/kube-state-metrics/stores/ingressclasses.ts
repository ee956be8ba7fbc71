/** `ingressclasses`: networking.k8s.io/v1 IngressClass (cluster-scoped, off by default). */
import type { ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, createdFamily, infoFamily, labelsFamily, nameLabel, obj, str } from './store-utils.ts';

export const ingressclassesResource: ResourceDefinition = {
  name: 'ingressclasses',
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  resource: 'ingressclasses',
  namespaced: false,
  enabledByDefault: false,
  defaultLabels: nameLabel('ingressclass'),
  families: ({ allowLabels, allowAnnotations }) => [
    infoFamily('kube_ingressclass_info', 'Information about ingressclass.', 'ALPHA', {
      keys: ['controller'],
      values: (o) => [str(obj(o?.spec).controller)],
    }),
    createdFamily('kube_ingressclass_created', 'ALPHA'),
    annotationsFamily('kube_ingressclass_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_ingressclass_labels', 'ALPHA', allowLabels),
  ],
};
