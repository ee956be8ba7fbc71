/** `limitranges`: v1 LimitRange. One series per (limit item, constraint, resource). */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import { arr, createdFamily, gauge, namespaceNameLabels, obj, quantityToFloat, sample, str } from './store-utils.ts';

/** Constraint label values, in the order upstream walks the fields. */
const CONSTRAINTS = ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;

function limitMetrics(o: KubeObject): Metric[] {
  const out: Metric[] = [];
  for (const item of arr(obj(o?.spec).limits).map(obj)) {
    for (const constraint of CONSTRAINTS) {
      for (const [resource, quantity] of Object.entries(obj(item[constraint]))) {
        const v = quantityToFloat(quantity);
        if (v === undefined) continue;
        out.push(sample(v, ['resource', 'type', 'constraint'], [resource, str(item.type), constraint]));
      }
    }
  }
  return out;
}

export const limitrangesResource: ResourceDefinition = {
  name: 'limitranges',
  apiVersion: 'v1',
  kind: 'LimitRange',
  resource: 'limitranges',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('limitrange'),
  families: () => [
    gauge('kube_limitrange', 'Information about limit range.', 'STABLE', limitMetrics),
    createdFamily('kube_limitrange_created', 'STABLE'),
  ],
};
