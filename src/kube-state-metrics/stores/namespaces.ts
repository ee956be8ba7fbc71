/** `namespaces`: v1 Namespace (cluster-scoped; the default label is the namespace's own name). */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  arr,
  conditionTriplet,
  createdFamily,
  gauge,
  labelsFamily,
  nameLabel,
  obj,
  sample,
  str,
} from './store-utils.ts';

const PHASES = ['Active', 'Terminating'] as const;

export const namespacesResource: ResourceDefinition = {
  name: 'namespaces',
  apiVersion: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: nameLabel('namespace'),
  families: ({ allowLabels, allowAnnotations }) => [
    createdFamily('kube_namespace_created', 'STABLE'),
    annotationsFamily('kube_namespace_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_namespace_labels', 'STABLE', allowLabels),
    gauge('kube_namespace_status_phase', 'kubernetes namespace status phase.', 'STABLE', (o) => {
      const phase = obj(o?.status).phase;
      return PHASES.map((p) => sample(phase === p ? 1 : 0, ['phase'], [p]));
    }),
    gauge('kube_namespace_status_condition', 'The condition of a namespace.', 'ALPHA', (o) =>
      arr(obj(o?.status).conditions).flatMap((c) => {
        const cond = obj(c);
        return conditionTriplet(cond.status, ['condition', 'status'], [str(cond.type)]);
      }),
    ),
  ],
};
