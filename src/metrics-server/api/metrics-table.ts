/**
 * `meta.k8s.io` Table output (`kubectl get nodes.metrics.k8s.io`), columns as upstream's
 * `pkg/api/table.go`: Name, one column per resource of the first item (sorted), Window.
 */
import { formatBytes, formatNanoCores } from '../../shared/quantity/index.ts';
import type { NodeMetricsItem, PodMetricsItem, ResourceUsage } from './api-types.ts';
import { formatWindow, nodeMetadataJson, nodeMetricsJson, podMetadataJson, podMetricsJson } from './metrics-json.ts';

export type TableVersion = 'v1' | 'v1beta1';
export type IncludeObject = 'None' | 'Metadata' | 'Object';

const RESOURCE_COLUMNS = ['cpu', 'memory'] as const;

function column(name: string, format: string, description: string) {
  return { name, type: 'string', format, description, priority: 0 };
}

function formatResource(resource: (typeof RESOURCE_COLUMNS)[number], usage: ResourceUsage): string {
  return resource === 'cpu' ? formatNanoCores(usage.cpu) : formatBytes(usage.memory);
}

function table(
  version: TableVersion,
  resources: readonly (typeof RESOURCE_COLUMNS)[number][] | undefined,
  rows: { cells: string[]; object: Record<string, unknown> | null }[],
) {
  // An empty list has neither columns nor rows (nil slices in Go, so `null`).
  if (resources === undefined) {
    return { kind: 'Table', apiVersion: `meta.k8s.io/${version}`, metadata: {}, columnDefinitions: null, rows: null };
  }
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: {},
    columnDefinitions: [
      column('Name', 'name', 'Name of the resource'),
      ...resources.map((r) => column(r, 'quantity', '')),
      column('Window', 'duration', ''),
    ],
    rows: rows.map((row) => (row.object === null ? { cells: row.cells } : { cells: row.cells, object: row.object })),
  };
}

function rowObject(
  include: IncludeObject,
  tableVersion: TableVersion,
  metadata: Record<string, unknown>,
  full: () => Record<string, unknown>,
): Record<string, unknown> | null {
  if (include === 'None') return null;
  if (include === 'Object') return full();
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${tableVersion}`, metadata };
}

export function nodeMetricsTable(
  items: readonly NodeMetricsItem[],
  version: TableVersion,
  include: IncludeObject,
  metricsVersion: 'v1beta1' | 'v1',
) {
  const resources = items.length === 0 ? undefined : RESOURCE_COLUMNS;
  return table(
    version,
    resources,
    items.map((item) => ({
      cells: [item.name, ...RESOURCE_COLUMNS.map((r) => formatResource(r, item.usage)), formatWindow(item.window)],
      object: rowObject(include, version, nodeMetadataJson(item), () => nodeMetricsJson(item, metricsVersion)),
    })),
  );
}

export function podMetricsTable(
  items: readonly PodMetricsItem[],
  version: TableVersion,
  include: IncludeObject,
  metricsVersion: 'v1beta1' | 'v1',
) {
  // Upstream takes the columns from the first pod's containers; a pod without containers has none.
  const first = items[0];
  const resources = first === undefined ? undefined : first.containers.length === 0 ? [] : RESOURCE_COLUMNS;
  return table(
    version,
    resources,
    items.map((item) => {
      // The pod's cell is the sum over its containers (Quantity.Add keeps the first operand's format).
      const sum: ResourceUsage = { cpu: 0, memory: 0 };
      for (const c of item.containers) {
        sum.cpu += c.usage.cpu;
        sum.memory += c.usage.memory;
      }
      return {
        cells: [item.name, ...(resources ?? []).map((r) => formatResource(r, sum)), formatWindow(item.window)],
        object: rowObject(include, version, podMetadataJson(item), () => podMetricsJson(item, metricsVersion)),
      };
    }),
  );
}
