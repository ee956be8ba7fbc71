/**
 * Seeded batch workloads: CronJobs with their recent Jobs, and one-off Jobs, whose pods have
 * completed, failed or are still running.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { PodState } from '../controllers/pod-status.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import { type AppProfile, podTemplate } from './apps.ts';
import { seedPod } from './pods.ts';
import { ownerRef, type SeedContext } from './seed-context.ts';

function jobConditions(state: PodState, endMs: number) {
  const at = rfc3339(endMs);
  if (state === 'succeeded') {
    return [
      { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: at, lastTransitionTime: at },
      { type: 'Complete', status: 'True', lastProbeTime: at, lastTransitionTime: at },
    ];
  }
  if (state === 'failed') {
    return [
      {
        type: 'FailureTarget',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastProbeTime: at,
        lastTransitionTime: at,
      },
      {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        lastProbeTime: at,
        lastTransitionTime: at,
      },
    ];
  }
  return [];
}

/** A Job (optionally owned by a CronJob) with one pod in `state`. Returns the job. */
export function generateJob(
  ctx: SeedContext,
  namespace: string,
  name: string,
  profile: AppProfile,
  state: PodState,
  startMs: number,
  cronJob?: KubeObject,
): KubeObject {
  const { rnd } = ctx;
  const uid = rnd.uuid();
  const selectorLabels = { 'batch.kubernetes.io/controller-uid': uid };
  const labels = {
    ...selectorLabels,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const template = podTemplate(profile, labels, rnd);
  template.spec.restartPolicy = 'Never';
  const endMs = Math.min(ctx.now, startMs + rnd.int(10, 600) * 1000);
  const done = state === 'succeeded' || state === 'failed';
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace,
      uid,
      generation: 1,
      creationTimestamp: rfc3339(startMs),
      labels: { ...labels },
      ...(cronJob
        ? {
            ownerReferences: [ownerRef(cronJob)],
            annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(startMs) },
          }
        : {}),
    },
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: state === 'failed' ? 0 : 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: selectorLabels },
      template,
    },
  };
  ctx.out.push(job);
  const pod = seedPod(ctx, {
    name: `${name}-${rnd.suffix()}`,
    namespace,
    template,
    owner: ownerRef(job),
    createdAt: startMs,
    state,
  });
  const conditions = jobConditions(state, endMs);
  job.status = {
    startTime: rfc3339(startMs),
    ...(state === 'succeeded' ? { completionTime: rfc3339(endMs) } : {}),
    active: done ? 0 : 1,
    ...(state === 'succeeded' ? { succeeded: 1 } : {}),
    ...(state === 'failed' ? { failed: 1 } : {}),
    ready: done ? 0 : pod.status?.phase === 'Running' ? 1 : 0,
    terminating: 0,
    uncountedTerminatedPods: {},
    ...(conditions.length > 0 ? { conditions } : {}),
  };
  return job;
}

const SCHEDULES = [
  { cron: '*/15 * * * *', periodS: 900 },
  { cron: '0 * * * *', periodS: 3600 },
  { cron: '30 2 * * *', periodS: 86400 },
];

/** A CronJob with `runs` recent Jobs (the newest may still be running). Returns pods made. */
export function generateCronJob(
  ctx: SeedContext,
  namespace: string,
  name: string,
  profile: AppProfile,
  runs: number,
): number {
  const { rnd } = ctx;
  const schedule = rnd.pick(SCHEDULES);
  // Align runs to the schedule period so job names carry plausible scheduled times.
  const lastRunMs = Math.floor((ctx.now - 60_000) / (schedule.periodS * 1000)) * schedule.periodS * 1000;
  const jobTemplate = {
    metadata: { labels: { app: name } },
    spec: { backoffLimit: 6, template: podTemplate(profile, { app: name }, rnd) },
  };
  jobTemplate.spec.template.spec.restartPolicy = 'OnFailure';
  const cronJob: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name,
      namespace,
      uid: rnd.uuid(),
      generation: 1,
      creationTimestamp: rfc3339(lastRunMs - (runs + rnd.int(1, 50)) * schedule.periodS * 1000),
      labels: { app: name },
    },
    spec: {
      schedule: schedule.cron,
      concurrencyPolicy: 'Forbid',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      startingDeadlineSeconds: 300,
      jobTemplate,
    },
  };
  ctx.out.push(cronJob);
  const active: unknown[] = [];
  let lastSuccess = 0;
  for (let i = runs - 1; i >= 0; i--) {
    const startMs = lastRunMs - i * schedule.periodS * 1000;
    const newest = i === 0;
    const state: PodState = newest && rnd.chance(0.3) ? 'running' : rnd.chance(0.1) ? 'failed' : 'succeeded';
    const job = generateJob(
      ctx,
      namespace,
      `${name}-${Math.floor(startMs / 60_000)}`,
      profile,
      state,
      startMs,
      cronJob,
    );
    if (state === 'running') {
      active.push({ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace, uid: job.metadata.uid });
    }
    if (state === 'succeeded') lastSuccess = startMs + 30_000;
  }
  cronJob.status = {
    ...(active.length > 0 ? { active } : {}),
    lastScheduleTime: rfc3339(lastRunMs),
    ...(lastSuccess > 0 ? { lastSuccessfulTime: rfc3339(lastSuccess) } : {}),
  };
  return runs;
}
