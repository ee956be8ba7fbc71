import { describe } from 'node:test';
import { runFamilyCases } from './family-test-cases.ts';
import { bare, D, P1, pod, running, succeeded } from './pod-fixtures.ts';
import { podsResource } from './pods.ts';

const unscheduled = pod(
  'pending',
  {},
  {
    phase: 'Pending',
    conditions: [
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: '2017-05-26T18:40:05Z' },
    ],
  },
);
const evicted = pod(
  'evicted',
  {},
  {
    phase: 'Failed',
    reason: 'Evicted',
    conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }],
  },
);
const oddReasons = pod(
  'odd',
  {},
  {
    reason: 'SomethingNew',
    conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'CustomController' }],
    containerStatuses: [{ name: 'c', state: { terminated: { reason: 'NodeLost' } } }],
  },
);
const deleting = pod('bye', {}, {}, { deletionTimestamp: '2017-05-26T18:45:00Z' });
const claims = pod(
  'dra',
  {
    resourceClaims: [
      { name: 'gpu', resourceClaimTemplateName: 'gpu-template' },
      { name: 'shared', resourceClaimName: 'shared-claim' },
      { name: 'dangling' },
    ],
  },
  { resourceClaimStatuses: [{ name: 'gpu', resourceClaimName: 'dra-gpu-x7k2' }] },
);

const U = 'namespace="ns1",pod="pending",uid="uid-pending"';

