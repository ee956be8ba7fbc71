import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { expectFamilies } from '../metric/testing.ts';
import { deploymentsResource } from './deployments.ts';

const base = (extra: Partial<KubeObject> = {}): KubeObject => ({
  metadata: { namespace: 'ns1', name: 'web', uid: 'u1', creationTimestamp: '2017-05-26T18:40:00Z', generation: 21 },
  ...extra,
});

const full = base({
  metadata: {
    namespace: 'ns1',
    name: 'web',
    uid: 'u1',
    creationTimestamp: '2017-05-26T18:40:00Z',
    deletionTimestamp: '2017-05-26T18:45:00Z',
    generation: 21,
    labels: { app: 'web', 'app.kubernetes.io/name': 'web' },
    annotations: { 'company.io/team': 'payments' },
    ownerReferences: [{ apiVersion: 'x/v1', kind: 'Rollout', name: 'web-rollout', uid: 'o1', controller: true }],
  },
  spec: {
    replicas: 15,
    paused: true,
    strategy: { rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
  },
  status: {
    replicas: 15,
    readyReplicas: 9,
    availableReplicas: 10,
    unavailableReplicas: 5,
    updatedReplicas: 2,
    terminatingReplicas: 3,
    observedGeneration: 111,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'False', reason: 'Some free text' },
      { type: 'ReplicaFailure', status: 'Unknown' },
    ],
  },
});

