/** `resourcequotas`: v1 ResourceQuota. `resource` is the raw quota key (e.g. `requests.cpu`), not sanitised. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  createdFamily,
  gauge,
  labelsFamily,
  namespaceNameLabels,
  obj,
  quantityToFloat,
  sample,
} from './store-utils.ts';

function quotaMetrics(o: KubeObject): Metric[] {
  const status = obj(o?.status);
  const out: Metric[] = [];
  for (const type of ['hard', 'used'] as const) {
    for (const [resource, quantity] of Object.entries(obj(status[type]))) {
      const v = quantityToFloat(quantity);
      if (v !== undefined) out.push(sample(v, ['resource', 'type'], [resource, type]));
    }
  }
  return out;
}

export const resourcequotasResource: ResourceDefinition = {
  name: 'resourcequotas',
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  resource: 'resourcequotas',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('resourcequota'),
  families: ({ allowLabels, allowAnnotations }) => [
    createdFamily('kube_resourcequota_created', 'STABLE'),
    gauge('kube_resourcequota', 'Information about resource quota.', 'STABLE', quotaMetrics),
    annotationsFamily('kube_resourcequota_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_resourcequota_labels', 'STABLE', allowLabels),
  ],
};
