/**
 * Total accessors for the parts of a Pod the pod families read. Each returns plain records or
 * empty values for missing or malformed input, so family bodies never need their own guards.
 */
import type { KubeObject } from '../../../shared/kube/object.ts';
import { GO_ZERO_TIME_UNIX } from '../cron-schedule.ts';
import { arr, obj, timestampSeconds } from '../store-utils.ts';

// biome-ignore lint/suspicious/noExplicitAny: fields below a pod are arbitrary JSON
export type Fields = Record<string, any>;

export function podSpec(p: KubeObject): Fields {
  return obj(p.spec);
}

export function podStatus(p: KubeObject): Fields {
  return obj(p.status);
}

/** `spec.containers` or `spec.initContainers`, each as a record. */
export function specContainers(p: KubeObject, init: boolean): Fields[] {
  return arr(podSpec(p)[init ? 'initContainers' : 'containers']).map(obj);
}

/** `status.containerStatuses` or `status.initContainerStatuses`, each as a record. */
export function containerStatuses(p: KubeObject, init: boolean): Fields[] {
  return arr(podStatus(p)[init ? 'initContainerStatuses' : 'containerStatuses']).map(obj);
}

export function conditions(p: KubeObject): Fields[] {
  return arr(podStatus(p).conditions).map(obj);
}

/** A Go pointer/struct field that is present (`{}` counts, as a non-nil pointer does in Go). */
export function present(v: unknown): v is Fields {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Go's `metav1.Time.Unix()` without a zero check: an unset time is year 1, which upstream prints
 * as -6.21355968e+10. Families that read times this way keep that quirk.
 */
export function goUnix(ts: unknown): number {
  return timestampSeconds(ts) ?? GO_ZERO_TIME_UNIX;
}