describe('pods families: pod metadata and spec', () => {
  runFamilyCases(podsResource, [
    {
      name: 'kube_pod_created',
      objects: [running, bare],
      want: `
        # HELP kube_pod_created [STABLE] Unix creation timestamp
        # TYPE kube_pod_created gauge
        kube_pod_created{${P1}} 1.495824e+09
      `,
    },
    {
      name: 'kube_pod_deletion_timestamp',
      objects: [running, deleting],
      want: `
        # HELP kube_pod_deletion_timestamp Unix deletion timestamp
        # TYPE kube_pod_deletion_timestamp gauge
        kube_pod_deletion_timestamp{namespace="ns1",pod="bye",uid="uid-bye"} 1.4958243e+09
      `,
    },
    {
      name: 'kube_pod_info',
      objects: [running, bare],
      want: `
        # HELP kube_pod_info [STABLE] Information about pod.
        # TYPE kube_pod_info gauge
        kube_pod_info{${P1},host_ip="10.0.0.1",pod_ip="10.244.0.5",node="node1",created_by_kind="ReplicaSet",created_by_name="web-5d4f",priority_class="system-node-critical",host_network="true"} 1
        kube_pod_info{namespace="ns1",pod="bare",uid="uid-bare",host_ip="",pod_ip="",node="",created_by_kind="",created_by_name="",priority_class="",host_network="false"} 1
      `,
    },
    {
      name: 'kube_pod_ips (v4-mapped counts as 4, unparsable skipped)',
      objects: [running, bare],
      want: `
        # HELP kube_pod_ips Pod IP addresses
        # TYPE kube_pod_ips gauge
        kube_pod_ips{${P1},ip="10.244.0.5",ip_family="4"} 1
        kube_pod_ips{${P1},ip="fd00::5",ip_family="6"} 1
        kube_pod_ips{${P1},ip="::ffff:10.0.0.9",ip_family="4"} 1
      `,
    },
    {
      name: 'kube_pod_annotations and kube_pod_labels',
      objects: [running],
      allowLabels: ['*'],
      allowAnnotations: ['prometheus.io/scrape'],
      want: `
        # HELP kube_pod_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_pod_annotations gauge
        kube_pod_annotations{${P1},annotation_prometheus_io_scrape="true"} 1
        # HELP kube_pod_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_pod_labels gauge
        kube_pod_labels{${P1},label_app="web",label_app_kubernetes_io_name="web"} 1
      `,
    },
    {
      name: 'kube_pod_overhead_cpu_cores and _memory_bytes',
      objects: [running, bare],
      want: `
        # HELP kube_pod_overhead_cpu_cores The pod overhead in regards to cpu cores associated with running a pod.
        # TYPE kube_pod_overhead_cpu_cores gauge
        kube_pod_overhead_cpu_cores{${P1}} 0.25
        # HELP kube_pod_overhead_memory_bytes The pod overhead in regards to memory associated with running a pod.
        # TYPE kube_pod_overhead_memory_bytes gauge
        kube_pod_overhead_memory_bytes{${P1}} 1.610612736e+09
      `,
    },
    {
      name: 'kube_pod_owner',
      objects: [running, bare],
      want: `
        # HELP kube_pod_owner [STABLE] Information about the Pod's owner.
        # TYPE kube_pod_owner gauge
        kube_pod_owner{${P1},owner_kind="ReplicaSet",owner_name="web-5d4f",owner_is_controller="true"} 1
        kube_pod_owner{${P1},owner_kind="Thing",owner_name="other",owner_is_controller="false"} 1
        kube_pod_owner{namespace="ns1",pod="bare",uid="uid-bare",owner_kind="",owner_name="",owner_is_controller=""} 1
      `,
    },
    {
      name: 'kube_pod_resourceclaim_info',
      objects: [claims, running],
      want: `
        # HELP kube_pod_resourceclaim_info Information about a DRA ResourceClaim referenced by a pod, one series per pod.spec.resourceClaims entry; claim_name is the pod-local reference and resourceclaim_name is the resolved ResourceClaim object name.
        # TYPE kube_pod_resourceclaim_info gauge
        kube_pod_resourceclaim_info{namespace="ns1",pod="dra",uid="uid-dra",claim_name="gpu",resourceclaim_name="dra-gpu-x7k2",resourceclaim_template_name="gpu-template"} 1
        kube_pod_resourceclaim_info{namespace="ns1",pod="dra",uid="uid-dra",claim_name="shared",resourceclaim_name="shared-claim",resourceclaim_template_name=""} 1
      `,
    },
    {
      name: 'kube_pod_restart_policy',
      objects: [running, succeeded],
      want: `
        # HELP kube_pod_restart_policy [STABLE] Describes the restart policy in use by this pod.
        # TYPE kube_pod_restart_policy gauge
        kube_pod_restart_policy{${P1},type="Always"} 1
        kube_pod_restart_policy{${D},type="Never"} 1
      `,
    },
    {
      name: 'kube_pod_runtimeclass_name_info',
      objects: [running, bare],
      want: `
        # HELP kube_pod_runtimeclass_name_info The runtimeclass associated with the pod.
        # TYPE kube_pod_runtimeclass_name_info gauge
        kube_pod_runtimeclass_name_info{${P1},runtimeclass_name="gvisor"} 1
      `,
    },
    {
      name: 'kube_pod_spec_volumes_persistentvolumeclaims_info',
      objects: [running, bare],
      want: `
        # HELP kube_pod_spec_volumes_persistentvolumeclaims_info [STABLE] Information about persistentvolumeclaim and ephemeral volumes in a pod.
        # TYPE kube_pod_spec_volumes_persistentvolumeclaims_info gauge
        kube_pod_spec_volumes_persistentvolumeclaims_info{${P1},volume="data",persistentvolumeclaim="claim-data",ephemeral="false"} 1
        kube_pod_spec_volumes_persistentvolumeclaims_info{${P1},volume="logs",persistentvolumeclaim="claim-logs",ephemeral="false"} 1
        kube_pod_spec_volumes_persistentvolumeclaims_info{${P1},volume="scratch",persistentvolumeclaim="pod1-scratch",ephemeral="true"} 1
      `,
    },
    {
      name: 'kube_pod_spec_volumes_persistentvolumeclaims_readonly',
      objects: [running, bare],
      want: `
        # HELP kube_pod_spec_volumes_persistentvolumeclaims_readonly [STABLE] Describes whether a persistentvolumeclaim is mounted read only. Ephemeral volumes always report 0 since the ephemeral volume source does not support a read-only flag.
        # TYPE kube_pod_spec_volumes_persistentvolumeclaims_readonly gauge
        kube_pod_spec_volumes_persistentvolumeclaims_readonly{${P1},volume="data",persistentvolumeclaim="claim-data",ephemeral="false"} 1
        kube_pod_spec_volumes_persistentvolumeclaims_readonly{${P1},volume="logs",persistentvolumeclaim="claim-logs",ephemeral="false"} 0
        kube_pod_spec_volumes_persistentvolumeclaims_readonly{${P1},volume="scratch",persistentvolumeclaim="pod1-scratch",ephemeral="true"} 0
      `,
    },
    {
      name: 'kube_pod_start_time',
      objects: [running, bare],
      want: `
        # HELP kube_pod_start_time [STABLE] Start time in unix timestamp for a pod.
        # TYPE kube_pod_start_time gauge
        kube_pod_start_time{${P1}} 1.495824005e+09
      `,
    },
    {
      name: 'kube_pod_tolerations (duplicates collapse)',
      objects: [running, bare],
      want: `
        # HELP kube_pod_tolerations Information about the pod tolerations
        # TYPE kube_pod_tolerations gauge
        kube_pod_tolerations{${P1},key="node.kubernetes.io/not-ready",operator="Exists",value="",effect="NoExecute",toleration_seconds="300"} 1
        kube_pod_tolerations{${P1},key="dedicated",operator="Equal",value="gpu",effect="NoSchedule",toleration_seconds=""} 1
        kube_pod_tolerations{${P1},key="",operator="Exists",value="",effect="",toleration_seconds=""} 1
      `,
    },
    {
      name: 'kube_pod_nodeselectors (opt-in; one series even when empty)',
      objects: [running, bare],
      want: `
        # HELP kube_pod_nodeselectors Describes the Pod nodeSelectors.
        # TYPE kube_pod_nodeselectors gauge
        kube_pod_nodeselectors{${P1},nodeselector_disktype="ssd",nodeselector_kubernetes_io_os="linux"} 1
        kube_pod_nodeselectors{namespace="ns1",pod="bare",uid="uid-bare"} 1
      `,
    },
    {
      name: 'kube_pod_service_account',
      objects: [running, bare],
      want: `
        # HELP kube_pod_service_account The service account for a pod.
        # TYPE kube_pod_service_account gauge
        kube_pod_service_account{${P1},service_account="sa1"} 1
        kube_pod_service_account{namespace="ns1",pod="bare",uid="uid-bare",service_account=""} 1
      `,
    },
    {
      name: 'kube_pod_scheduler',
      objects: [running],
      want: `
        # HELP kube_pod_scheduler The scheduler for a pod.
        # TYPE kube_pod_scheduler gauge
        kube_pod_scheduler{${P1},name="default-scheduler"} 1
      `,
    },
  ]);
});

