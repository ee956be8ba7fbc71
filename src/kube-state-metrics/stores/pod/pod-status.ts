/** Pod status families: phase, QoS class, conditions and their times, status and disruption reasons. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import type { Metric } from '../../metric/family.ts';
import { conditionTriplet, obj, sample, str } from '../store-utils.ts';
import { conditions, containerStatuses, goUnix, podStatus } from './pod-fields.ts';

type Body = (p: KubeObject) => Metric[];

/** Upstream's series order; every phase is emitted (0/1) once the pod has one. */
const PHASES = ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running'];
const QOS_CLASSES = ['BestEffort', 'Burstable', 'Guaranteed'];

/** Reasons `kube_pod_status_reason` names; any other non-empty `status.reason` is reported as `Other`. */
export const POD_STATUS_REASONS = [
  'Evicted',
  'NodeAffinity',
  'NodeLost',
  'PreemptionByScheduler',
  'SchedulingGated',
  'Shutdown',
  'TerminationByKubelet',
  'UnexpectedAdmissionError',
];

/** Reasons of a `DisruptionTarget` condition; anything else is `Other`. */
export const DISRUPTION_REASONS = [
  'PreemptionByScheduler',
  'DeletionByTaintManager',
  'EvictionByEvictionAPI',
  'DeletionByPodGC',
  'TerminationByKubelet',
];

function stateSet(values: readonly string[], label: string, current: string): Metric[] {
  if (current === '') return [];
  return values.map((v) => sample(v === current ? 1 : 0, [label], [v]));
}

export function phase(p: KubeObject): Metric[] {
  return stateSet(PHASES, 'phase', str(podStatus(p).phase));
}

export function qosClass(p: KubeObject): Metric[] {
  return stateSet(QOS_CLASSES, 'qos_class', str(podStatus(p).qosClass));
}

/** Triplets (`condition="true|false|unknown"`) for every condition of `type`. */
export function conditionStatus(type: string): Body {
  return (p) => conditions(p).flatMap((c) => (c.type === type ? conditionTriplet(c.status) : []));
}

/** `lastTransitionTime` of each condition of `type` with status `status`. */
export function conditionTime(type: string, status: 'True' | 'False'): Body {
  return (p) =>
    conditions(p).flatMap((c) =>
      c.type === type && c.status === status ? [sample(goUnix(c.lastTransitionTime))] : [],
    );
}

/** `1` for each `PodScheduled=False` condition. */
export function unschedulable(p: KubeObject): Metric[] {
  return conditions(p).flatMap((c) => (c.type === 'PodScheduled' && c.status === 'False' ? [sample(1)] : []));
}

/** Every reason the pod carries: its own, its conditions', and its terminated containers'. */
function reasonsOf(p: KubeObject): Set<unknown> {
  const reasons = new Set<unknown>([podStatus(p).reason]);
  for (const c of conditions(p)) reasons.add(c.reason);
  for (const cs of containerStatuses(p, false)) reasons.add(obj(obj(cs.state).terminated).reason);
  return reasons;
}

/**
 * Only reasons that are set (since v2.20): from `status.reason`, any condition's reason, or a
 * terminated container's reason; an unknown `status.reason` adds `Other`.
 */
export function statusReason(p: KubeObject): Metric[] {
  const reasons = reasonsOf(p);
  const out = POD_STATUS_REASONS.filter((r) => reasons.has(r)).map((r) => sample(1, ['reason'], [r]));
  const own = str(podStatus(p).reason);
  if (own !== '' && !POD_STATUS_REASONS.includes(own)) out.push(sample(1, ['reason'], ['Other']));
  return out;
}

export function disruptionReason(p: KubeObject): Metric[] {
  return conditions(p)
    .filter((c) => c.type === 'DisruptionTarget')
    .map((c) => {
      const reason = str(c.reason);
      return sample(1, ['reason'], [DISRUPTION_REASONS.includes(reason) ? reason : 'Other']);
    });
}
