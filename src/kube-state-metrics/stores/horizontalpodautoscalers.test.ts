import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { runFamilyCases, singleValueCases } from './family-test-cases.ts';
import { horizontalpodautoscalersResource } from './horizontalpodautoscalers.ts';

const hpa: KubeObject = {
  metadata: {
    namespace: 'ns1',
    name: 'hpa1',
    uid: 'u1',
    generation: 2,
    creationTimestamp: '2017-05-26T18:40:00Z',
    deletionTimestamp: '2017-05-26T18:41:40Z',
    labels: { app: 'foobar' },
    annotations: { 'app.k8s.io/owner': 'team-a' },
  },
  spec: {
    maxReplicas: 4,
    minReplicas: 2,
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'deployment1' },
    behavior: { scaleUp: { tolerance: '0.05' }, scaleDown: { tolerance: '100m' } },
    metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '800Ki' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
      {
        type: 'Object',
        object: {
          metric: { name: 'hits' },
          describedObject: { kind: 'Service', name: 'web' },
          target: { type: 'Value', value: '10', averageValue: '12' },
        },
      },
      { type: 'Pods', pods: { metric: { name: 'transactions_processed' }, target: { averageValue: '33' } } },
      { type: 'External', external: { metric: { name: 'sqs_jobs' }, target: { value: '30' } } },
      {
        type: 'ContainerResource',
        containerResource: { name: 'cpu', container: 'app', target: { averageUtilization: 60 } },
      },
      { type: 'Pods' },
      { type: 'Bogus', bogus: {} },
    ],
  },
  status: {
    currentReplicas: 2,
    desiredReplicas: 3,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '7m', averageUtilization: 7 } } },
      { type: 'Pods', pods: { metric: { name: 'transactions_processed' }, current: { averageValue: '30' } } },
      { type: 'External' },
      {
        type: 'ContainerResource',
        containerResource: { name: 'memory', container: 'app', current: { averageValue: '1Mi' } },
      },
    ],
    conditions: [
      { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale' },
      { type: 'ScalingLimited', status: 'False' },
    ],
  },
};
const minimal: KubeObject = { metadata: { namespace: 'ns1', name: 'hpa2', uid: 'u2' }, spec: { scaleTargetRef: {} } };
const L = 'namespace="ns1",horizontalpodautoscaler="hpa1"';

