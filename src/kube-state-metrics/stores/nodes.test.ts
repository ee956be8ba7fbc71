import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { runFamilyCases } from './family-test-cases.ts';
import { nodesResource } from './nodes.ts';

const node: KubeObject = {
  metadata: {
    name: '127.0.0.1',
    uid: 'u1',
    creationTimestamp: '2017-05-26T18:40:00Z',
    deletionTimestamp: '2017-05-26T18:41:40Z',
    labels: { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/worker': 'true', zone: 'a' },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: {
    unschedulable: true,
    providerID: 'provider://i-randomidentifier',
    podCIDR: '172.24.10.0/24',
    podCIDRs: ['172.24.10.0/24', 'fd00::/64'],
    taints: [
      { key: 'node.kubernetes.io/memory-pressure', value: 'true', effect: 'PreferNoSchedule' },
      { key: 'Dedicated', effect: 'NoSchedule' },
    ],
  },
  status: {
    nodeInfo: {
      kernelVersion: 'kernel',
      kubeletVersion: 'kubelet',
      osImage: 'osimage',
      containerRuntimeVersion: 'rkt',
      systemUUID: '6a934e21-5207-4a84-baea-3a952d926c80',
    },
    addresses: [
      { type: 'InternalIP', address: '1.2.3.4' },
      { type: 'Hostname', address: 'node-1' },
      { type: 'InternalIP', address: 'fc00::1' },
    ],
    capacity: {
      cpu: '4.3',
      memory: '2G',
      pods: '1000',
      'ephemeral-storage': '3G',
      storage: '3G',
      'hugepages-1Gi': '2Gi',
      'attachable-volumes-aws-ebs': '39',
      'nvidia.com/gpu': '4',
      'kubernetes.io/not-extended': '1',
      'bogus-native': '1',
    },
    allocatable: { cpu: '3', memory: '1G', pods: '555', 'ephemeral-storage': '2.5', 'example.com/dongle': '2' },
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'MemoryPressure', status: 'Unknown' },
      { type: 'DiskPressure', status: 'False' },
    ],
  },
};
const bare: KubeObject = { metadata: { name: 'bare', uid: 'u2' } };
const N = 'node="127.0.0.1"';

