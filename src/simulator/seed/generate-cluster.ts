/**
 * The seeded cluster: a deterministic function of (nodes, podsPerNode, seed, now) returning
 * plain objects in creation order (namespaces first), and the loader that creates them.
 *
 * Pod budget: `nodes * podsPerNode` pods in total, counting DaemonSet pods (one per node),
 * control-plane static pods, CoreDNS, and then a mix of Deployments, StatefulSets, CronJobs,
 * Jobs and bare pods until the budget is spent.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { Random } from '../../shared/random.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import { JOB_PROFILES, podTemplate, SERVICE_PROFILES, STATEFUL_PROFILES } from './apps.ts';
import { generateCronJob, generateJob } from './batch.ts';
import { generateClusterConfig } from './cluster-config.ts';
import { generateDaemonSets, generateStaticPods } from './daemonsets.ts';
import { generateDeployment } from './deployments.ts';
import {
  appNamespaces,
  generateEvents,
  generateNamespaces,
  generateQuotas,
  generateWorkloadConfig,
} from './namespaces.ts';
import { generateNodes } from './nodes.ts';
import { createdAfter, type SeededWorkload, seedPod, servicePodState } from './pods.ts';
import { MAX_NODES, type SeedContext } from './seed-context.ts';
import { generateHpa, generateIngress, generatePdb, generateService } from './services.ts';
import { generateStatefulSet } from './statefulsets.ts';

export interface GenerateOptions {
  nodes: number;
  /** Average pods per node, including DaemonSet and control-plane pods. */
  podsPerNode: number;
  seed: number;
  /** Clock of the seeded world (ms since epoch or a Date); every timestamp is before it. */
  now: number | Date;
  /** Port advertised in `status.daemonEndpoints.kubeletEndpoint.Port` (default 10250). */
  kubeletPort?: number;
}

const REPLICA_CHOICES = [1, 2, 3, 4, 5, 6, 8, 10];
const REPLICA_WEIGHTS = [20, 30, 22, 10, 8, 4, 3, 3];
const WORKLOAD_KINDS = ['deployment', 'statefulset', 'cronjob', 'job', 'pod'] as const;
const WORKLOAD_WEIGHTS = [0.8, 0.06, 0.07, 0.04, 0.03];

function validate(opts: GenerateOptions): void {
  const int = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(`${name} must be an integer in [${min}, ${max}], got ${v}`);
  };
  int('nodes', opts.nodes, 0, MAX_NODES);
  int('podsPerNode', opts.podsPerNode, 0, 110);
  int('kubeletPort', opts.kubeletPort ?? 10250, 0, 65535);
  if (!Number.isFinite(opts.seed)) throw new Error(`seed must be a finite number, got ${opts.seed}`);
}

