/**
 * Node-level pods: DaemonSets with one host-network pod per node, and the control plane's
 * static pods (mirror pods owned by their Node), as kubeadm clusters have them.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import { type PodTemplate, templateHash } from '../controllers/pod-template.ts';
import type { AppProfile } from './apps.ts';
import { createdAfter, podReady, type SeededWorkload, seedPod } from './pods.ts';
import { ownerRef, type SeedContext } from './seed-context.ts';

interface DaemonDef {
  namespace: string;
  name: string;
  image: string;
  cpuM: number;
  memMi: number;
  port: number;
}

export const DAEMONS: DaemonDef[] = [
  {
    namespace: 'kube-system',
    name: 'kube-proxy',
    image: 'registry.k8s.io/kube-proxy:v1.33.4',
    cpuM: 0,
    memMi: 0,
    port: 10249,
  },
  {
    namespace: 'monitoring',
    name: 'node-exporter',
    image: 'quay.io/prometheus/node-exporter:v1.9.0',
    cpuM: 100,
    memMi: 180,
    port: 9100,
  },
];

const STATIC_PODS = [
  { component: 'etcd', image: 'registry.k8s.io/etcd:3.5.21-0', cpuM: 100, memMi: 100 },
  { component: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.33.4', cpuM: 250, memMi: 0 },
  {
    component: 'kube-controller-manager',
    image: 'registry.k8s.io/kube-controller-manager:v1.33.4',
    cpuM: 200,
    memMi: 0,
  },
  { component: 'kube-scheduler', image: 'registry.k8s.io/kube-scheduler:v1.33.4', cpuM: 100, memMi: 0 },
];

export const STATIC_PODS_PER_CONTROL_PLANE = STATIC_PODS.length;

function requests(cpuM: number, memMi: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (cpuM > 0) out.cpu = `${cpuM}m`;
  if (memMi > 0) out.memory = `${memMi}Mi`;
  return out;
}

function daemonTemplate(def: DaemonDef, labels: Record<string, string>): PodTemplate {
  const req = requests(def.cpuM, def.memMi);
  return {
    metadata: { labels },
    spec: {
      containers: [
        {
          name: def.name,
          image: def.image,
          imagePullPolicy: 'IfNotPresent',
          ports: [{ name: 'metrics', containerPort: def.port, hostPort: def.port, protocol: 'TCP' }],
          resources: Object.keys(req).length > 0 ? { requests: req, limits: { memory: `${def.memMi * 2}Mi` } } : {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      hostNetwork: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      restartPolicy: 'Always',
      priorityClassName: 'system-node-critical',
      serviceAccountName: def.name,
      serviceAccount: def.name,
      terminationGracePeriodSeconds: 30,
      tolerations: [{ operator: 'Exists' }],
    },
  };
}

/** DaemonSets with one pod on every node (they tolerate every taint). */
export function generateDaemonSets(ctx: SeedContext, count: number): SeededWorkload[] {
  const { rnd } = ctx;
  const out: SeededWorkload[] = [];
  for (const def of DAEMONS.slice(0, count)) {
    const labels = { 'k8s-app': def.name };
    const template = daemonTemplate(def, labels);
    const createdMs = ctx.now - rnd.int(30 * 86400, 120 * 86400) * 1000;
    const hash = templateHash(template).slice(0, 10);
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: def.name,
        namespace: def.namespace,
        uid: rnd.uuid(),
        generation: 1,
        creationTimestamp: rfc3339(createdMs),
        labels,
        annotations: { 'deprecated.daemonset.template.generation': '1' },
      },
      spec: {
        selector: { matchLabels: labels },
        template,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        revisionHistoryLimit: 10,
      },
    };
    ctx.out.push(ds);
    const owner = ownerRef(ds);
    const pods: KubeObject[] = [];
    for (const node of ctx.nodes) {
      pods.push(
        seedPod(ctx, {
          name: `${def.name}-${rnd.suffix()}`,
          namespace: def.namespace,
          template,
          owner,
          labels: { 'controller-revision-hash': hash, 'pod-template-generation': '1' },
          createdAt: createdAfter(ctx, createdMs),
          state: 'running',
          node,
          hostNetwork: true,
        }),
      );
    }
    const ready = pods.filter(podReady).length;
    const n = ctx.nodes.length;
    ds.status = {
      currentNumberScheduled: n,
      desiredNumberScheduled: n,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: n,
      observedGeneration: 1,
    };
    const profile: AppProfile = {
      base: def.name,
      image: def.image,
      port: def.port,
      cpuM: def.cpuM,
      memMi: def.memMi,
      qos: 'Burstable',
    };
    out.push({ kind: 'DaemonSet', obj: ds, namespace: def.namespace, name: def.name, selector: labels, pods, profile });
  }
  return out;
}

/** kubeadm's static control-plane pods on every control-plane node. */
export function generateStaticPods(ctx: SeedContext): void {
  for (const node of ctx.nodes) {
    if (!node.controlPlane) continue;
    for (const s of STATIC_PODS) {
      const req = requests(s.cpuM, s.memMi);
      const template: PodTemplate = {
        metadata: { labels: { component: s.component, tier: 'control-plane' } },
        spec: {
          containers: [
            {
              name: s.component,
              image: s.image,
              imagePullPolicy: 'IfNotPresent',
              resources: { requests: req },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          priority: 2000001000,
          restartPolicy: 'Always',
          tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
        },
      };
      seedPod(ctx, {
        name: `${s.component}-${node.name}`,
        namespace: 'kube-system',
        template,
        owner: { apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true },
        createdAt: ctx.now - ctx.rnd.int(3 * 86400, 30 * 86400) * 1000,
        state: 'running',
        node,
        hostNetwork: true,
      });
    }
  }
}
