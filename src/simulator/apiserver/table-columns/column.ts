/**
 * Building blocks of the per-kind Table printers: column definitions as kube-apiserver declares
 * them, and defensive readers, because stored objects are whatever clients sent (fixtures keep
 * `status` as given), so any field may be missing or of the wrong type.
 */
import type { KubeObject } from '../../../shared/kube/object.ts';
import { timestampAge } from '../human-duration.ts';

export interface ColumnDefinition {
  name: string;
  /** OpenAPI type of the cells: `string`, `integer`, `number`, `boolean` or `date`. */
  type: string;
  /** `name` marks the object-name column; otherwise usually empty. */
  format: string;
  description: string;
  /** 0: always shown; 1 and above: only with `kubectl get -o wide`. */
  priority: number;
}

export type Cell = string | number | boolean | null;

/** A `meta.k8s.io/v1` TableRowCondition (only `Completed` is used, for finished pods). */
export interface RowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface Printer {
  columns: readonly ColumnDefinition[];
  /** One cell per column, wide columns included (the API server always prints wide). */
  cells(obj: KubeObject, now: number): Cell[];
  conditions?(obj: KubeObject): RowCondition[] | undefined;
}

export function column(name: string, description: string, type = 'string', priority = 0): ColumnDefinition {
  return { name, type, format: '', description, priority };
}

export const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
};

export const AGE_COLUMN = column('Age', 'Time since the object was created (metadata.creationTimestamp).');

export const NONE = '<none>';

export function age(obj: KubeObject, now: number): string {
  return timestampAge(obj.metadata?.creationTimestamp, now);
}

export function name(obj: KubeObject): string {
  return str(obj.metadata?.name);
}

export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Integers as Go prints an absent int field: 0. */
export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

export function get(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) cur = record(cur)[key];
  return cur;
}

/** `labels.FormatLabels`: sorted `k=v` pairs joined by commas, `<none>` when empty. */
export function formatLabels(value: unknown): string {
  const entries = Object.entries(record(value))
    .map(([k, v]) => `${k}=${str(v)}`)
    .sort();
  return entries.length === 0 ? NONE : entries.join(',');
}

/** The string form of a metav1.LabelSelector converted to a labels.Selector. */
export function formatLabelSelector(value: unknown): string {
  if (value === undefined || value === null) return NONE;
  const selector = record(value);
  const parts: string[] = Object.entries(record(selector.matchLabels)).map(([k, v]) => `${k}=${str(v)}`);
  for (const expr of list(selector.matchExpressions)) {
    const key = str(expr.key);
    const values = strings(expr.values).sort().join(',');
    switch (expr.operator) {
      case 'In':
        parts.push(`${key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
    }
  }
  // labels.Selector sorts its requirements by key.
  return parts.sort((a, b) => selectorKey(a).localeCompare(selectorKey(b))).join(',');
}

function selectorKey(requirement: string): string {
  return requirement.replace(/^!/, '').split(/[= ]/)[0] ?? '';
}

/** Containers and images of a pod template, comma-joined, for the wide workload columns. */
export function templateContainers(podSpec: unknown): [string, string] {
  const containers = list(get(podSpec, 'containers'));
  return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

export const CONTAINERS_COLUMN = column('Containers', 'Names of each container in the template.', 'string', 1);
export const IMAGES_COLUMN = column('Images', 'Images referenced by each container in the template.', 'string', 1);
export const SELECTOR_COLUMN = column('Selector', 'Label selector for the pods.', 'string', 1);

/** Go's `printBoolPtr`: `True`, `False`, or `<unset>`. */
export function boolPtr(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'True' : 'False') : '<unset>';
}

/** True when `conditions` has a condition of that type with status `True`. */
export function hasCondition(conditions: unknown, type: string): boolean {
  return list(conditions).some((c) => c.type === type && c.status === 'True');
}
