/**
 * Columns of custom resources: NAME, then the CRD version's `additionalPrinterColumns` (the API
 * server defaults them to a single `Age` column), evaluated with the JSONPath subset CRDs use:
 * `.a.b`, `.a[0]`, `.a[*].b` and `[?(@.type=="Ready")]` filters.
 */
import type { KubeObject } from '../../../shared/kube/object.ts';
import { timestampAge } from '../human-duration.ts';
import { type Cell, type ColumnDefinition, NAME_COLUMN, name, type Printer, record } from './column.ts';

/** A CRD `additionalPrinterColumns` entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

type Step = { key: string } | { index: number | '*' } | { filter: { path: string[]; value: string } };

function parsePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+|\*)\]|\[\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*==\s*(?:"([^"]*)"|'([^']*)')\)\]/y;
  let at = 0;
  const text = path
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\$/, '');
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: m[2] === '*' ? '*' : Number(m[2]) });
    else steps.push({ filter: { path: (m[3] ?? '').split('.').slice(1), value: m[4] ?? m[5] ?? '' } });
    at = re.lastIndex;
  }
  return steps;
}

function evaluate(obj: unknown, steps: Step[]): unknown[] {
  let current: unknown[] = [obj];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if ('key' in step) {
        const v = record(value)[step.key];
        if (v !== undefined) next.push(v);
      } else if (Array.isArray(value)) {
        if ('index' in step) {
          if (step.index === '*') next.push(...value);
          else if (value[step.index] !== undefined) next.push(value[step.index]);
        } else {
          const { path, value: wanted } = step.filter;
          next.push(...value.filter((item) => String(path.reduce<unknown>((o, k) => record(o)[k], item)) === wanted));
        }
      }
    }
    current = next;
  }
  return current;
}

function cell(column: PrinterColumn, obj: KubeObject, now: number): Cell {
  const steps = parsePath(column.jsonPath);
  if (!steps) return null;
  const values = evaluate(obj, steps);
  if (values.length === 0) return null;
  const value = values.length === 1 ? values[0] : values;
  if (column.type === 'date' && typeof value === 'string') return timestampAge(value, now);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const DEFAULT_COLUMNS: PrinterColumn[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];

export function customResourcePrinter(columns: readonly PrinterColumn[] | undefined): Printer {
  const extra = columns && columns.length > 0 ? columns : DEFAULT_COLUMNS;
  const definitions: ColumnDefinition[] = extra.map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? '',
    description: c.description ?? '',
    priority: c.priority ?? 0,
  }));
  return {
    columns: [NAME_COLUMN, ...definitions],
    cells: (obj, now) => [name(obj), ...extra.map((c) => cell(c, obj, now))],
  };
}
