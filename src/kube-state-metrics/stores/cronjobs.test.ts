import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { cronjobsResource } from './cronjobs.ts';
import { runFamilyCases, singleValueCases } from './family-test-cases.ts';

const active: KubeObject = {
  metadata: {
    namespace: 'ns1',
    name: 'ActiveRunningCronJob1',
    uid: 'u1',
    resourceVersion: '11111',
    creationTimestamp: '2017-05-26T18:40:00Z',
    labels: { app: 'example-active-running-1' },
  },
  spec: {
    schedule: '0 */6 * * *',
    timeZone: 'Asia/Shanghai',
    concurrencyPolicy: 'Forbid',
    suspend: false,
    startingDeadlineSeconds: 300,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
  },
  status: {
    active: [{ name: 'FakeJob1' }, { name: 'FakeJob2' }],
    lastScheduleTime: '2017-05-26T18:00:00Z',
    lastSuccessfulTime: '2017-05-26T17:00:00Z',
  },
};
const neverRan: KubeObject = {
  metadata: { namespace: 'ns1', name: 'NeverRan', uid: 'u2', creationTimestamp: '2017-05-26T18:40:00Z' },
  spec: { schedule: '@hourly', timeZone: 'UTC' },
};
const suspended: KubeObject = {
  metadata: { namespace: 'ns1', name: 'Suspended', uid: 'u3', creationTimestamp: '2017-05-26T18:40:00Z' },
  spec: { schedule: '@hourly', suspend: true },
};
const invalid: KubeObject = {
  metadata: { namespace: 'ns1', name: 'Invalid', uid: 'u4', creationTimestamp: '2017-05-26T18:40:00Z' },
  spec: { schedule: '0 0 * * *', timeZone: 'Mars/Olympus' },
};
const L = 'namespace="ns1",cronjob="ActiveRunningCronJob1"';

describe('cronjobs families', () => {
  runFamilyCases(cronjobsResource, [
    ...singleValueCases(active, L, [
      ['kube_cronjob_created', '[STABLE] Unix creation timestamp', '1.495824e+09'],
      ['kube_cronjob_status_active', '[STABLE] Active holds pointers to currently running jobs.', '2'],
      [
        'kube_cronjob_status_last_schedule_time',
        '[STABLE] LastScheduleTime keeps information of when was the last time the job was successfully scheduled.',
        '1.4958216e+09',
      ],
      [
        'kube_cronjob_status_last_successful_time',
        '[STABLE] LastSuccessfulTime keeps information of when was the last time the job was completed successfully.',
        '1.495818e+09',
      ],
      [
        'kube_cronjob_spec_suspend',
        '[STABLE] Suspend flag tells the controller to suspend subsequent executions.',
        '0',
      ],
      [
        'kube_cronjob_spec_starting_deadline_seconds',
        '[STABLE] Deadline in seconds for starting the job if it misses scheduled time for any reason.',
        '300',
      ],
      [
        'kube_cronjob_metadata_resource_version',
        '[STABLE] Resource version representing a specific version of the cronjob.',
        '11111',
      ],
      [
        'kube_cronjob_spec_successful_job_history_limit',
        'Successful job history limit tells the controller how many completed jobs should be preserved.',
        '3',
      ],
      [
        'kube_cronjob_spec_failed_job_history_limit',
        'Failed job history limit tells the controller how many failed jobs should be preserved.',
        '1',
      ],
    ]),
    {
      name: 'kube_cronjob_info',
      objects: [active, suspended],
      want: `
        # HELP kube_cronjob_info [STABLE] Info about cronjob.
        # TYPE kube_cronjob_info gauge
        kube_cronjob_info{namespace="ns1",cronjob="ActiveRunningCronJob1",schedule="0 */6 * * *",concurrency_policy="Forbid",timezone="Asia/Shanghai"} 1
        kube_cronjob_info{namespace="ns1",cronjob="Suspended",schedule="@hourly",concurrency_policy="",timezone="local"} 1
      `,
    },
    {
      // 18:00Z is 02:00 in Shanghai; the next 6-hourly slot there is 06:00 local = 22:00Z.
      name: 'kube_cronjob_next_schedule_time: after last run, after creation, none when suspended or invalid',
      objects: [active, neverRan, suspended, invalid],
      want: `
        # HELP kube_cronjob_next_schedule_time [STABLE] Next time the cronjob should be scheduled. The time after lastScheduleTime, or after the cron job's creation time if it's never been scheduled. Use this to determine if the job is delayed.
        # TYPE kube_cronjob_next_schedule_time gauge
        kube_cronjob_next_schedule_time{namespace="ns1",cronjob="ActiveRunningCronJob1"} 1.495836e+09
        kube_cronjob_next_schedule_time{namespace="ns1",cronjob="NeverRan"} 1.4958252e+09
      `,
    },
    {
      name: 'kube_cronjob_schedule_invalid',
      objects: [active, invalid, { metadata: { namespace: 'ns1', name: 'NoSchedule', uid: 'u5' } }],
      want: `
        # HELP kube_cronjob_schedule_invalid Emitted with value 1 for cronjobs whose schedule, in its configured timezone, cannot be parsed.
        # TYPE kube_cronjob_schedule_invalid gauge
        kube_cronjob_schedule_invalid{namespace="ns1",cronjob="Invalid"} 1
        kube_cronjob_schedule_invalid{namespace="ns1",cronjob="NoSchedule"} 1
      `,
    },
    {
      name: 'absent optionals',
      objects: [neverRan],
      want: `
        # HELP kube_cronjob_status_active [STABLE] Active holds pointers to currently running jobs.
        # TYPE kube_cronjob_status_active gauge
        kube_cronjob_status_active{namespace="ns1",cronjob="NeverRan"} 0
        # HELP kube_cronjob_status_last_schedule_time [STABLE] LastScheduleTime keeps information of when was the last time the job was successfully scheduled.
        # TYPE kube_cronjob_status_last_schedule_time gauge
        # HELP kube_cronjob_spec_starting_deadline_seconds [STABLE] Deadline in seconds for starting the job if it misses scheduled time for any reason.
        # TYPE kube_cronjob_spec_starting_deadline_seconds gauge
        # HELP kube_cronjob_metadata_resource_version [STABLE] Resource version representing a specific version of the cronjob.
        # TYPE kube_cronjob_metadata_resource_version gauge
      `,
    },
    {
      name: 'kube_cronjob_annotations and _labels',
      objects: [active],
      allowLabels: ['app'],
      allowAnnotations: ['*'],
      want: `
        # HELP kube_cronjob_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_cronjob_annotations gauge
        kube_cronjob_annotations{namespace="ns1",cronjob="ActiveRunningCronJob1"} 1
        # HELP kube_cronjob_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_cronjob_labels gauge
        kube_cronjob_labels{namespace="ns1",cronjob="ActiveRunningCronJob1",label_app="example-active-running-1"} 1
      `,
    },
  ]);
});
