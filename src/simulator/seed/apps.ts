/**
 * Application profiles the seeded workloads are drawn from: image, port and resource requests,
 * so pods look like the mix of a real cluster (web front ends, APIs, caches, databases, jobs).
 */
import type { Random } from '../../shared/random.ts';

export interface AppProfile {
  /** Base name of workloads (`web`, `api`...); a numeric suffix makes names unique. */
  base: string;
  image: string;
  port: number;
  /** CPU request in millicores. */
  cpuM: number;
  /** Memory request in MiB. */
  memMi: number;
  /** QoS the containers are written for. */
  qos: 'Guaranteed' | 'Burstable' | 'BestEffort';
  sidecar?: { name: string; image: string; cpuM: number; memMi: number };
  init?: { name: string; image: string };
}

export const SERVICE_PROFILES: AppProfile[] = [
  {
    base: 'web',
    image: 'nginx:1.27.4',
    port: 80,
    cpuM: 100,
    memMi: 128,
    qos: 'Burstable',
    sidecar: { name: 'log-shipper', image: 'fluent/fluent-bit:3.2.4', cpuM: 20, memMi: 32 },
  },
  { base: 'api', image: 'ghcr.io/sim/api-server:2.14.1', port: 8080, cpuM: 250, memMi: 256, qos: 'Burstable' },
  {
    base: 'checkout',
    image: 'ghcr.io/sim/checkout:1.8.0',
    port: 8080,
    cpuM: 200,
    memMi: 384,
    qos: 'Guaranteed',
    init: { name: 'migrate', image: 'ghcr.io/sim/checkout-migrations:1.8.0' },
  },
  { base: 'cache', image: 'redis:7.4.2', port: 6379, cpuM: 100, memMi: 512, qos: 'Guaranteed' },
  { base: 'worker', image: 'ghcr.io/sim/queue-worker:3.0.2', port: 9090, cpuM: 500, memMi: 512, qos: 'Burstable' },
  { base: 'auth', image: 'ghcr.io/sim/auth:0.9.7', port: 8443, cpuM: 50, memMi: 64, qos: 'Burstable' },
  { base: 'search', image: 'ghcr.io/sim/search:5.1.0', port: 9200, cpuM: 1000, memMi: 2048, qos: 'Burstable' },
  {
    base: 'echo',
    image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
    port: 8080,
    cpuM: 0,
    memMi: 0,
    qos: 'BestEffort',
  },
];

export const STATEFUL_PROFILES: AppProfile[] = [
  { base: 'postgres', image: 'postgres:17.2', port: 5432, cpuM: 500, memMi: 1024, qos: 'Guaranteed' },
  { base: 'kafka', image: 'apache/kafka:3.9.0', port: 9092, cpuM: 1000, memMi: 2048, qos: 'Burstable' },
  { base: 'mongo', image: 'mongo:8.0.4', port: 27017, cpuM: 500, memMi: 1024, qos: 'Burstable' },
];

export const JOB_PROFILES: AppProfile[] = [
  { base: 'report', image: 'ghcr.io/sim/reporter:1.2.0', port: 0, cpuM: 200, memMi: 256, qos: 'Burstable' },
  { base: 'backup', image: 'ghcr.io/sim/backup:4.0.1', port: 0, cpuM: 100, memMi: 128, qos: 'Burstable' },
  { base: 'etl', image: 'ghcr.io/sim/etl:0.31.0', port: 0, cpuM: 500, memMi: 1024, qos: 'Burstable' },
];

function resources(qos: AppProfile['qos'], cpuM: number, memMi: number, rnd: Random) {
  if (qos === 'BestEffort' || (cpuM === 0 && memMi === 0)) return {};
  const requests = { cpu: `${cpuM}m`, memory: `${memMi}Mi` };
  if (qos === 'Guaranteed') return { requests, limits: { ...requests } };
  // Burstable: limits above requests, and sometimes only a memory limit, as teams often write them.
  const limits: Record<string, string> = { memory: `${memMi * rnd.pick([1, 2, 2, 4])}Mi` };
  if (rnd.chance(0.6)) limits.cpu = `${cpuM * rnd.pick([2, 4])}m`;
  return { requests, limits };
}

/** A pod template spec for `profile` with the given pod labels. */
export function podTemplate(
  profile: AppProfile,
  labels: Record<string, string>,
  rnd: Random,
  serviceAccountName = 'default',
): { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } {
  const main: Record<string, unknown> = {
    name: profile.base,
    image: profile.image,
    imagePullPolicy: 'IfNotPresent',
    resources: resources(profile.qos, profile.cpuM, profile.memMi, rnd),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  if (profile.port > 0) main.ports = [{ name: 'http', containerPort: profile.port, protocol: 'TCP' }];
  const containers: Record<string, unknown>[] = [main];
  if (profile.sidecar) {
    const s = profile.sidecar;
    containers.push({
      name: s.name,
      image: s.image,
      imagePullPolicy: 'IfNotPresent',
      resources: resources(profile.qos, s.cpuM, s.memMi, rnd),
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
  }
  const spec: Record<string, unknown> = {
    containers,
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName,
    serviceAccount: serviceAccountName,
    schedulerName: 'default-scheduler',
    securityContext: {},
  };
  if (profile.init) {
    spec.initContainers = [
      {
        name: profile.init.name,
        image: profile.init.image,
        imagePullPolicy: 'IfNotPresent',
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ];
  }
  return { metadata: { labels }, spec };
}
