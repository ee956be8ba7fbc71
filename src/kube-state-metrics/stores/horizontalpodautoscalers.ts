/**
 * `horizontalpodautoscalers` (autoscaling/v2 HorizontalPodAutoscaler): 15 families, default labels
 * `namespace, horizontalpodautoscaler`.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, gauge, labelsFamily, maybe, valueOrZero } from './family-builders.ts';
import { quantityApproximateFloat } from './quantity-approx.ts';
import {
  arr,
  conditionTriplet,
  createdMetric,
  deletionTimestampMetric,
  namespaceNameLabels,
  num,
  obj,
  quantityToFloat,
  sample,
  str,
} from './store-utils.ts';

const TARGET_METRIC_LABELS = ['metric_name', 'metric_target_type', 'container'];

/** Which sub-object of a metric spec/status names the metric, per `type`. */
const SOURCE_FIELD: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

/**
 * One series per value kind present in a `MetricTarget` (spec) or `MetricValueStatus` (status):
 * `value` and `average` are quantities, `utilization` a percentage. `valuesField` is `target` or
 * `current`. Unknown types and missing sources are skipped.
 */
function targetMetrics(entries: unknown, valuesField: 'target' | 'current'): Metric[] {
  const out: Metric[] = [];
  for (const raw of arr(entries)) {
    const m = obj(raw);
    const field = SOURCE_FIELD[str(m.type)];
    if (field === undefined) continue;
    const source = m[field];
    if (source === null || typeof source !== 'object') continue;
    const src = obj(source);
    const named = field === 'resource' || field === 'containerResource';
    const metricName = named ? str(src.name) : str(obj(src.metric).name);
    const container = field === 'containerResource' ? str(src.container) : '';
    const values = obj(src[valuesField]);
    const kinds: [string, number | undefined][] = [
      ['value', values.value === undefined ? undefined : quantityToFloat(values.value)],
      ['utilization', num(values.averageUtilization)],
      ['average', values.averageValue === undefined ? undefined : quantityToFloat(values.averageValue)],
    ];
    for (const [kind, v] of kinds) {
      if (v !== undefined) out.push(sample(v, TARGET_METRIC_LABELS, [metricName, kind, container]));
    }
  }
  return out;
}

/** Go `Quantity.AsApproximateFloat64`: the tolerance as a plain float, nothing if unset or bad. */
function tolerance(h: KubeObject, direction: 'scaleUp' | 'scaleDown'): Metric[] {
  const t = obj(obj(obj(h.spec).behavior)[direction]).tolerance;
  if (t === undefined || t === null) return [];
  return maybe(quantityApproximateFloat(typeof t === 'number' ? String(t) : t));
}

function info(h: KubeObject): Metric[] {
  const ref = obj(obj(h.spec).scaleTargetRef);
  const apiVersion = str(ref.apiVersion);
  // Upstream leaves the api-version label out entirely when it is empty.
  if (apiVersion === '') {
    return [sample(1, ['scaletargetref_kind', 'scaletargetref_name'], [str(ref.kind), str(ref.name)])];
  }
  return [
    sample(
      1,
      ['scaletargetref_api_version', 'scaletargetref_kind', 'scaletargetref_name'],
      [apiVersion, str(ref.kind), str(ref.name)],
    ),
  ];
}

export const horizontalpodautoscalersResource: ResourceDefinition = {
  name: 'horizontalpodautoscalers',
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  resource: 'horizontalpodautoscalers',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('horizontalpodautoscaler'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_horizontalpodautoscaler_info', 'ALPHA', 'Information about this autoscaler.', info),
    gauge(
      'kube_horizontalpodautoscaler_metadata_generation',
      'STABLE',
      'The generation observed by the HorizontalPodAutoscaler controller.',
      (h) => valueOrZero(h.metadata?.generation),
    ),
    gauge(
      'kube_horizontalpodautoscaler_spec_max_replicas',
      'STABLE',
      'Upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas.',
      (h) => valueOrZero(obj(h.spec).maxReplicas),
    ),
    gauge(
      'kube_horizontalpodautoscaler_spec_min_replicas',
      'STABLE',
      'Lower limit for the number of pods that can be set by the autoscaler, default 1.',
      (h) => [sample(num(obj(h.spec).minReplicas) ?? 1)],
    ),
    gauge(
      'kube_horizontalpodautoscaler_spec_target_metric',
      'ALPHA',
      'The metric specifications used by this autoscaler when calculating the desired replica count.',
      (h) => targetMetrics(obj(h.spec).metrics, 'target'),
    ),
    gauge(
      'kube_horizontalpodautoscaler_spec_behavior_scale_down_tolerance',
      'ALPHA',
      'The tolerance on the ratio between the current and desired metric value below which no scale down occurs.',
      (h) => tolerance(h, 'scaleDown'),
    ),
    gauge(
      'kube_horizontalpodautoscaler_spec_behavior_scale_up_tolerance',
      'ALPHA',
      'The tolerance on the ratio between the current and desired metric value below which no scale up occurs.',
      (h) => tolerance(h, 'scaleUp'),
    ),
    gauge(
      'kube_horizontalpodautoscaler_status_target_metric',
      'STABLE',
      'The current metric status used by this autoscaler when calculating the desired replica count.',
      (h) => targetMetrics(obj(h.status).currentMetrics, 'current'),
    ),
    gauge(
      'kube_horizontalpodautoscaler_status_current_replicas',
      'STABLE',
      'Current number of replicas of pods managed by this autoscaler.',
      (h) => valueOrZero(obj(h.status).currentReplicas),
    ),
    gauge(
      'kube_horizontalpodautoscaler_status_desired_replicas',
      'STABLE',
      'Desired number of replicas of pods managed by this autoscaler.',
      (h) => valueOrZero(obj(h.status).desiredReplicas),
    ),
    annotationsFamily('kube_horizontalpodautoscaler_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_horizontalpodautoscaler_labels', 'STABLE', allowLabels),
    gauge('kube_horizontalpodautoscaler_status_condition', 'STABLE', 'The condition of this autoscaler.', (h) =>
      arr(obj(h.status).conditions).flatMap((c) =>
        conditionTriplet(obj(c).status, ['condition', 'status'], [str(obj(c).type)]),
      ),
    ),
    gauge('kube_horizontalpodautoscaler_created', 'ALPHA', 'Unix creation timestamp', createdMetric),
    gauge(
      'kube_horizontalpodautoscaler_deletion_timestamp',
      'ALPHA',
      'Unix deletion timestamp',
      deletionTimestampMetric,
    ),
  ],
};