describe('deployments families', () => {
  const cases: {
    name: string;
    objects: KubeObject[];
    want: string;
    allowLabels?: string[];
    allowAnnotations?: string[];
  }[] = [
    {
      name: 'kube_deployment_owner',
      objects: [full, base({ metadata: { namespace: 'ns1', name: 'orphan' } })],
      want: `
        # HELP kube_deployment_owner Information about the Deployment's owner.
        # TYPE kube_deployment_owner gauge
        kube_deployment_owner{namespace="ns1",deployment="web",owner_kind="Rollout",owner_name="web-rollout"} 1
        kube_deployment_owner{namespace="ns1",deployment="orphan",owner_kind="",owner_name=""} 1
      `,
    },
    {
      name: 'kube_deployment_created',
      objects: [full, base({ metadata: { namespace: 'ns1', name: 'new' } })],
      want: `
        # HELP kube_deployment_created [STABLE] Unix creation timestamp
        # TYPE kube_deployment_created gauge
        kube_deployment_created{namespace="ns1",deployment="web"} 1.495824e+09
      `,
    },
    ...(
      [
        ['kube_deployment_status_replicas', 'The number of replicas per deployment.', '15'],
        ['kube_deployment_status_replicas_ready', 'The number of ready replicas per deployment.', '9'],
        ['kube_deployment_status_replicas_available', 'The number of available replicas per deployment.', '10'],
        ['kube_deployment_status_replicas_unavailable', 'The number of unavailable replicas per deployment.', '5'],
        ['kube_deployment_status_replicas_updated', 'The number of updated replicas per deployment.', '2'],
        ['kube_deployment_status_observed_generation', 'The generation observed by the deployment controller.', '111'],
        ['kube_deployment_spec_replicas', 'Number of desired pods for a deployment.', '15'],
        [
          'kube_deployment_spec_paused',
          'Whether the deployment is paused and will not be processed by the deployment controller.',
          '1',
        ],
        [
          'kube_deployment_metadata_generation',
          'Sequence number representing a specific generation of the desired state.',
          '21',
        ],
        [
          'kube_deployment_spec_strategy_rollingupdate_max_unavailable',
          'Maximum number of unavailable replicas during a rolling update of a deployment.',
          '3',
        ],
        [
          'kube_deployment_spec_strategy_rollingupdate_max_surge',
          'Maximum number of replicas that can be scheduled above the desired number of replicas during a rolling update of a deployment.',
          '4',
        ],
      ] as const
    ).map(([name, help, value]) => ({
      name,
      objects: [full],
      want: `
        # HELP ${name} [STABLE] ${help}
        # TYPE ${name} gauge
        ${name}{namespace="ns1",deployment="web"} ${value}
      `,
    })),
    {
      name: 'zero-valued status counts and absent optionals',
      objects: [base()],
      want: `
        # HELP kube_deployment_status_replicas [STABLE] The number of replicas per deployment.
        # TYPE kube_deployment_status_replicas gauge
        kube_deployment_status_replicas{namespace="ns1",deployment="web"} 0
        # HELP kube_deployment_status_terminating_replicas The number of terminating replicas per deployment.
        # TYPE kube_deployment_status_terminating_replicas gauge
        # HELP kube_deployment_spec_replicas [STABLE] Number of desired pods for a deployment.
        # TYPE kube_deployment_spec_replicas gauge
        # HELP kube_deployment_spec_strategy_rollingupdate_max_surge [STABLE] Maximum number of replicas that can be scheduled above the desired number of replicas during a rolling update of a deployment.
        # TYPE kube_deployment_spec_strategy_rollingupdate_max_surge gauge
      `,
    },
    {
      name: 'kube_deployment_status_terminating_replicas',
      objects: [full],
      want: `
        # HELP kube_deployment_status_terminating_replicas The number of terminating replicas per deployment.
        # TYPE kube_deployment_status_terminating_replicas gauge
        kube_deployment_status_terminating_replicas{namespace="ns1",deployment="web"} 3
      `,
    },
    {
      name: 'kube_deployment_status_condition',
      objects: [full],
      want: `
        # HELP kube_deployment_status_condition [STABLE] The current status conditions of a deployment.
        # TYPE kube_deployment_status_condition gauge
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="MinimumReplicasAvailable",condition="Available",status="true"} 1
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="MinimumReplicasAvailable",condition="Available",status="false"} 0
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="MinimumReplicasAvailable",condition="Available",status="unknown"} 0
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="unknown",condition="Progressing",status="true"} 0
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="unknown",condition="Progressing",status="false"} 1
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="unknown",condition="Progressing",status="unknown"} 0
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="",condition="ReplicaFailure",status="true"} 0
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="",condition="ReplicaFailure",status="false"} 0
        kube_deployment_status_condition{namespace="ns1",deployment="web",reason="",condition="ReplicaFailure",status="unknown"} 1
      `,
    },
    {
      name: 'rolling update: integers, rounding, bad values',
      objects: [
        base({
          metadata: { namespace: 'ns1', name: 'int' },
          spec: { replicas: 10, strategy: { rollingUpdate: { maxUnavailable: 2, maxSurge: 0 } } },
        }),
        base({
          metadata: { namespace: 'ns1', name: 'pct' },
          spec: { replicas: 10, strategy: { rollingUpdate: { maxUnavailable: '33%', maxSurge: '33%' } } },
        }),
        base({
          metadata: { namespace: 'ns1', name: 'bad' },
          spec: { replicas: 10, strategy: { rollingUpdate: { maxUnavailable: 'two', maxSurge: '5' } } },
        }),
        base({
          metadata: { namespace: 'ns1', name: 'norep' },
          spec: { strategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } },
        }),
        base({
          metadata: { namespace: 'ns1', name: 'recreate' },
          spec: { replicas: 3, strategy: { type: 'Recreate' } },
        }),
      ],
      want: `
        # HELP kube_deployment_spec_strategy_rollingupdate_max_unavailable [STABLE] Maximum number of unavailable replicas during a rolling update of a deployment.
        # TYPE kube_deployment_spec_strategy_rollingupdate_max_unavailable gauge
        kube_deployment_spec_strategy_rollingupdate_max_unavailable{namespace="ns1",deployment="int"} 2
        kube_deployment_spec_strategy_rollingupdate_max_unavailable{namespace="ns1",deployment="pct"} 3
        # HELP kube_deployment_spec_strategy_rollingupdate_max_surge [STABLE] Maximum number of replicas that can be scheduled above the desired number of replicas during a rolling update of a deployment.
        # TYPE kube_deployment_spec_strategy_rollingupdate_max_surge gauge
        kube_deployment_spec_strategy_rollingupdate_max_surge{namespace="ns1",deployment="int"} 0
        kube_deployment_spec_strategy_rollingupdate_max_surge{namespace="ns1",deployment="pct"} 4
      `,
    },
    {
      name: 'kube_deployment_deletion_timestamp',
      objects: [full, base({ metadata: { namespace: 'ns1', name: 'live', uid: 'u2' } })],
      want: `
        # HELP kube_deployment_deletion_timestamp Unix deletion timestamp
        # TYPE kube_deployment_deletion_timestamp gauge
        kube_deployment_deletion_timestamp{namespace="ns1",deployment="web"} 1.4958243e+09
      `,
    },
    {
      name: 'kube_deployment_labels and _annotations without allow lists',
      objects: [full],
      want: `
        # HELP kube_deployment_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_deployment_annotations gauge
        # HELP kube_deployment_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_deployment_labels gauge
      `,
    },
    {
      name: 'kube_deployment_labels and _annotations allow-listed',
      objects: [full],
      allowLabels: ['app.kubernetes.io/name', 'missing'],
      allowAnnotations: ['*'],
      want: `
        # HELP kube_deployment_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_deployment_annotations gauge
        kube_deployment_annotations{namespace="ns1",deployment="web",annotation_company_io_team="payments"} 1
        # HELP kube_deployment_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_deployment_labels gauge
        kube_deployment_labels{namespace="ns1",deployment="web",label_app_kubernetes_io_name="web"} 1
      `,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const families = [...c.want.matchAll(/# HELP (\S+)/g)].map((m) => m[1] ?? '');
      await expectFamilies(deploymentsResource, c.objects, c.want, {
        families,
        allowLabels: c.allowLabels,
        allowAnnotations: c.allowAnnotations,
      });
    });
  }
});
