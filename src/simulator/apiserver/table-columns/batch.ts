/** Columns of jobs (the STATUS/COMPLETIONS/DURATION layout of kubectl 1.31+) and cron jobs. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import { humanDuration, timestampAge } from '../human-duration.ts';
import {
  AGE_COLUMN,
  age,
  boolPtr,
  CONTAINERS_COLUMN,
  column,
  formatLabelSelector,
  get,
  hasCondition,
  IMAGES_COLUMN,
  int,
  list,
  NAME_COLUMN,
  NONE,
  name,
  type Printer,
  SELECTOR_COLUMN,
  str,
  templateContainers,
} from './column.ts';

function jobStatus(job: KubeObject): string {
  const conditions = get(job, 'status', 'conditions');
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (typeof job.metadata.deletionTimestamp === 'string') return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(conditions, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function completions(job: KubeObject): string {
  const succeeded = int(get(job, 'status', 'succeeded'));
  const wanted = get(job, 'spec', 'completions');
  if (typeof wanted === 'number') return `${succeeded}/${Math.trunc(wanted)}`;
  const parallelism = get(job, 'spec', 'parallelism');
  if (typeof parallelism === 'number' && parallelism > 1) return `${succeeded}/1 of ${Math.trunc(parallelism)}`;
  return `${succeeded}/1`;
}

function jobDuration(job: KubeObject, now: number): string {
  const start = Date.parse(str(get(job, 'status', 'startTime')));
  if (Number.isNaN(start)) return '';
  const end = Date.parse(str(get(job, 'status', 'completionTime')));
  return humanDuration((Number.isNaN(end) ? now : end) - start);
}

export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'Status of the job.'),
    column('Completions', 'The desired number of successfully finished pods the job should be run with.'),
    column('Duration', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (job, now) => [
    name(job),
    jobStatus(job),
    completions(job),
    jobDuration(job, now),
    age(job, now),
    ...templateContainers(get(job, 'spec', 'template', 'spec')),
    formatLabelSelector(get(job, 'spec', 'selector')),
  ],
};

export const cronJobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'The schedule in Cron format.'),
    column('Timezone', 'The time zone name for the given schedule.'),
    column('Suspend', 'Whether subsequent executions are suspended.', 'boolean'),
    column('Active', 'Number of currently running jobs.', 'integer'),
    column('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  cells: (cronJob, now) => {
    const last = get(cronJob, 'status', 'lastScheduleTime');
    const jobSpec = get(cronJob, 'spec', 'jobTemplate', 'spec');
    return [
      name(cronJob),
      str(get(cronJob, 'spec', 'schedule')),
      str(get(cronJob, 'spec', 'timeZone')) || NONE,
      boolPtr(get(cronJob, 'spec', 'suspend')),
      list(get(cronJob, 'status', 'active')).length,
      typeof last === 'string' ? timestampAge(last, now) : NONE,
      age(cronJob, now),
      ...templateContainers(get(jobSpec, 'template', 'spec')),
      formatLabelSelector(get(jobSpec, 'selector')),
    ];
  },
};
