/**
 * Seeded Nodes with their Lease (kube-node-lease) and CSINode. Each node's InternalIP is a
 * distinct loopback address so a simulated kubelet can listen on it.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import { nodeLoopbackIP, nodePodNet, type SeedContext, type SeedNode } from './seed-context.ts';

export const KUBELET_VERSION = 'v1.33.4';
const REGION = 'sim-east1';
const ZONES = ['sim-east1-a', 'sim-east1-b', 'sim-east1-c'];

interface InstanceType {
  name: string;
  cpu: number;
  memoryGi: number;
  weight: number;
}

const INSTANCE_TYPES: InstanceType[] = [
  { name: 'sim.standard-4', cpu: 4, memoryGi: 16, weight: 3 },
  { name: 'sim.standard-8', cpu: 8, memoryGi: 32, weight: 5 },
  { name: 'sim.highmem-8', cpu: 8, memoryGi: 64, weight: 2 },
  { name: 'sim.standard-16', cpu: 16, memoryGi: 64, weight: 2 },
];

/** Width of node name numbers: `node-0000` up to 9,999 nodes, wider beyond. */
export function nodeName(index: number, total: number): string {
  return `node-${String(index).padStart(Math.max(4, String(total - 1).length), '0')}`;
}

function pressure(type: string, reason: string, message: string, since: string, now: string) {
  return { type, status: 'False', lastHeartbeatTime: now, lastTransitionTime: since, reason, message };
}

/** Appends `count` nodes (plus leases and CSINodes) and fills `ctx.nodes` / `ctx.workers`. */
export function generateNodes(ctx: SeedContext, count: number, kubeletPort: number): void {
  const { rnd } = ctx;
  const controlPlanes = count >= 3 ? Math.min(3, Math.max(1, Math.floor(count / 100))) : 0;
  const heartbeat = rfc3339(ctx.now - rnd.int(1, 10) * 1000);
  const leases: KubeObject[] = [];
  const csiNodes: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const name = nodeName(i, count);
    const uid = rnd.uuid();
    const type = rnd.weighted(
      INSTANCE_TYPES,
      INSTANCE_TYPES.map((t) => t.weight),
    );
    const zone = ZONES[i % ZONES.length] as string;
    const controlPlane = i < controlPlanes;
    // A few unhealthy nodes in larger clusters, never in the tiny default one.
    const ready = count < 20 || !rnd.chance(0.01);
    const createdMs = ctx.now - rnd.int(3 * 86400, 60 * 86400) * 1000;
    const created = rfc3339(createdMs);
    const ip = nodeLoopbackIP(i);
    const node: SeedNode = {
      name,
      uid,
      ip,
      ready,
      controlPlane,
      zone,
      createdMs,
      podNet: nodePodNet(i),
      lastPodOctet: 1,
    };
    ctx.nodes.push(node);
    ctx.nodeByName.set(name, node);
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': type.name,
      'topology.kubernetes.io/region': REGION,
      'topology.kubernetes.io/zone': zone,
    };
    if (controlPlane) {
      labels['node-role.kubernetes.io/control-plane'] = '';
      labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    }
    const memKi = type.memoryGi * 1024 * 1024;
    const nodeStatus = ready ? 'True' : 'Unknown';
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid,
        creationTimestamp: created,
        labels,
        annotations: {
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: {
        podCIDR: `${node.podNet}.0/24`,
        podCIDRs: [`${node.podNet}.0/24`],
        providerID: `sim://${REGION}/${zone}/${name}`,
        ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
        ...(ready
          ? {}
          : {
              taints: [
                { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: heartbeat },
                { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: heartbeat },
              ],
            }),
      },
      status: {
        capacity: {
          cpu: String(type.cpu),
          'ephemeral-storage': '101430960Ki',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: `${memKi}Ki`,
          pods: '110',
        },
        allocatable: {
          cpu: `${type.cpu * 1000 - 100 - (type.cpu > 4 ? 60 : 0)}m`,
          'ephemeral-storage': '93478772582',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: `${memKi - 358400}Ki`,
          pods: '110',
        },
        conditions: [
          pressure(
            'MemoryPressure',
            'KubeletHasSufficientMemory',
            'kubelet has sufficient memory available',
            created,
            heartbeat,
          ),
          pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', created, heartbeat),
          pressure(
            'PIDPressure',
            'KubeletHasSufficientPID',
            'kubelet has sufficient PID available',
            created,
            heartbeat,
          ),
          {
            type: 'Ready',
            status: nodeStatus,
            lastHeartbeatTime: heartbeat,
            lastTransitionTime: ready ? created : heartbeat,
            reason: ready ? 'KubeletReady' : 'NodeStatusUnknown',
            message: ready ? 'kubelet is posting ready status' : 'Kubelet stopped posting node status.',
          },
        ],
        addresses: [
          { type: 'InternalIP', address: ip },
          { type: 'Hostname', address: name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } },
        nodeInfo: {
          machineID: uid.replaceAll('-', ''),
          systemUUID: uid,
          bootID: rnd.uuid(),
          kernelVersion: '6.1.0-28-cloud-amd64',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          containerRuntimeVersion: 'containerd://1.7.27',
          kubeletVersion: KUBELET_VERSION,
          kubeProxyVersion: '',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
        images: [],
      },
    });
    leases.push({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name,
        namespace: 'kube-node-lease',
        uid: rnd.uuid(),
        creationTimestamp: created,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid }],
      },
      spec: {
        holderIdentity: name,
        leaseDurationSeconds: 40,
        renewTime: `${heartbeat.slice(0, 19)}.000000Z`,
      },
    });
    csiNodes.push({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSINode',
      metadata: {
        name,
        uid: rnd.uuid(),
        creationTimestamp: created,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid }],
      },
      spec: {
        drivers: [
          {
            name: 'csi.sim.kube-metrics.io',
            nodeID: name,
            topologyKeys: ['topology.kubernetes.io/zone'],
            allocatable: { count: 32 },
          },
        ],
      },
    });
  }
  for (const l of leases) ctx.out.push(l);
  for (const c of csiNodes) ctx.out.push(c);
  const schedulable = ctx.nodes.filter((n) => n.ready && !n.controlPlane);
  ctx.workers = schedulable.length > 0 ? schedulable : ctx.nodes.filter((n) => n.ready);
  if (ctx.workers.length === 0) ctx.workers = ctx.nodes;
}
