/**
 * `meta.k8s.io/v1` Table responses (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), which
 * `kubectl get` prints as is: the server decides the columns and renders every cell, wide columns
 * included (kubectl hides priority > 0 columns unless `-o wide`).
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ResourceType } from './resource-types.ts';
import type { Cell, ColumnDefinition, Printer, RowCondition } from './table-columns/column.ts';
import { customResourcePrinter, type PrinterColumn } from './table-columns/custom-resource.ts';
import { hasPrinter, printerFor } from './table-columns/index.ts';

export type { Cell, ColumnDefinition } from './table-columns/column.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** `includeObject` query parameter; kube-apiserver's default is `Metadata`. */
  includeObject: IncludeObject;
  /** Omit the column definitions (`null`), as kube-apiserver does for watch events after the first. */
  noHeaders?: boolean;
  /** Reference time for ages, ms since epoch. */
  now: number;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface TableRow {
  cells: Cell[];
  conditions?: RowCondition[];
  object?: KubeObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[] | null;
  rows: TableRow[];
}

function rowObject(obj: KubeObject, include: IncludeObject): KubeObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/**
 * A custom resource type may carry its CRD version's `additionalPrinterColumns` (validated, as the
 * API server stores them); built-in kinds use kubectl's printers.
 */
function isPrinterColumn(c: unknown): c is PrinterColumn {
  const col = c as Partial<PrinterColumn> | null;
  return typeof col?.name === 'string' && typeof col.jsonPath === 'string';
}

function printerOf(type: ResourceType): Printer {
  if (hasPrinter(type.group, type.kind)) return printerFor(type.group, type.kind);
  const columns = Array.isArray(type.additionalPrinterColumns) ? type.additionalPrinterColumns : undefined;
  return customResourcePrinter(columns?.filter(isPrinterColumn));
}

export function buildTable(type: ResourceType, objects: readonly KubeObject[], options: TableOptions): Table {
  const printer = printerOf(type);
  const rows = objects.map((obj): TableRow => {
    let cells: Cell[];
    try {
      cells = printer.cells(obj, options.now);
    } catch {
      // The readers are defensive; this only guards against a printer bug taking a list down.
      cells = printer.columns.map((_, i) => (i === 0 ? (obj.metadata?.name ?? '') : ''));
    }
    const row: TableRow = { cells };
    const conditions = printer.conditions?.(obj);
    if (conditions) row.conditions = conditions;
    const object = rowObject(obj, options.includeObject);
    if (object) row.object = object;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  if (options.continue) metadata.continue = options.continue;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options.noHeaders ? null : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
