/** `jobs` (batch/v1 Job): 17 families, default labels `namespace, job_name`. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  gauge,
  labelsFamily,
  optionalValue,
  timestampValue,
  valueOrZero,
} from './family-builders.ts';
import {
  arr,
  conditionTriplet,
  createdMetric,
  namespaceNameLabels,
  num,
  obj,
  ownerMetrics,
  sample,
} from './store-utils.ts';

/** Failure reasons reported as their own 0/1 series; any other reason folds into `reason=""`. */
const JOB_FAILURE_REASONS = ['BackoffLimitExceeded', 'DeadlineExceeded', 'Evicted'];

function conditions(j: KubeObject): Record<string, unknown>[] {
  return arr(obj(j.status).conditions).map(obj);
}

/**
 * Upstream quirk kept: with failures and a `Failed` condition carrying a known reason, the known
 * reasons are 0/1 flags (not the failure count); otherwise one `reason=""` series holds the count.
 */
function statusFailed(j: KubeObject): Metric[] {
  const failed = num(obj(j.status).failed) ?? 0;
  if (failed === 0) return [sample(0)];
  const out: Metric[] = [];
  let reasonKnown = false;
  for (const c of conditions(j)) {
    if (c.type !== 'Failed') continue;
    for (const reason of JOB_FAILURE_REASONS) {
      const match = c.reason === reason;
      reasonKnown ||= match;
      out.push(sample(match ? 1 : 0, ['reason'], [reason]));
    }
  }
  if (!reasonKnown) out.push(sample(failed, ['reason'], ['']));
  return out;
}

function conditionFamily(type: string): (j: KubeObject) => Metric[] {
  return (j) => conditions(j).flatMap((c) => (c.type === type ? conditionTriplet(c.status) : []));
}

export const jobsResource: ResourceDefinition = {
  name: 'jobs',
  apiVersion: 'batch/v1',
  kind: 'Job',
  resource: 'jobs',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('job_name'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_job_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_job_labels', 'STABLE', allowLabels),
    gauge('kube_job_info', 'STABLE', 'Information about job.', () => [sample(1)]),
    gauge('kube_job_created', 'STABLE', 'Unix creation timestamp', createdMetric),
    gauge(
      'kube_job_spec_parallelism',
      'STABLE',
      'The maximum desired number of pods the job should run at any given time.',
      (j) => optionalValue(obj(j.spec).parallelism),
    ),
    gauge(
      'kube_job_spec_completions',
      'STABLE',
      'The desired number of successfully finished pods the job should be run with.',
      (j) => optionalValue(obj(j.spec).completions),
    ),
    gauge(
      'kube_job_spec_active_deadline_seconds',
      'STABLE',
      'The duration in seconds relative to the startTime that the job may be active before the system tries to terminate it.',
      (j) => optionalValue(obj(j.spec).activeDeadlineSeconds),
    ),
    gauge('kube_job_status_succeeded', 'STABLE', 'The number of pods which reached Phase Succeeded.', (j) =>
      valueOrZero(obj(j.status).succeeded),
    ),
    gauge(
      'kube_job_status_failed',
      'STABLE',
      'The number of pods which reached Phase Failed and the reason for failure.',
      statusFailed,
    ),
    gauge('kube_job_status_active', 'STABLE', 'The number of actively running pods.', (j) =>
      valueOrZero(obj(j.status).active),
    ),
    gauge('kube_job_status_ready', 'ALPHA', 'The number of ready pods that belong to this Job.', (j) =>
      valueOrZero(obj(j.status).ready),
    ),
    gauge('kube_job_complete', 'STABLE', 'The job has completed its execution.', conditionFamily('Complete')),
    gauge('kube_job_failed', 'STABLE', 'The job has failed its execution.', conditionFamily('Failed')),
    gauge(
      'kube_job_status_start_time',
      'STABLE',
      'StartTime represents time when the job was acknowledged by the Job Manager.',
      (j) => timestampValue(obj(j.status).startTime),
    ),
    gauge(
      'kube_job_status_completion_time',
      'STABLE',
      'CompletionTime represents time when the job was completed.',
      (j) => timestampValue(obj(j.status).completionTime),
    ),
    gauge('kube_job_status_suspended', 'ALPHA', 'The number of pods which reached Phase Suspended.', (j) =>
      conditions(j).flatMap((c) => (c.type === 'Suspended' ? [sample(c.status === 'True' ? 1 : 0)] : [])),
    ),
    gauge('kube_job_owner', 'STABLE', "Information about the Job's owner.", ownerMetrics),
  ],
};
