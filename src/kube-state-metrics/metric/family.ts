/**
 * The shape every kube-state-metrics resource store declares its metric families with.
 * A store file (`stores/<resource>.ts`) exports a `ResourceDefinition`; generators are pure
 * functions of one object, run when its watch event arrives (never at scrape time).
 */
import type { KubeObject } from '../../shared/kube/object.ts';

/** The `# TYPE` word. `info` and `stateset` are written as `gauge` in text format 0.0.4. */
export type MetricType = 'gauge' | 'counter' | 'info' | 'stateset';

export type StabilityLevel = 'STABLE' | 'ALPHA' | 'EXPERIMENTAL';

/** One sample: label names and values in output order, after the resource's default labels. */
export interface Metric {
  labelKeys: readonly string[];
  labelValues: readonly string[];
  value: number;
}

export interface FamilyGenerator<T extends KubeObject = KubeObject> {
  name: string;
  /** HELP text without the stability prefix (the writer adds `[STABLE] ` etc.). */
  help: string;
  type: MetricType;
  stability: StabilityLevel;
  /** Upstream version the family was deprecated in, e.g. `2.14.0`; rendered into HELP. */
  deprecatedVersion?: string;
  /** Only generated when named in `--metric-opt-in-list`. */
  optIn?: boolean;
  generate(obj: T): Metric[];
}

/** Allow lists resolved for one resource from `--metric-labels-allowlist` / `--metric-annotations-allowlist`. */
export interface ResourceFamilyOptions {
  /** Kubernetes label keys to expose in `kube_<res>_labels`; `['*']` means all. */
  allowLabels: readonly string[];
  allowAnnotations: readonly string[];
}

export interface ResourceDefinition<T extends KubeObject = KubeObject> {
  /** The `--resources` name, e.g. `pods`. */
  name: string;
  apiVersion: string;
  kind: string;
  /** Plural used in the API path. */
  resource: string;
  namespaced: boolean;
  /** Part of upstream's default resource set. */
  enabledByDefault: boolean;
  /** Builds the families; label/annotation allow lists only affect `_labels`/`_annotations` families. */
  families(options: ResourceFamilyOptions): FamilyGenerator<T>[];
  /**
   * Default labels prepended to every sample of this resource (`namespace`, `pod`, `uid` for pods),
   * in upstream order.
   */
  defaultLabels(obj: T): { keys: readonly string[]; values: readonly string[] };
}