describe('nodes families', () => {
  runFamilyCases(nodesResource, [
    {
      name: 'kube_node_created and _deletion_timestamp',
      objects: [node, bare],
      want: `
        # HELP kube_node_created [STABLE] Unix creation timestamp
        # TYPE kube_node_created gauge
        kube_node_created{${N}} 1.495824e+09
        # HELP kube_node_deletion_timestamp Unix deletion timestamp
        # TYPE kube_node_deletion_timestamp gauge
        kube_node_deletion_timestamp{${N}} 1.4958241e+09
      `,
    },
    {
      name: 'kube_node_info (last InternalIP, kubeproxy_version constant)',
      objects: [node, bare],
      want: `
        # HELP kube_node_info [STABLE] Information about a cluster node.
        # TYPE kube_node_info gauge
        kube_node_info{${N},kernel_version="kernel",os_image="osimage",container_runtime_version="rkt",kubelet_version="kubelet",kubeproxy_version="deprecated",provider_id="provider://i-randomidentifier",pod_cidr="172.24.10.0/24",system_uuid="6a934e21-5207-4a84-baea-3a952d926c80",internal_ip="fc00::1"} 1
        kube_node_info{node="bare",kernel_version="",os_image="",container_runtime_version="",kubelet_version="",kubeproxy_version="deprecated",provider_id="",pod_cidr="",system_uuid="",internal_ip=""} 1
      `,
    },
    {
      name: 'kube_node_role',
      objects: [node, bare],
      want: `
        # HELP kube_node_role The role of a cluster node.
        # TYPE kube_node_role gauge
        kube_node_role{${N},role="master"} 1
        kube_node_role{${N},role="worker"} 1
      `,
    },
    {
      name: 'kube_node_spec_pod_cidrs',
      objects: [node, bare],
      want: `
        # HELP kube_node_spec_pod_cidrs The pod CIDRs of a cluster node.
        # TYPE kube_node_spec_pod_cidrs gauge
        kube_node_spec_pod_cidrs{${N},pod_cidr="172.24.10.0/24"} 1
        kube_node_spec_pod_cidrs{${N},pod_cidr="fd00::/64"} 1
      `,
    },
    {
      name: 'kube_node_spec_taint',
      objects: [node, bare],
      want: `
        # HELP kube_node_spec_taint [STABLE] The taint of a cluster node.
        # TYPE kube_node_spec_taint gauge
        kube_node_spec_taint{${N},key="node.kubernetes.io/memory-pressure",value="true",effect="PreferNoSchedule"} 1
        kube_node_spec_taint{${N},key="Dedicated",value="",effect="NoSchedule"} 1
      `,
    },
    {
      name: 'kube_node_spec_unschedulable',
      objects: [node, bare],
      want: `
        # HELP kube_node_spec_unschedulable [STABLE] Whether a node can schedule new pods.
        # TYPE kube_node_spec_unschedulable gauge
        kube_node_spec_unschedulable{${N}} 1
        kube_node_spec_unschedulable{node="bare"} 0
      `,
    },
    {
      name: 'kube_node_status_capacity',
      objects: [node, bare],
      want: `
        # HELP kube_node_status_capacity [STABLE] The capacity for different resources of a node.
        # TYPE kube_node_status_capacity gauge
        kube_node_status_capacity{${N},resource="cpu",unit="core"} 4.3
        kube_node_status_capacity{${N},resource="memory",unit="byte"} 2e+09
        kube_node_status_capacity{${N},resource="pods",unit="integer"} 1000
        kube_node_status_capacity{${N},resource="ephemeral_storage",unit="byte"} 3e+09
        kube_node_status_capacity{${N},resource="storage",unit="byte"} 3e+09
        kube_node_status_capacity{${N},resource="hugepages_1Gi",unit="byte"} 2.147483648e+09
        kube_node_status_capacity{${N},resource="attachable_volumes_aws_ebs",unit="byte"} 39
        kube_node_status_capacity{${N},resource="nvidia_com_gpu",unit="integer"} 4
      `,
    },
    {
      name: 'kube_node_status_allocatable (fractional bytes kept)',
      objects: [node, bare],
      want: `
        # HELP kube_node_status_allocatable [STABLE] The allocatable for different resources of a node that are available for scheduling.
        # TYPE kube_node_status_allocatable gauge
        kube_node_status_allocatable{${N},resource="cpu",unit="core"} 3
        kube_node_status_allocatable{${N},resource="memory",unit="byte"} 1e+09
        kube_node_status_allocatable{${N},resource="pods",unit="integer"} 555
        kube_node_status_allocatable{${N},resource="ephemeral_storage",unit="byte"} 2.5
        kube_node_status_allocatable{${N},resource="example_com_dongle",unit="integer"} 2
      `,
    },
    {
      name: 'kube_node_status_condition',
      objects: [node, bare],
      want: `
        # HELP kube_node_status_condition [STABLE] The condition of a cluster node.
        # TYPE kube_node_status_condition gauge
        kube_node_status_condition{${N},condition="Ready",status="true"} 1
        kube_node_status_condition{${N},condition="Ready",status="false"} 0
        kube_node_status_condition{${N},condition="Ready",status="unknown"} 0
        kube_node_status_condition{${N},condition="MemoryPressure",status="true"} 0
        kube_node_status_condition{${N},condition="MemoryPressure",status="false"} 0
        kube_node_status_condition{${N},condition="MemoryPressure",status="unknown"} 1
        kube_node_status_condition{${N},condition="DiskPressure",status="true"} 0
        kube_node_status_condition{${N},condition="DiskPressure",status="false"} 1
        kube_node_status_condition{${N},condition="DiskPressure",status="unknown"} 0
      `,
    },
    {
      name: 'kube_node_status_addresses',
      objects: [node, bare],
      want: `
        # HELP kube_node_status_addresses Node address information.
        # TYPE kube_node_status_addresses gauge
        kube_node_status_addresses{${N},type="InternalIP",address="1.2.3.4"} 1
        kube_node_status_addresses{${N},type="Hostname",address="node-1"} 1
        kube_node_status_addresses{${N},type="InternalIP",address="fc00::1"} 1
      `,
    },
    {
      name: 'kube_node_annotations and _labels',
      objects: [node],
      allowLabels: ['zone', 'node-role.kubernetes.io/*'],
      allowAnnotations: ['node.alpha.kubernetes.io/ttl'],
      want: `
        # HELP kube_node_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_node_annotations gauge
        kube_node_annotations{${N},annotation_node_alpha_kubernetes_io_ttl="0"} 1
        # HELP kube_node_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_node_labels gauge
        kube_node_labels{${N},label_node_role_kubernetes_io_master="",label_node_role_kubernetes_io_worker="true",label_zone="a"} 1
      `,
    },
  ]);
});
