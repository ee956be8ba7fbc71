/**
 * Turns the enabled resources and the filtering options into metrics writers: families are
 * filtered once here (allow/deny/opt-in), and namespaced resources get one store per entry of
 * `--namespaces` (cluster-scoped ones always a single store), as upstream builds them.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ResourceDefinition } from '../metric/family.ts';
import type { FamilyFilter } from '../options/metric-filter.ts';
import { MetricsStore } from './metrics-store.ts';
import type { MetricsWriter } from './metrics-writer.ts';

export interface BuildWritersOptions {
  /** From `createFamilyFilter`; default keeps every non-opt-in family. */
  filter?: FamilyFilter;
  /** Resolved `--metric-labels-allowlist` (resource -> keys). */
  allowLabels?: ReadonlyMap<string, readonly string[]>;
  allowAnnotations?: ReadonlyMap<string, readonly string[]>;
  /** `--namespaces`; empty means one all-namespace store. */
  namespaces?: readonly string[];
}

/** One resource's writer plus its stores keyed by namespace (`''` = all namespaces). */
export interface BuiltWriter extends MetricsWriter {
  definition: ResourceDefinition;
  storesByNamespace: ReadonlyMap<string, MetricsStore>;
}

const defaultFilter: FamilyFilter = (f) => !f.optIn;

export function buildWriter(def: ResourceDefinition, options: BuildWritersOptions = {}): BuiltWriter {
  const filter = options.filter ?? defaultFilter;
  const families = def
    .families({
      allowLabels: options.allowLabels?.get(def.name) ?? [],
      allowAnnotations: options.allowAnnotations?.get(def.name) ?? [],
    })
    .filter(filter);
  const namespaces = def.namespaced && options.namespaces?.length ? [...new Set(options.namespaces)] : [''];
  const storesByNamespace = new Map(namespaces.map((ns) => [ns, new MetricsStore<KubeObject>(def, families)]));
  return { resource: def.name, definition: def, stores: [...storesByNamespace.values()], storesByNamespace };
}

/** Writers for every enabled resource, alphabetical (the scrape order). */
export function buildWriters(defs: readonly ResourceDefinition[], options: BuildWritersOptions = {}): BuiltWriter[] {
  return defs.map((d) => buildWriter(d, options)).sort((a, b) => (a.resource < b.resource ? -1 : 1));
}
