/**
 * Objects that point at seeded workloads: Services with their Endpoints and EndpointSlices (the
 * addresses of the selected pods), Ingresses, HorizontalPodAutoscalers and PodDisruptionBudgets.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import { podReady, type SeededWorkload } from './pods.ts';
import type { SeedContext } from './seed-context.ts';

export const INGRESS_CLASS = 'nginx';

/** Service ClusterIPs are handed out from 10.96.0.10 upward (10.96.0.1 is the `kubernetes` Service). */
function clusterIP(index: number): string {
  const n = index + 10;
  return `10.96.${(n >> 8) & 255}.${n & 255}`;
}

export function generateService(ctx: SeedContext, w: SeededWorkload, index: number): KubeObject {
  const { rnd } = ctx;
  const headless = w.kind === 'StatefulSet';
  const type = headless ? 'ClusterIP' : rnd.weighted(['ClusterIP', 'NodePort', 'LoadBalancer'], [0.85, 0.08, 0.07]);
  const port = w.profile.port > 0 ? w.profile.port : 80;
  const ports: Record<string, unknown>[] = [{ name: 'http', port, targetPort: port, protocol: 'TCP' }];
  if (type !== 'ClusterIP') (ports[0] as Record<string, unknown>).nodePort = 30000 + (index % 2767);
  const ip = headless ? 'None' : clusterIP(index);
  const created = w.obj.metadata.creationTimestamp;
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: rnd.uuid(),
      creationTimestamp: created,
      labels: { app: w.name },
    },
    spec: {
      type,
      selector: w.selector,
      ports,
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ...(type !== 'ClusterIP' ? { externalTrafficPolicy: 'Cluster' } : {}),
      ...(headless ? { publishNotReadyAddresses: false } : {}),
    },
    status: {
      loadBalancer:
        type === 'LoadBalancer' ? { ingress: [{ ip: `198.51.100.${(index % 250) + 1}`, ipMode: 'VIP' }] } : {},
    },
  };
  ctx.out.push(svc);

  const withIP = w.pods.filter((p) => p.status?.podIP);
  const endpointPort = { name: 'http', port, protocol: 'TCP' };
  const target = (p: KubeObject) => ({
    ip: p.status.podIP,
    nodeName: p.spec.nodeName,
    targetRef: { kind: 'Pod', name: p.metadata.name, namespace: w.namespace, uid: p.metadata.uid },
  });
  const ready = withIP.filter(podReady);
  const notReady = withIP.filter((p) => !podReady(p));
  const subset: Record<string, unknown> = { ports: [endpointPort] };
  if (ready.length > 0) subset.addresses = ready.map(target);
  if (notReady.length > 0) subset.notReadyAddresses = notReady.map(target);
  ctx.out.push({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: rnd.uuid(),
      creationTimestamp: created,
      labels: { app: w.name },
    },
    ...(withIP.length > 0 ? { subsets: [subset] } : {}),
  });
  ctx.out.push({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${w.name}-${rnd.suffix()}`,
      namespace: w.namespace,
      uid: rnd.uuid(),
      creationTimestamp: created,
      generateName: `${w.name}-`,
      labels: {
        app: w.name,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': w.name,
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: w.name,
          uid: svc.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    endpoints: withIP.map((p) => {
      const isReady = podReady(p);
      const node = ctx.nodeByName.get(p.spec.nodeName);
      return {
        addresses: [p.status.podIP],
        conditions: { ready: isReady, serving: isReady, terminating: false },
        nodeName: p.spec.nodeName,
        ...(node ? { zone: node.zone } : {}),
        targetRef: { kind: 'Pod', name: p.metadata.name, namespace: w.namespace, uid: p.metadata.uid },
      };
    }),
    ports: [endpointPort],
  });
  return svc;
}

export function generateIngress(ctx: SeedContext, svc: KubeObject, tlsSecret: string | undefined): KubeObject {
  const { name, namespace } = svc.metadata;
  const host = `${name}.${namespace}.sim.example`;
  const ingress: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace,
      uid: ctx.rnd.uuid(),
      generation: 1,
      creationTimestamp: svc.metadata.creationTimestamp,
    },
    spec: {
      ingressClassName: INGRESS_CLASS,
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name, port: { number: svc.spec.ports[0].port } } },
              },
            ],
          },
        },
      ],
      ...(tlsSecret ? { tls: [{ hosts: [host], secretName: tlsSecret }] } : {}),
    },
    status: { loadBalancer: { ingress: [{ ip: '198.51.100.250' }] } },
  };
  ctx.out.push(ingress);
  return ingress;
}

export function generateHpa(ctx: SeedContext, w: SeededWorkload): void {
  const { rnd } = ctx;
  const replicas = w.obj.spec.replicas as number;
  const minReplicas = Math.max(1, replicas - rnd.int(0, 1));
  const maxReplicas = replicas * 2 + 2;
  const utilization = rnd.int(20, 110);
  const at = rfc3339(ctx.now - rnd.int(60, 86400) * 1000);
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastTransitionTime: at,
    reason,
    message,
  });
  ctx.out.push({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: rnd.uuid(),
      creationTimestamp: w.obj.metadata.creationTimestamp,
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name },
      minReplicas,
      maxReplicas,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    },
    status: {
      currentReplicas: replicas,
      desiredReplicas: replicas,
      lastScaleTime: at,
      currentMetrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: {
              averageUtilization: utilization,
              averageValue: `${Math.round((w.profile.cpuM * utilization) / 100)}m`,
            },
          },
        },
      ],
      conditions: [
        cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'),
        cond(
          'ScalingActive',
          'True',
          'ValidMetricFound',
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        ),
        cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'),
      ],
    },
  });
}

export function generatePdb(ctx: SeedContext, w: SeededWorkload): void {
  const { rnd } = ctx;
  const healthy = w.pods.filter(podReady).length;
  const useMin = rnd.chance(0.5);
  const desired = useMin ? 1 : Math.max(0, w.pods.length - 1);
  const allowed = Math.max(0, healthy - desired);
  const at = rfc3339(ctx.now - rnd.int(60, 86400) * 1000);
  ctx.out.push({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: rnd.uuid(),
      generation: 1,
      creationTimestamp: w.obj.metadata.creationTimestamp,
    },
    spec: { ...(useMin ? { minAvailable: 1 } : { maxUnavailable: 1 }), selector: { matchLabels: w.selector } },
    status: {
      observedGeneration: 1,
      disruptionsAllowed: allowed,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: w.pods.length,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: allowed > 0 ? 'True' : 'False',
          reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration: 1,
          lastTransitionTime: at,
        },
      ],
    },
  });
}
