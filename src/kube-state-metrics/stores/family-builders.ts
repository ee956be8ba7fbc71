/**
 * Short constructors for family generators, so a store file reads as upstream's family list: the
 * name, stability and HELP literal first, then the body. Bodies use the total accessors of
 * `store-utils.ts` (never throw on partial objects); these helpers add no behaviour of their own.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { FamilyGenerator, Metric, StabilityLevel } from '../metric/family.ts';
import { allowListedMetric, num, sample, timestampSeconds } from './store-utils.ts';

export function gauge<T extends KubeObject = KubeObject>(
  name: string,
  stability: StabilityLevel,
  help: string,
  generate: (o: T) => Metric[],
): FamilyGenerator<T> {
  return { name, help, type: 'gauge', stability, generate };
}

export function counter<T extends KubeObject = KubeObject>(
  name: string,
  stability: StabilityLevel,
  help: string,
  generate: (o: T) => Metric[],
): FamilyGenerator<T> {
  return { name, help, type: 'counter', stability, generate };
}

/** A family hidden unless named in `--metric-opt-in-list`. */
export function optIn<T extends KubeObject>(gen: FamilyGenerator<T>): FamilyGenerator<T> {
  return { ...gen, optIn: true };
}

/** One unlabelled sample, or none when the value is absent (Go's `if x != nil`). */
export function maybe(v: number | undefined): Metric[] {
  return v === undefined ? [] : [sample(v)];
}

/** One unlabelled sample of a Go integer field: absent counts as its zero value. */
export function valueOrZero(v: unknown): Metric[] {
  return [sample(num(v) ?? 0)];
}

/** One unlabelled sample of an optional (pointer) integer field: nothing when absent. */
export function optionalValue(v: unknown): Metric[] {
  return maybe(num(v));
}

/** One unlabelled sample of a timestamp field in Unix seconds: nothing when unset. */
export function timestampValue(ts: unknown): Metric[] {
  return maybe(timestampSeconds(ts));
}

const LABELS_HELP = 'Kubernetes labels converted to Prometheus labels.';
const ANNOTATIONS_HELP = 'Kubernetes annotations converted to Prometheus labels.';

/** The `kube_<res>_labels` family: empty unless the resource is allow-listed. */
export function labelsFamily<T extends KubeObject>(
  name: string,
  stability: StabilityLevel,
  allowLabels: readonly string[],
): FamilyGenerator<T> {
  return gauge<T>(name, stability, LABELS_HELP, (o) => allowListedMetric(o?.metadata?.labels, allowLabels, 'label'));
}

/** The `kube_<res>_annotations` family: empty unless the resource is allow-listed. */
export function annotationsFamily<T extends KubeObject>(
  name: string,
  stability: StabilityLevel,
  allowAnnotations: readonly string[],
): FamilyGenerator<T> {
  return gauge<T>(name, stability, ANNOTATIONS_HELP, (o) =>
    allowListedMetric(o?.metadata?.annotations, allowAnnotations, 'annotation'),
  );
}
