/** `kubectl get nodes` columns: readiness, roles from `node-role.kubernetes.io/*` labels, addresses. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import {
  AGE_COLUMN,
  age,
  type Cell,
  column,
  get,
  list,
  NAME_COLUMN,
  NONE,
  name,
  type Printer,
  record,
  str,
} from './column.ts';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

function nodeStatus(node: KubeObject): string {
  const ready = list(get(node, 'status', 'conditions')).find((c) => c.type === 'Ready');
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (get(node, 'spec', 'unschedulable') === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(record(node.metadata.labels))) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && str(value) !== '') {
      roles.add(str(value));
    }
  }
  return roles.size === 0 ? NONE : [...roles].sort().join(',');
}

function address(node: KubeObject, type: string): string {
  const found = list(get(node, 'status', 'addresses')).find((a) => a.type === type);
  return str(found?.address) || NONE;
}

function info(node: KubeObject, field: string): string {
  return str(get(node, 'status', 'nodeInfo', field));
}

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', 'string', 1),
    column('External-IP', 'List of addresses reachable to the node.', 'string', 1),
    column('OS-Image', 'OS Image reported by the node.', 'string', 1),
    column('Kernel-Version', 'Kernel Version reported by the node.', 'string', 1),
    column('Container-Runtime', 'ContainerRuntime Version reported by the node.', 'string', 1),
  ],
  cells(node, now): Cell[] {
    return [
      name(node),
      nodeStatus(node),
      nodeRoles(node),
      age(node, now),
      info(node, 'kubeletVersion'),
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info(node, 'osImage') || '<unknown>',
      info(node, 'kernelVersion') || '<unknown>',
      info(node, 'containerRuntimeVersion') || '<unknown>',
    ];
  },
};
