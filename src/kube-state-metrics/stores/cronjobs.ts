/** `cronjobs` (batch/v1 CronJob): 14 families, default labels `namespace, cronjob`. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import { type CronSchedule, parseCronSchedule } from './cron-schedule.ts';
import { annotationsFamily, gauge, labelsFamily, optionalValue, timestampValue } from './family-builders.ts';
import {
  arr,
  boolValue,
  createdMetric,
  namespaceNameLabels,
  obj,
  resourceVersionMetric,
  sample,
  str,
  timestampSeconds,
} from './store-utils.ts';

/** `spec.timeZone` when set (even empty, which Go reads as UTC), else `undefined` (process-local time). */
function zoneOf(c: KubeObject): string | undefined {
  const tz = obj(c.spec).timeZone;
  return typeof tz === 'string' ? tz : undefined;
}

/**
 * Parsed schedules by `[zone, spec]`; `null` marks a spec that does not parse. Both families
 * that need a schedule run on every event of every CronJob, and specs repeat, so parse once.
 */
const parsed = new Map<string, CronSchedule | null>();
const MAX_CACHED = 1000;

function schedule(c: KubeObject): CronSchedule | undefined {
  const spec = str(obj(c.spec).schedule);
  const zone = zoneOf(c);
  const key = JSON.stringify([zone ?? null, spec]);
  let sched = parsed.get(key);
  if (sched === undefined) {
    try {
      sched = parseCronSchedule(spec, zone);
    } catch {
      sched = null;
    }
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(key, sched);
  }
  return sched ?? undefined;
}

/** The activation after the last one, or after creation when it never ran; none while suspended. */
function nextScheduleTime(c: KubeObject): Metric[] {
  if (obj(c.spec).suspend === true) return [];
  const sched = schedule(c);
  if (!sched) return [];
  const from = timestampSeconds(obj(c.status).lastScheduleTime) ?? timestampSeconds(c.metadata?.creationTimestamp);
  return from === undefined ? [] : [sample(sched.next(from))];
}

export const cronjobsResource: ResourceDefinition = {
  name: 'cronjobs',
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  resource: 'cronjobs',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('cronjob'),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_cronjob_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_cronjob_labels', 'STABLE', allowLabels),
    gauge('kube_cronjob_info', 'STABLE', 'Info about cronjob.', (c) => [
      sample(
        1,
        ['schedule', 'concurrency_policy', 'timezone'],
        [str(obj(c.spec).schedule), str(obj(c.spec).concurrencyPolicy), zoneOf(c) ?? 'local'],
      ),
    ]),
    gauge('kube_cronjob_created', 'STABLE', 'Unix creation timestamp', createdMetric),
    gauge('kube_cronjob_status_active', 'STABLE', 'Active holds pointers to currently running jobs.', (c) => [
      sample(arr(obj(c.status).active).length),
    ]),
    gauge(
      'kube_cronjob_status_last_schedule_time',
      'STABLE',
      'LastScheduleTime keeps information of when was the last time the job was successfully scheduled.',
      (c) => timestampValue(obj(c.status).lastScheduleTime),
    ),
    gauge(
      'kube_cronjob_status_last_successful_time',
      'STABLE',
      'LastSuccessfulTime keeps information of when was the last time the job was completed successfully.',
      (c) => timestampValue(obj(c.status).lastSuccessfulTime),
    ),
    gauge(
      'kube_cronjob_spec_suspend',
      'STABLE',
      'Suspend flag tells the controller to suspend subsequent executions.',
      (c) => [sample(boolValue(obj(c.spec).suspend))],
    ),
    gauge(
      'kube_cronjob_spec_starting_deadline_seconds',
      'STABLE',
      'Deadline in seconds for starting the job if it misses scheduled time for any reason.',
      (c) => optionalValue(obj(c.spec).startingDeadlineSeconds),
    ),
    gauge(
      'kube_cronjob_next_schedule_time',
      'STABLE',
      "Next time the cronjob should be scheduled. The time after lastScheduleTime, or after the cron job's creation time if it's never been scheduled. Use this to determine if the job is delayed.",
      nextScheduleTime,
    ),
    gauge(
      'kube_cronjob_schedule_invalid',
      'ALPHA',
      'Emitted with value 1 for cronjobs whose schedule, in its configured timezone, cannot be parsed.',
      (c) => (schedule(c) ? [] : [sample(1)]),
    ),
    gauge(
      'kube_cronjob_metadata_resource_version',
      'STABLE',
      'Resource version representing a specific version of the cronjob.',
      resourceVersionMetric,
    ),
    gauge(
      'kube_cronjob_spec_successful_job_history_limit',
      'ALPHA',
      'Successful job history limit tells the controller how many completed jobs should be preserved.',
      (c) => optionalValue(obj(c.spec).successfulJobsHistoryLimit),
    ),
    gauge(
      'kube_cronjob_spec_failed_job_history_limit',
      'ALPHA',
      'Failed job history limit tells the controller how many failed jobs should be preserved.',
      (c) => optionalValue(obj(c.spec).failedJobsHistoryLimit),
    ),
  ],
};