export function generateCluster(opts: GenerateOptions): KubeObject[] {
  validate(opts);
  if (opts.nodes === 0) return [];
  const now = typeof opts.now === 'number' ? opts.now : opts.now.getTime();
  const ctx: SeedContext = {
    rnd: new Random(opts.seed),
    now: Math.floor(now / 1000) * 1000,
    out: [],
    nodes: [],
    nodeByName: new Map(),
    workers: [],
    cursor: 0,
    namespaces: appNamespaces(Math.min(100, 7 + Math.floor(opts.nodes / 50))),
  };
  const { rnd } = ctx;
  generateNamespaces(ctx, ctx.namespaces);
  generateNodes(ctx, opts.nodes, opts.kubeletPort ?? 10250);
  generateClusterConfig(ctx);

  let budget = opts.nodes * opts.podsPerNode;
  const workloads: SeededWorkload[] = [];
  const daemonCount = opts.podsPerNode >= 4 ? 2 : opts.podsPerNode >= 2 ? 1 : 0;
  for (const w of generateDaemonSets(ctx, daemonCount)) {
    workloads.push(w);
    budget -= w.pods.length;
  }
  const controlPlanes = ctx.nodes.filter((n) => n.controlPlane).length;
  if (controlPlanes > 0 && budget >= controlPlanes * 4 + 2) {
    generateStaticPods(ctx);
    budget -= controlPlanes * 4;
  }
  if (budget >= 2) {
    const coredns = SERVICE_PROFILES.find((p) => p.base === 'auth')!;
    workloads.push(
      generateDeployment(ctx, {
        namespace: 'kube-system',
        name: 'coredns',
        profile: { ...coredns, base: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.0', port: 53 },
        replicas: 2,
        healthy: true,
        extraLabels: { 'k8s-app': 'kube-dns' },
      }),
    );
    budget -= 2;
  }

  const appNs = ctx.namespaces;
  const counters = new Map<string, number>();
  const nameFor = (base: string) => {
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    return `${base}-${n}`;
  };
  const standalone: KubeObject[] = [];
  while (budget > 0) {
    const kind = rnd.weighted(WORKLOAD_KINDS, WORKLOAD_WEIGHTS);
    const namespace = rnd.pick(appNs);
    if (kind === 'deployment') {
      const profile = rnd.pick(SERVICE_PROFILES);
      const replicas = Math.min(budget, rnd.weighted(REPLICA_CHOICES, REPLICA_WEIGHTS));
      const w = generateDeployment(ctx, { namespace, name: nameFor(profile.base), profile, replicas });
      workloads.push(w);
      budget -= replicas;
    } else if (kind === 'statefulset') {
      const profile = rnd.pick(STATEFUL_PROFILES);
      const replicas = Math.min(budget, rnd.int(1, 3));
      workloads.push(generateStatefulSet(ctx, namespace, nameFor(profile.base), profile, replicas));
      budget -= replicas;
    } else if (kind === 'cronjob') {
      const profile = rnd.pick(JOB_PROFILES);
      budget -= generateCronJob(ctx, namespace, nameFor(profile.base), profile, Math.min(budget, rnd.int(1, 3)));
    } else if (kind === 'job') {
      const profile = rnd.pick(JOB_PROFILES);
      const state = rnd.weighted(['succeeded', 'running', 'failed'] as const, [0.7, 0.2, 0.1]);
      const startMs = ctx.now - rnd.int(120, 86400) * 1000;
      generateJob(ctx, namespace, `${nameFor(profile.base)}-manual`, profile, state, startMs);
      budget -= 1;
    } else {
      const profile = rnd.pick(SERVICE_PROFILES);
      const name = `${nameFor('debug')}-${profile.base}`;
      const template = podTemplate(profile, { run: name }, rnd);
      standalone.push(
        seedPod(ctx, {
          name,
          namespace,
          template,
          createdAt: createdAfter(ctx, ctx.now - 7 * 86400 * 1000),
          state: servicePodState(ctx),
        }),
      );
      budget -= 1;
    }
  }

  let serviceIndex = 0;
  for (const w of workloads) {
    if (w.kind === 'DaemonSet') continue;
    generateWorkloadConfig(ctx, w);
    const isDeployment = w.kind === 'Deployment';
    if (w.kind === 'StatefulSet' || (isDeployment && rnd.chance(0.8))) {
      const svc = generateService(ctx, w, serviceIndex++);
      if (isDeployment && w.namespace !== 'kube-system' && rnd.chance(0.1)) {
        let tlsSecret: string | undefined;
        if (rnd.chance(0.5)) {
          tlsSecret = `${w.name}-tls`;
          ctx.out.push({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: {
              name: tlsSecret,
              namespace: w.namespace,
              uid: rnd.uuid(),
              creationTimestamp: w.obj.metadata.creationTimestamp,
            },
            type: 'kubernetes.io/tls',
            data: { 'tls.crt': Buffer.from('placeholder certificate').toString('base64'), 'tls.key': '' },
          });
        }
        generateIngress(ctx, svc, tlsSecret);
      }
    }
    if (isDeployment && w.namespace !== 'kube-system' && w.pods.length >= 2) {
      if (rnd.chance(0.1)) generateHpa(ctx, w);
      if (rnd.chance(0.15)) generatePdb(ctx, w);
    }
  }
  generateQuotas(ctx, appNs, workloads);
  const allPods = workloads.flatMap((w) => w.pods).concat(standalone);
  generateEvents(ctx, allPods, Math.min(200, 20 + Math.floor(opts.nodes / 10)));
  return ctx.out;
}

export interface LoadResult {
  created: number;
  /** Objects that already existed (the API server's own defaults, or an earlier seeding). */
  skipped: number;
}

/** Creates `objects` in order; objects that already exist are left as they are. */
export function loadCluster(state: ClusterState, objects: KubeObject[]): LoadResult {
  let created = 0;
  let skipped = 0;
  for (const obj of objects) {
    try {
      state.create(obj);
      created++;
    } catch (err) {
      if ((err as { code?: unknown }).code === 409) {
        skipped++;
        continue;
      }
      const { namespace, name } = obj.metadata;
      const where = namespace ? `${namespace}/${name}` : name;
      throw new Error(`seeding ${obj.kind} ${where}: ${(err as Error).message}`, { cause: err });
    }
  }
  return { created, skipped };
}
