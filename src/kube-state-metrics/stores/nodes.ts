/** `nodes` (v1 Node, cluster-scoped): 13 families, default label `node`. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, gauge, labelsFamily } from './family-builders.ts';
import { nodeResourceSamples } from './resource-units.ts';
import {
  arr,
  boolValue,
  conditionTriplet,
  createdMetric,
  deletionTimestampMetric,
  nameLabel,
  obj,
  sample,
  str,
  stringMap,
} from './store-utils.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

const INFO_LABELS = [
  'kernel_version',
  'os_image',
  'container_runtime_version',
  'kubelet_version',
  'kubeproxy_version',
  'provider_id',
  'pod_cidr',
  'system_uuid',
  'internal_ip',
];

function info(n: KubeObject): Metric[] {
  const spec = obj(n.spec);
  const nodeInfo = obj(obj(n.status).nodeInfo);
  let internalIP = '';
  // Upstream keeps the last InternalIP when a node reports several.
  for (const a of arr(obj(n.status).addresses)) {
    if (obj(a).type === 'InternalIP') internalIP = str(obj(a).address);
  }
  return [
    sample(1, INFO_LABELS, [
      str(nodeInfo.kernelVersion),
      str(nodeInfo.osImage),
      str(nodeInfo.containerRuntimeVersion),
      str(nodeInfo.kubeletVersion),
      // kube-proxy stopped reporting its version in the node status; upstream prints a constant.
      'deprecated',
      str(spec.providerID),
      str(spec.podCIDR),
      str(nodeInfo.systemUUID),
      internalIP,
    ]),
  ];
}

function resources(list: unknown): Metric[] {
  return nodeResourceSamples(list).map((r) => sample(r.value, ['resource', 'unit'], [r.resource, r.unit]));
}

export const nodesResource: ResourceDefinition = {
  name: 'nodes',
  apiVersion: 'v1',
  kind: 'Node',
  resource: 'nodes',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: nameLabel('node'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_node_annotations', 'ALPHA', allowAnnotations),
    gauge('kube_node_created', 'STABLE', 'Unix creation timestamp', createdMetric),
    gauge('kube_node_deletion_timestamp', 'ALPHA', 'Unix deletion timestamp', deletionTimestampMetric),
    gauge('kube_node_info', 'STABLE', 'Information about a cluster node.', info),
    labelsFamily('kube_node_labels', 'STABLE', allowLabels),
    gauge('kube_node_role', 'ALPHA', 'The role of a cluster node.', (n) =>
      Object.keys(stringMap(n.metadata?.labels))
        .filter((k) => k.startsWith(ROLE_PREFIX))
        .map((k) => sample(1, ['role'], [k.slice(ROLE_PREFIX.length)])),
    ),
    gauge('kube_node_spec_pod_cidrs', 'ALPHA', 'The pod CIDRs of a cluster node.', (n) =>
      arr(obj(n.spec).podCIDRs).map((c) => sample(1, ['pod_cidr'], [str(c)])),
    ),
    gauge('kube_node_spec_taint', 'STABLE', 'The taint of a cluster node.', (n) =>
      arr(obj(n.spec).taints).map((t) =>
        sample(1, ['key', 'value', 'effect'], [str(obj(t).key), str(obj(t).value), str(obj(t).effect)]),
      ),
    ),
    gauge('kube_node_spec_unschedulable', 'STABLE', 'Whether a node can schedule new pods.', (n) => [
      sample(boolValue(obj(n.spec).unschedulable)),
    ]),
    gauge(
      'kube_node_status_allocatable',
      'STABLE',
      'The allocatable for different resources of a node that are available for scheduling.',
      (n) => resources(obj(n.status).allocatable),
    ),
    gauge('kube_node_status_capacity', 'STABLE', 'The capacity for different resources of a node.', (n) =>
      resources(obj(n.status).capacity),
    ),
    gauge('kube_node_status_condition', 'STABLE', 'The condition of a cluster node.', (n) =>
      arr(obj(n.status).conditions).flatMap((c) =>
        conditionTriplet(obj(c).status, ['condition', 'status'], [str(obj(c).type)]),
      ),
    ),
    gauge('kube_node_status_addresses', 'ALPHA', 'Node address information.', (n) =>
      arr(obj(n.status).addresses).map((a) => sample(1, ['type', 'address'], [str(obj(a).type), str(obj(a).address)])),
    ),
  ],
};
