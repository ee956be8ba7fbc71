/** Columns of autoscalers, disruption budgets and RBAC objects. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import {
  AGE_COLUMN,
  age,
  column,
  get,
  int,
  list,
  NAME_COLUMN,
  NONE,
  name,
  type Printer,
  record,
  str,
} from './column.ts';
import { CREATED_AT_COLUMN, createdAt } from './core.ts';

function percent(value: unknown): string | undefined {
  return typeof value === 'number' ? `${Math.trunc(value)}%` : undefined;
}

/** One HPA metric as `cpu: 45%/80%`; `status` is the matching entry of `status.currentMetrics`. */
function formatMetric(spec: Record<string, unknown>, status: Record<string, unknown> | undefined): string {
  const UNKNOWN = '<unknown>';
  switch (spec.type) {
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const source = record(spec[key]);
      const target = record(source.target);
      const current = record(record(status?.[key]).current);
      const resource = str(source.name);
      if (target.averageValue !== undefined) {
        return `${resource}: ${str(current.averageValue) || UNKNOWN}/${str(target.averageValue)}`;
      }
      return `${resource}: ${percent(current.averageUtilization) ?? UNKNOWN}/${percent(target.averageUtilization) ?? '<auto>'}`;
    }
    case 'Pods': {
      const current = str(get(status, 'pods', 'current', 'averageValue')) || UNKNOWN;
      return `${current}/${str(get(spec, 'pods', 'target', 'averageValue'))}`;
    }
    case 'Object':
    case 'External': {
      const key = spec.type === 'Object' ? 'object' : 'external';
      const target = record(get(spec, key, 'target'));
      const current = record(get(status, key, 'current'));
      if (target.averageValue !== undefined) {
        return `${str(current.averageValue) || UNKNOWN}/${str(target.averageValue)} (avg)`;
      }
      return `${str(current.value) || UNKNOWN}/${str(target.value)}`;
    }
    default:
      return '<unknown type>';
  }
}

function hpaTargets(hpa: KubeObject): string {
  const specs = list(get(hpa, 'spec', 'metrics'));
  if (specs.length === 0) return NONE;
  const statuses = list(get(hpa, 'status', 'currentMetrics'));
  const shown = specs.slice(0, 2).map((spec, i) => formatMetric(spec, statuses[i]));
  return specs.length > 2 ? `${shown.join(', ')} + ${specs.length - 2} more...` : shown.join(', ');
}

export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Reference', 'The target reference of the autoscaler.'),
    column('Targets', 'The current and target metrics of the autoscaler.'),
    column('MinPods', 'Lower limit for the number of pods.'),
    column('MaxPods', 'Upper limit for the number of pods.', 'integer'),
    column('Replicas', 'Current number of replicas of pods managed by this autoscaler.', 'integer'),
    AGE_COLUMN,
  ],
  cells: (hpa, now) => {
    const ref = record(get(hpa, 'spec', 'scaleTargetRef'));
    const min = get(hpa, 'spec', 'minReplicas');
    return [
      name(hpa),
      `${str(ref.kind)}/${str(ref.name)}`,
      hpaTargets(hpa),
      typeof min === 'number' ? String(min) : '<unset>',
      int(get(hpa, 'spec', 'maxReplicas')),
      int(get(hpa, 'status', 'currentReplicas')),
      age(hpa, now),
    ];
  },
};

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', 'integer'),
    AGE_COLUMN,
  ],
  cells: (pdb, now) => [
    name(pdb),
    str(get(pdb, 'spec', 'minAvailable')) || 'N/A',
    str(get(pdb, 'spec', 'maxUnavailable')) || 'N/A',
    int(get(pdb, 'status', 'disruptionsAllowed')),
    age(pdb, now),
  ],
};

export const rolePrinter: Printer = {
  columns: [NAME_COLUMN, CREATED_AT_COLUMN],
  cells: (role) => [name(role), createdAt(role)],
};

export const roleBindingPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Role', 'RoleRef is the reference to the role.'),
    AGE_COLUMN,
    column('Users', 'Users in the binding', 'string', 1),
    column('Groups', 'Groups in the binding', 'string', 1),
    column('ServiceAccounts', 'ServiceAccounts in the binding', 'string', 1),
  ],
  cells: (binding, now) => {
    const ref = record(binding.roleRef);
    const subjects = list(binding.subjects);
    const of = (kind: string) => subjects.filter((s) => s.kind === kind);
    return [
      name(binding),
      `${str(ref.kind)}/${str(ref.name)}`,
      age(binding, now),
      of('User')
        .map((s) => str(s.name))
        .join(', '),
      of('Group')
        .map((s) => str(s.name))
        .join(', '),
      of('ServiceAccount')
        .map((s) => `${str(s.namespace)}/${str(s.name)}`)
        .join(', '),
    ];
  },
};