describe('pods families: status', () => {
  runFamilyCases(podsResource, [
    {
      name: 'kube_pod_status_phase (all five, none without a phase)',
      objects: [running, bare],
      want: `
        # HELP kube_pod_status_phase [STABLE] The pods current phase.
        # TYPE kube_pod_status_phase gauge
        kube_pod_status_phase{${P1},phase="Pending"} 0
        kube_pod_status_phase{${P1},phase="Succeeded"} 0
        kube_pod_status_phase{${P1},phase="Failed"} 0
        kube_pod_status_phase{${P1},phase="Unknown"} 0
        kube_pod_status_phase{${P1},phase="Running"} 1
      `,
    },
    {
      name: 'kube_pod_status_qos_class',
      objects: [running, bare],
      want: `
        # HELP kube_pod_status_qos_class The pods current qosClass.
        # TYPE kube_pod_status_qos_class gauge
        kube_pod_status_qos_class{${P1},qos_class="BestEffort"} 0
        kube_pod_status_qos_class{${P1},qos_class="Burstable"} 1
        kube_pod_status_qos_class{${P1},qos_class="Guaranteed"} 0
      `,
    },
    {
      name: 'kube_pod_status_ready',
      objects: [running, unscheduled],
      want: `
        # HELP kube_pod_status_ready [STABLE] Describes whether the pod is ready to serve requests.
        # TYPE kube_pod_status_ready gauge
        kube_pod_status_ready{${P1},condition="true"} 1
        kube_pod_status_ready{${P1},condition="false"} 0
        kube_pod_status_ready{${P1},condition="unknown"} 0
      `,
    },
    {
      name: 'kube_pod_status_ready_time, _initialized_time, _container_ready_time',
      objects: [running, unscheduled],
      want: `
        # HELP kube_pod_status_ready_time Readiness achieved time in unix timestamp for a pod.
        # TYPE kube_pod_status_ready_time gauge
        kube_pod_status_ready_time{${P1}} 1.49582403e+09
        # HELP kube_pod_status_initialized_time Initialized time in unix timestamp for a pod.
        # TYPE kube_pod_status_initialized_time gauge
        kube_pod_status_initialized_time{${P1}} 1.49582401e+09
        # HELP kube_pod_status_container_ready_time Readiness achieved time in unix timestamp for a pod containers.
        # TYPE kube_pod_status_container_ready_time gauge
        kube_pod_status_container_ready_time{${P1}} 1.49582402e+09
      `,
    },
    {
      name: 'kube_pod_status_reason (only reasons that are set, unknown status.reason as Other)',
      objects: [running, evicted, oddReasons],
      want: `
        # HELP kube_pod_status_reason The pod status reasons
        # TYPE kube_pod_status_reason gauge
        kube_pod_status_reason{namespace="ns1",pod="evicted",uid="uid-evicted",reason="Evicted"} 1
        kube_pod_status_reason{namespace="ns1",pod="odd",uid="uid-odd",reason="NodeLost"} 1
        kube_pod_status_reason{namespace="ns1",pod="odd",uid="uid-odd",reason="Other"} 1
      `,
    },
    {
      name: 'kube_pod_status_disruption_reason',
      objects: [running, evicted, oddReasons],
      want: `
        # HELP kube_pod_status_disruption_reason The pod disruption condition reason
        # TYPE kube_pod_status_disruption_reason gauge
        kube_pod_status_disruption_reason{namespace="ns1",pod="evicted",uid="uid-evicted",reason="EvictionByEvictionAPI"} 1
        kube_pod_status_disruption_reason{namespace="ns1",pod="odd",uid="uid-odd",reason="Other"} 1
      `,
    },
    {
      name: 'kube_pod_status_scheduled',
      objects: [running, unscheduled, bare],
      want: `
        # HELP kube_pod_status_scheduled [STABLE] Describes the status of the scheduling process for the pod.
        # TYPE kube_pod_status_scheduled gauge
        kube_pod_status_scheduled{${P1},condition="true"} 1
        kube_pod_status_scheduled{${P1},condition="false"} 0
        kube_pod_status_scheduled{${P1},condition="unknown"} 0
        kube_pod_status_scheduled{${U},condition="true"} 0
        kube_pod_status_scheduled{${U},condition="false"} 1
        kube_pod_status_scheduled{${U},condition="unknown"} 0
      `,
    },
    {
      name: 'kube_pod_status_scheduled_time',
      objects: [running, unscheduled],
      want: `
        # HELP kube_pod_status_scheduled_time [STABLE] Unix timestamp when pod moved into scheduled status
        # TYPE kube_pod_status_scheduled_time gauge
        kube_pod_status_scheduled_time{${P1}} 1.495824001e+09
      `,
    },
    {
      name: 'kube_pod_status_unschedulable and _unscheduled_time',
      objects: [running, unscheduled],
      want: `
        # HELP kube_pod_status_unschedulable [STABLE] Describes the unschedulable status for the pod.
        # TYPE kube_pod_status_unschedulable gauge
        kube_pod_status_unschedulable{${U}} 1
        # HELP kube_pod_status_unscheduled_time Unix timestamp when pod moved into unscheduled status
        # TYPE kube_pod_status_unscheduled_time gauge
        kube_pod_status_unscheduled_time{${U}} 1.495824005e+09
      `,
    },
  ]);
});