describe('horizontalpodautoscalers families', () => {
  runFamilyCases(horizontalpodautoscalersResource, [
    ...singleValueCases(hpa, L, [
      [
        'kube_horizontalpodautoscaler_metadata_generation',
        '[STABLE] The generation observed by the HorizontalPodAutoscaler controller.',
        '2',
      ],
      [
        'kube_horizontalpodautoscaler_spec_max_replicas',
        '[STABLE] Upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas.',
        '4',
      ],
      [
        'kube_horizontalpodautoscaler_spec_min_replicas',
        '[STABLE] Lower limit for the number of pods that can be set by the autoscaler, default 1.',
        '2',
      ],
      [
        'kube_horizontalpodautoscaler_spec_behavior_scale_down_tolerance',
        'The tolerance on the ratio between the current and desired metric value below which no scale down occurs.',
        '0.1',
      ],
      [
        'kube_horizontalpodautoscaler_spec_behavior_scale_up_tolerance',
        'The tolerance on the ratio between the current and desired metric value below which no scale up occurs.',
        '0.05',
      ],
      [
        'kube_horizontalpodautoscaler_status_current_replicas',
        '[STABLE] Current number of replicas of pods managed by this autoscaler.',
        '2',
      ],
      [
        'kube_horizontalpodautoscaler_status_desired_replicas',
        '[STABLE] Desired number of replicas of pods managed by this autoscaler.',
        '3',
      ],
      ['kube_horizontalpodautoscaler_created', 'Unix creation timestamp', '1.495824e+09'],
      ['kube_horizontalpodautoscaler_deletion_timestamp', 'Unix deletion timestamp', '1.4958241e+09'],
    ]),
    {
      name: 'kube_horizontalpodautoscaler_info (api version label only when set)',
      objects: [hpa, minimal],
      want: `
        # HELP kube_horizontalpodautoscaler_info Information about this autoscaler.
        # TYPE kube_horizontalpodautoscaler_info gauge
        kube_horizontalpodautoscaler_info{namespace="ns1",horizontalpodautoscaler="hpa1",scaletargetref_api_version="apps/v1",scaletargetref_kind="Deployment",scaletargetref_name="deployment1"} 1
        kube_horizontalpodautoscaler_info{namespace="ns1",horizontalpodautoscaler="hpa2",scaletargetref_kind="",scaletargetref_name=""} 1
      `,
    },
    {
      name: 'defaults: min replicas 1, zero counts, no tolerances',
      objects: [minimal],
      want: `
        # HELP kube_horizontalpodautoscaler_spec_max_replicas [STABLE] Upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas.
        # TYPE kube_horizontalpodautoscaler_spec_max_replicas gauge
        kube_horizontalpodautoscaler_spec_max_replicas{namespace="ns1",horizontalpodautoscaler="hpa2"} 0
        # HELP kube_horizontalpodautoscaler_spec_min_replicas [STABLE] Lower limit for the number of pods that can be set by the autoscaler, default 1.
        # TYPE kube_horizontalpodautoscaler_spec_min_replicas gauge
        kube_horizontalpodautoscaler_spec_min_replicas{namespace="ns1",horizontalpodautoscaler="hpa2"} 1
        # HELP kube_horizontalpodautoscaler_spec_behavior_scale_up_tolerance The tolerance on the ratio between the current and desired metric value below which no scale up occurs.
        # TYPE kube_horizontalpodautoscaler_spec_behavior_scale_up_tolerance gauge
      `,
    },
    {
      name: 'kube_horizontalpodautoscaler_spec_target_metric',
      objects: [hpa],
      want: `
        # HELP kube_horizontalpodautoscaler_spec_target_metric The metric specifications used by this autoscaler when calculating the desired replica count.
        # TYPE kube_horizontalpodautoscaler_spec_target_metric gauge
        kube_horizontalpodautoscaler_spec_target_metric{${L},metric_name="memory",metric_target_type="average",container=""} 819200
        kube_horizontalpodautoscaler_spec_target_metric{${L},metric_name="cpu",metric_target_type="utilization",container=""} 80
        kube_horizontalpodautoscaler_spec_target_metric{${L},metric_name="hits",metric_target_type="value",container=""} 10
        kube_horizontalpodautoscaler_spec_target_metric{${L},metric_name="hits",metric_target_type="average",container=""} 12
        kube_horizontalpodautoscaler_spec_target_metric{${L},metric_name="transactions_processed",metric_target_type="average",container=""} 33
        kube_horizontalpodautoscaler_spec_target_metric{${L},metric_name="sqs_jobs",metric_target_type="value",container=""} 30
        kube_horizontalpodautoscaler_spec_target_metric{${L},metric_name="cpu",metric_target_type="utilization",container="app"} 60
      `,
    },
    {
      name: 'kube_horizontalpodautoscaler_status_target_metric',
      objects: [hpa],
      want: `
        # HELP kube_horizontalpodautoscaler_status_target_metric [STABLE] The current metric status used by this autoscaler when calculating the desired replica count.
        # TYPE kube_horizontalpodautoscaler_status_target_metric gauge
        kube_horizontalpodautoscaler_status_target_metric{${L},metric_name="cpu",metric_target_type="average",container=""} 0.007
        kube_horizontalpodautoscaler_status_target_metric{${L},metric_name="cpu",metric_target_type="utilization",container=""} 7
        kube_horizontalpodautoscaler_status_target_metric{${L},metric_name="transactions_processed",metric_target_type="average",container=""} 30
        kube_horizontalpodautoscaler_status_target_metric{${L},metric_name="memory",metric_target_type="average",container="app"} 1.048576e+06
      `,
    },
    {
      name: 'kube_horizontalpodautoscaler_status_condition',
      objects: [hpa],
      want: `
        # HELP kube_horizontalpodautoscaler_status_condition [STABLE] The condition of this autoscaler.
        # TYPE kube_horizontalpodautoscaler_status_condition gauge
        kube_horizontalpodautoscaler_status_condition{${L},condition="AbleToScale",status="true"} 1
        kube_horizontalpodautoscaler_status_condition{${L},condition="AbleToScale",status="false"} 0
        kube_horizontalpodautoscaler_status_condition{${L},condition="AbleToScale",status="unknown"} 0
        kube_horizontalpodautoscaler_status_condition{${L},condition="ScalingLimited",status="true"} 0
        kube_horizontalpodautoscaler_status_condition{${L},condition="ScalingLimited",status="false"} 1
        kube_horizontalpodautoscaler_status_condition{${L},condition="ScalingLimited",status="unknown"} 0
      `,
    },
    {
      name: 'kube_horizontalpodautoscaler_annotations and _labels',
      objects: [hpa],
      allowLabels: ['app'],
      allowAnnotations: ['app.k8s.io/owner'],
      want: `
        # HELP kube_horizontalpodautoscaler_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_horizontalpodautoscaler_annotations gauge
        kube_horizontalpodautoscaler_annotations{${L},annotation_app_k8s_io_owner="team-a"} 1
        # HELP kube_horizontalpodautoscaler_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_horizontalpodautoscaler_labels gauge
        kube_horizontalpodautoscaler_labels{${L},label_app="foobar"} 1
      `,
    },
  ]);
});
