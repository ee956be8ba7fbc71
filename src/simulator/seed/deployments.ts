/**
 * Seeded Deployments with their ReplicaSets (current revision, sometimes an old scaled-down one)
 * and pods, with the status fields the deployment controller keeps.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import { templateHash } from '../controllers/pod-template.ts';
import { type AppProfile, podTemplate } from './apps.ts';
import { createdAfter, podReady, type SeededWorkload, seedPod, servicePodState } from './pods.ts';
import { ownerRef, type SeedContext } from './seed-context.ts';

export interface DeploymentOptions {
  namespace: string;
  name: string;
  profile: AppProfile;
  replicas: number;
  serviceAccountName?: string;
  /** Force every pod Running and Ready (system components). */
  healthy?: boolean;
  extraLabels?: Record<string, string>;
}

function condition(type: string, reason: string, message: string, at: string, status = 'True') {
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

export function replicaSetStatus(pods: KubeObject[], generation: number) {
  const ready = pods.filter(podReady).length;
  return {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: generation,
  };
}

export function generateDeployment(ctx: SeedContext, opts: DeploymentOptions): SeededWorkload {
  const { rnd } = ctx;
  const { namespace, name, profile, replicas } = opts;
  const labels = { app: name, 'app.kubernetes.io/name': profile.base, ...opts.extraLabels };
  const template = podTemplate(profile, labels, rnd, opts.serviceAccountName);
  const createdMs = ctx.now - rnd.int(2 * 3600, 90 * 86400) * 1000;
  const revision = rnd.chance(0.4) ? rnd.int(2, 9) : 1;
  const generation = revision + (rnd.chance(0.3) ? 1 : 0);
  const uid = rnd.uuid();
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      uid,
      generation,
      creationTimestamp: rfc3339(createdMs),
      labels: { app: name },
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  };
  const rsCreatedMs = revision === 1 ? createdMs : createdAfter(ctx, createdMs);
  const hash = templateHash(template);
  const rsLabels = { ...labels, 'pod-template-hash': hash };
  const rsMeta = (rsName: string, rev: number, created: number) => ({
    name: rsName,
    namespace,
    uid: rnd.uuid(),
    generation: 1,
    creationTimestamp: rfc3339(created),
    labels: rsLabels,
    annotations: {
      'deployment.kubernetes.io/desired-replicas': String(replicas),
      'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
      'deployment.kubernetes.io/revision': String(rev),
    },
    ownerReferences: [ownerRef(deployment)],
  });
  // An older revision, scaled to zero, as a rollout leaves behind.
  const objects: KubeObject[] = [deployment];
  if (revision > 1) {
    // The old template is not kept; salting the hash with the revision gives it a distinct name.
    const oldHash = templateHash(template, revision);
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        ...rsMeta(`${name}-${oldHash}`, revision - 1, createdMs),
        labels: { ...labels, 'pod-template-hash': oldHash },
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: name, 'pod-template-hash': oldHash } },
        template: { metadata: { labels: { ...labels, 'pod-template-hash': oldHash } }, spec: template.spec },
      },
      status: { replicas: 0, observedGeneration: 1 },
    });
  }
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: rsMeta(`${name}-${hash}`, revision, rsCreatedMs),
    spec: {
      replicas,
      selector: { matchLabels: { app: name, 'pod-template-hash': hash } },
      template: { metadata: { labels: rsLabels }, spec: template.spec },
    },
  };
  objects.push(rs);
  for (const o of objects) ctx.out.push(o);

  const pods: KubeObject[] = [];
  const owner = ownerRef(rs);
  for (let i = 0; i < replicas; i++) {
    pods.push(
      seedPod(ctx, {
        name: `${rs.metadata.name}-${rnd.suffix()}`,
        namespace,
        template: rs.spec.template,
        owner,
        createdAt: createdAfter(ctx, rsCreatedMs),
        state: opts.healthy ? 'running' : servicePodState(ctx),
      }),
    );
  }
  rs.status = replicaSetStatus(pods, 1);
  const ready = rs.status.readyReplicas as number;
  const at = rfc3339(rsCreatedMs + 30_000);
  deployment.status = {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    ...(ready < replicas ? { unavailableReplicas: replicas - ready } : {}),
    conditions: [
      ready === replicas || ready > 0
        ? condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', at)
        : condition(
            'Available',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            at,
            'False',
          ),
      condition(
        'Progressing',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
        at,
      ),
    ],
  };
  return { kind: 'Deployment', obj: deployment, namespace, name, selector: { app: name }, pods, profile };
}
