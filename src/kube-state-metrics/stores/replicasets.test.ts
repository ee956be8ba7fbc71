import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { runFamilyCases, singleValueCases } from './family-test-cases.ts';
import { replicasetsResource } from './replicasets.ts';

const rs: KubeObject = {
  metadata: {
    namespace: 'ns1',
    name: 'rs1',
    uid: 'u1',
    generation: 21,
    creationTimestamp: '2017-05-26T18:40:00Z',
    labels: { app: 'example1' },
    annotations: { 'app.k8s.io/owner': '@foo' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'dp-name', uid: 'o1', controller: true },
      { apiVersion: 'v1', kind: 'Other', name: 'other', uid: 'o2' },
    ],
  },
  spec: { replicas: 5 },
  status: { replicas: 5, fullyLabeledReplicas: 10, readyReplicas: 5, terminatingReplicas: 1, observedGeneration: 1 },
};
const bare: KubeObject = { metadata: { namespace: 'ns2', name: 'rs2', uid: 'u2' } };
const L = 'namespace="ns1",replicaset="rs1"';

describe('replicasets families', () => {
  runFamilyCases(replicasetsResource, [
    ...singleValueCases(rs, L, [
      ['kube_replicaset_created', '[STABLE] Unix creation timestamp', '1.495824e+09'],
      ['kube_replicaset_status_replicas', '[STABLE] The number of replicas per ReplicaSet.', '5'],
      [
        'kube_replicaset_status_fully_labeled_replicas',
        '[STABLE] The number of fully labeled replicas per ReplicaSet.',
        '10',
      ],
      ['kube_replicaset_status_ready_replicas', '[STABLE] The number of ready replicas per ReplicaSet.', '5'],
      ['kube_replicaset_status_terminating_replicas', 'The number of terminating replicas per ReplicaSet.', '1'],
      [
        'kube_replicaset_status_observed_generation',
        '[STABLE] The generation observed by the ReplicaSet controller.',
        '1',
      ],
      ['kube_replicaset_spec_replicas', '[STABLE] Number of desired pods for a ReplicaSet.', '5'],
      [
        'kube_replicaset_metadata_generation',
        '[STABLE] Sequence number representing a specific generation of the desired state.',
        '21',
      ],
    ]),
    {
      name: 'absent fields: zero values for plain ints, nothing for optional ones',
      objects: [bare],
      want: `
        # HELP kube_replicaset_created [STABLE] Unix creation timestamp
        # TYPE kube_replicaset_created gauge
        # HELP kube_replicaset_status_replicas [STABLE] The number of replicas per ReplicaSet.
        # TYPE kube_replicaset_status_replicas gauge
        kube_replicaset_status_replicas{namespace="ns2",replicaset="rs2"} 0
        # HELP kube_replicaset_status_terminating_replicas The number of terminating replicas per ReplicaSet.
        # TYPE kube_replicaset_status_terminating_replicas gauge
        # HELP kube_replicaset_spec_replicas [STABLE] Number of desired pods for a ReplicaSet.
        # TYPE kube_replicaset_spec_replicas gauge
      `,
    },
    {
      name: 'kube_replicaset_owner',
      objects: [rs, bare],
      want: `
        # HELP kube_replicaset_owner [STABLE] Information about the ReplicaSet's owner.
        # TYPE kube_replicaset_owner gauge
        kube_replicaset_owner{namespace="ns1",replicaset="rs1",owner_kind="Deployment",owner_name="dp-name",owner_is_controller="true"} 1
        kube_replicaset_owner{namespace="ns1",replicaset="rs1",owner_kind="Other",owner_name="other",owner_is_controller="false"} 1
        kube_replicaset_owner{namespace="ns2",replicaset="rs2",owner_kind="",owner_name="",owner_is_controller=""} 1
      `,
    },
    {
      name: 'kube_replicaset_annotations and _labels',
      objects: [rs],
      allowLabels: ['app'],
      allowAnnotations: ['app.k8s.io/*'],
      want: `
        # HELP kube_replicaset_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_replicaset_annotations gauge
        kube_replicaset_annotations{namespace="ns1",replicaset="rs1",annotation_app_k8s_io_owner="@foo"} 1
        # HELP kube_replicaset_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_replicaset_labels gauge
        kube_replicaset_labels{namespace="ns1",replicaset="rs1",label_app="example1"} 1
      `,
    },
  ]);
});
