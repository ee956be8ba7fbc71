import { describe } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { runFamilyCases, singleValueCases } from './family-test-cases.ts';
import { jobsResource } from './jobs.ts';

const running: KubeObject = {
  metadata: {
    namespace: 'ns1',
    name: 'RunningJob1',
    uid: 'u1',
    creationTimestamp: '2017-05-26T18:40:00Z',
    labels: { app: 'example-running-1' },
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'cj1', uid: 'o1', controller: true }],
  },
  spec: { activeDeadlineSeconds: 900, parallelism: 1, completions: 1 },
  status: { active: 1, failed: 0, succeeded: 0, ready: 1, startTime: '2017-05-26T18:42:40Z' },
};
const succeeded: KubeObject = {
  metadata: { namespace: 'ns1', name: 'SuccessfulJob1', uid: 'u2' },
  status: {
    succeeded: 1,
    startTime: '2017-05-26T18:40:00Z',
    completionTime: '2017-05-26T18:41:40Z',
    conditions: [{ type: 'Complete', status: 'True' }],
  },
};
const failedKnown: KubeObject = {
  metadata: { namespace: 'ns1', name: 'FailedJob1', uid: 'u3' },
  status: { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] },
};
const failedOther: KubeObject = {
  metadata: { namespace: 'ns1', name: 'FailedJob2', uid: 'u4' },
  status: { failed: 3, conditions: [{ type: 'Failed', status: 'True', reason: 'PodFailurePolicy' }] },
};
const suspended: KubeObject = {
  metadata: { namespace: 'ns1', name: 'SuspendedJob', uid: 'u5' },
  status: { conditions: [{ type: 'Suspended', status: 'True' }] },
};
const L = 'namespace="ns1",job_name="RunningJob1"';

describe('jobs families', () => {
  runFamilyCases(jobsResource, [
    ...singleValueCases(running, L, [
      ['kube_job_info', '[STABLE] Information about job.', '1'],
      ['kube_job_created', '[STABLE] Unix creation timestamp', '1.495824e+09'],
      [
        'kube_job_spec_parallelism',
        '[STABLE] The maximum desired number of pods the job should run at any given time.',
        '1',
      ],
      [
        'kube_job_spec_completions',
        '[STABLE] The desired number of successfully finished pods the job should be run with.',
        '1',
      ],
      [
        'kube_job_spec_active_deadline_seconds',
        '[STABLE] The duration in seconds relative to the startTime that the job may be active before the system tries to terminate it.',
        '900',
      ],
      ['kube_job_status_succeeded', '[STABLE] The number of pods which reached Phase Succeeded.', '0'],
      ['kube_job_status_active', '[STABLE] The number of actively running pods.', '1'],
      ['kube_job_status_ready', 'The number of ready pods that belong to this Job.', '1'],
      [
        'kube_job_status_start_time',
        '[STABLE] StartTime represents time when the job was acknowledged by the Job Manager.',
        '1.49582416e+09',
      ],
    ]),
    {
      name: 'kube_job_status_failed: zero, known reason flags, unknown reason count',
      objects: [running, failedKnown, failedOther],
      want: `
        # HELP kube_job_status_failed [STABLE] The number of pods which reached Phase Failed and the reason for failure.
        # TYPE kube_job_status_failed gauge
        kube_job_status_failed{namespace="ns1",job_name="RunningJob1"} 0
        kube_job_status_failed{namespace="ns1",job_name="FailedJob1",reason="BackoffLimitExceeded"} 1
        kube_job_status_failed{namespace="ns1",job_name="FailedJob1",reason="DeadlineExceeded"} 0
        kube_job_status_failed{namespace="ns1",job_name="FailedJob1",reason="Evicted"} 0
        kube_job_status_failed{namespace="ns1",job_name="FailedJob2",reason="BackoffLimitExceeded"} 0
        kube_job_status_failed{namespace="ns1",job_name="FailedJob2",reason="DeadlineExceeded"} 0
        kube_job_status_failed{namespace="ns1",job_name="FailedJob2",reason="Evicted"} 0
        kube_job_status_failed{namespace="ns1",job_name="FailedJob2",reason=""} 3
      `,
    },
    {
      name: 'kube_job_complete and kube_job_failed',
      objects: [running, succeeded, failedKnown],
      want: `
        # HELP kube_job_complete [STABLE] The job has completed its execution.
        # TYPE kube_job_complete gauge
        kube_job_complete{namespace="ns1",job_name="SuccessfulJob1",condition="true"} 1
        kube_job_complete{namespace="ns1",job_name="SuccessfulJob1",condition="false"} 0
        kube_job_complete{namespace="ns1",job_name="SuccessfulJob1",condition="unknown"} 0
        # HELP kube_job_failed [STABLE] The job has failed its execution.
        # TYPE kube_job_failed gauge
        kube_job_failed{namespace="ns1",job_name="FailedJob1",condition="true"} 1
        kube_job_failed{namespace="ns1",job_name="FailedJob1",condition="false"} 0
        kube_job_failed{namespace="ns1",job_name="FailedJob1",condition="unknown"} 0
      `,
    },
    {
      name: 'kube_job_status_completion_time and ready defaulting to 0',
      objects: [succeeded],
      want: `
        # HELP kube_job_status_ready The number of ready pods that belong to this Job.
        # TYPE kube_job_status_ready gauge
        kube_job_status_ready{namespace="ns1",job_name="SuccessfulJob1"} 0
        # HELP kube_job_status_completion_time [STABLE] CompletionTime represents time when the job was completed.
        # TYPE kube_job_status_completion_time gauge
        kube_job_status_completion_time{namespace="ns1",job_name="SuccessfulJob1"} 1.4958241e+09
      `,
    },
    {
      name: 'kube_job_status_suspended',
      objects: [running, suspended],
      want: `
        # HELP kube_job_status_suspended The number of pods which reached Phase Suspended.
        # TYPE kube_job_status_suspended gauge
        kube_job_status_suspended{namespace="ns1",job_name="SuspendedJob"} 1
      `,
    },
    {
      name: 'kube_job_owner',
      objects: [running, succeeded],
      want: `
        # HELP kube_job_owner [STABLE] Information about the Job's owner.
        # TYPE kube_job_owner gauge
        kube_job_owner{namespace="ns1",job_name="RunningJob1",owner_kind="CronJob",owner_name="cj1",owner_is_controller="true"} 1
        kube_job_owner{namespace="ns1",job_name="SuccessfulJob1",owner_kind="",owner_name="",owner_is_controller=""} 1
      `,
    },
    {
      name: 'kube_job_annotations and _labels',
      objects: [running],
      allowLabels: ['app'],
      allowAnnotations: ['missing'],
      want: `
        # HELP kube_job_annotations Kubernetes annotations converted to Prometheus labels.
        # TYPE kube_job_annotations gauge
        kube_job_annotations{namespace="ns1",job_name="RunningJob1"} 1
        # HELP kube_job_labels [STABLE] Kubernetes labels converted to Prometheus labels.
        # TYPE kube_job_labels gauge
        kube_job_labels{namespace="ns1",job_name="RunningJob1",label_app="example-running-1"} 1
      `,
    },
  ]);
});
