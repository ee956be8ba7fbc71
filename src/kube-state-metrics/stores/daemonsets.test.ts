import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { daemonsetsResource } from './daemonsets.ts';
import { runFamilyCases, singleValueCases } from './family-test-cases.ts';

const ds: KubeObject = {
  metadata: {
    namespace: 'ns1',
    name: 'ds1',
    uid: 'u1',
    generation: 21,
    creationTimestamp: '2017-05-26T18:40:00Z',
    deletionTimestamp: '2017-05-26T18:41:40Z',
    labels: { app: 'example1' },
    annotations: { 'app.k8s.io/owner': '@foo' },
  },
  status: {
    currentNumberScheduled: 15,
    desiredNumberScheduled: 5,
    numberAvailable: 10,
    numberMisscheduled: 10,
    numberReady: 5,
    numberUnavailable: 7,
    observedGeneration: 2,
    updatedNumberScheduled: 3,
  },
};
const L = 'namespace="ns1",daemonset="ds1"';

describe('daemonsets families', () => {
  runFamilyCases(daemonsetsResource, [
    ...singleValueCases(ds, L, [
      ['kube_daemonset_created', '[STABLE] Unix creation timestamp', '1.495824e+09'],
      [
        'kube_daemonset_status_current_number_scheduled',
        '[STABLE] The number of nodes running at least one daemon pod and are supposed to.',
        '15',
      ],
      [
        'kube_daemonset_status_desired_number_scheduled',
        '[STABLE] The number of nodes that should be running the daemon pod.',
        '5',
      ],
      [
        'kube_daemonset_status_number_available',
        '[STABLE] The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available',
        '10',
      ],
      [
        'kube_daemonset_status_number_misscheduled',
        '[STABLE] The number of nodes running a daemon pod but are not supposed to.',
        '10',
      ],
      [
        'kube_daemonset_status_number_ready',
        '[STABLE] The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
        '5',
      ],
      [
        'kube_daemonset_status_number_unavailable',
        '[STABLE] The number of nodes that should be running the daemon pod and have none of the daemon pod running and available',
        '7',
      ],
      [
        'kube_daemonset_status_observed_generation',
        '[STABLE] The most recent generation observed by the daemon set controller.',
        '2',
      ],
      [
        'kube_daemonset_status_updated_number_scheduled',
        '[STABLE] The total number of nodes that are running updated daemon pod',
        '3',
      ],
      [
        'kube_daemonset_metadata_generation',
        '[STABLE] Sequence number representing a specific generation of the desired state.',
        '21',
      ],
      ['kube_daemonset_deletion_timestamp', 'Unix deletion timestamp', '1.4958241e+09'],
    ]),
    {
      name: 'empty daemonset: zero counts, no timestamps',
      objects: [{ metadata: { namespace: 'ns2', name: 'ds2', uid: 'u2' } }],
      want: `
        # HELP kube_daemonset_created [STABLE] Unix creation timestamp
        # TYPE kube_daemonset_created gauge
        # HELP kube_daemonset_status_number_ready [STABLE] The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.
        # TYPE kube_daemonset_status_number_ready gauge
        kube_daemonset_status_number_ready{namespace="ns2",daemonset="ds2"} 0
        # HELP kube_daemonset_deletion_timestamp Unix deletion timestamp
        # TYPE kube_daemonset_deletion_timestamp gauge
      `,
    },
    {
      name: 'kube_daemonset_annotations and _labels',
      objects: [ds],
      allowLabels: ['*'],
      allowAnnotations: ['app.k8s.io/owner'],
      want: `
        # HELP kube_daemonset_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_daemonset_annotations gauge
        kube_daemonset_annotations{namespace="ns1",daemonset="ds1",annotation_app_k8s_io_owner="@foo"} 1
        # HELP kube_daemonset_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_daemonset_labels gauge
        kube_daemonset_labels{namespace="ns1",daemonset="ds1",label_app="example1"} 1
      `,
    },
  ]);
});
