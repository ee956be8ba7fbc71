import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { runFamilyCases, singleValueCases } from './family-test-cases.ts';
import { statefulsetsResource } from './statefulsets.ts';

const ss: KubeObject = {
  metadata: {
    namespace: 'ns1',
    name: 'ss1',
    uid: 'u1',
    generation: 3,
    creationTimestamp: '2017-05-26T18:40:00Z',
    deletionTimestamp: '2017-05-26T18:41:40Z',
    labels: { app: 'example1' },
    annotations: { team: 'db' },
  },
  spec: {
    replicas: 3,
    ordinals: { start: 2 },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
  },
  status: {
    replicas: 2,
    availableReplicas: 1,
    currentReplicas: 2,
    readyReplicas: 1,
    updatedReplicas: 1,
    observedGeneration: 2,
    currentRevision: 'cr1',
    updateRevision: 'ur1',
  },
};
const bare: KubeObject = { metadata: { namespace: 'ns2', name: 'ss2', uid: 'u2' }, spec: { ordinals: {} } };
const L = 'namespace="ns1",statefulset="ss1"';

describe('statefulsets families', () => {
  runFamilyCases(statefulsetsResource, [
    ...singleValueCases(ss, L, [
      ['kube_statefulset_created', '[STABLE] Unix creation timestamp', '1.495824e+09'],
      ['kube_statefulset_status_replicas', '[STABLE] The number of replicas per StatefulSet.', '2'],
      ['kube_statefulset_status_replicas_available', '[STABLE] The number of available replicas per StatefulSet.', '1'],
      ['kube_statefulset_status_replicas_current', '[STABLE] The number of current replicas per StatefulSet.', '2'],
      ['kube_statefulset_status_replicas_ready', '[STABLE] The number of ready replicas per StatefulSet.', '1'],
      ['kube_statefulset_status_replicas_updated', '[STABLE] The number of updated replicas per StatefulSet.', '1'],
      [
        'kube_statefulset_status_observed_generation',
        '[STABLE] The generation observed by the StatefulSet controller.',
        '2',
      ],
      ['kube_statefulset_replicas', '[STABLE] Number of desired pods for a StatefulSet.', '3'],
      ['kube_statefulset_ordinals_start', '[STABLE] Start ordinal of the StatefulSet.', '2'],
      [
        'kube_statefulset_metadata_generation',
        '[STABLE] Sequence number representing a specific generation of the desired state for the StatefulSet.',
        '3',
      ],
      ['kube_statefulset_deletion_timestamp', '[STABLE] Unix deletion timestamp', '1.4958241e+09'],
    ]),
    {
      name: 'kube_statefulset_persistentvolumeclaim_retention_policy',
      objects: [ss, bare],
      want: `
        # HELP kube_statefulset_persistentvolumeclaim_retention_policy [STABLE] Count of retention policy for StatefulSet template PVCs
        # TYPE kube_statefulset_persistentvolumeclaim_retention_policy gauge
        kube_statefulset_persistentvolumeclaim_retention_policy{namespace="ns1",statefulset="ss1",when_deleted="Retain",when_scaled="Delete"} 1
      `,
    },
    {
      name: 'kube_statefulset_status_current_revision and _update_revision',
      objects: [ss, bare],
      want: `
        # HELP kube_statefulset_status_current_revision [STABLE] Indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).
        # TYPE kube_statefulset_status_current_revision gauge
        kube_statefulset_status_current_revision{namespace="ns1",statefulset="ss1",revision="cr1"} 1
        kube_statefulset_status_current_revision{namespace="ns2",statefulset="ss2",revision=""} 1
        # HELP kube_statefulset_status_update_revision [STABLE] Indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)
        # TYPE kube_statefulset_status_update_revision gauge
        kube_statefulset_status_update_revision{namespace="ns1",statefulset="ss1",revision="ur1"} 1
        kube_statefulset_status_update_revision{namespace="ns2",statefulset="ss2",revision=""} 1
      `,
    },
    {
      name: 'bare statefulset: zero counts, ordinals present without start, no replicas',
      objects: [bare],
      want: `
        # HELP kube_statefulset_status_replicas [STABLE] The number of replicas per StatefulSet.
        # TYPE kube_statefulset_status_replicas gauge
        kube_statefulset_status_replicas{namespace="ns2",statefulset="ss2"} 0
        # HELP kube_statefulset_replicas [STABLE] Number of desired pods for a StatefulSet.
        # TYPE kube_statefulset_replicas gauge
        # HELP kube_statefulset_ordinals_start [STABLE] Start ordinal of the StatefulSet.
        # TYPE kube_statefulset_ordinals_start gauge
        kube_statefulset_ordinals_start{namespace="ns2",statefulset="ss2"} 0
        # HELP kube_statefulset_deletion_timestamp [STABLE] Unix deletion timestamp
        # TYPE kube_statefulset_deletion_timestamp gauge
      `,
    },
    {
      name: 'kube_statefulset_annotations and _labels',
      objects: [ss],
      allowLabels: ['app'],
      allowAnnotations: ['team'],
      want: `
        # HELP kube_statefulset_annotations [STABLE] Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_statefulset_annotations gauge
        kube_statefulset_annotations{namespace="ns1",statefulset="ss1",annotation_team="db"} 1
        # HELP kube_statefulset_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_statefulset_labels gauge
        kube_statefulset_labels{namespace="ns1",statefulset="ss1",label_app="example1"} 1
      `,
    },
  ]);
});
