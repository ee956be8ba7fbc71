/**
 * Whole-object tests: every series the pod store renders for one pod in a typical state, and
 * nothing else (opt-in families included). Header lines are left out; sample order is ignored.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { renderResource } from '../metric/testing.ts';
import { pod, T0 } from './pod-fixtures.ts';
import { podsResource } from './pods.ts';

async function seriesOf(o: KubeObject): Promise<string[]> {
  const text = await renderResource(podsResource, [o]);
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .sort();
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .sort();
}

const SPEC = { restartPolicy: 'Always', serviceAccountName: 'default', schedulerName: 'default-scheduler' };
const META = { creationTimestamp: T0 };

/** Series every pod of these tests has: created, info, owner, restart policy, selectors, SA, scheduler. */
function common(name: string, node = '', extra: { restart?: string; info?: string } = {}): string {
  const P = `namespace="ns1",pod="${name}",uid="uid-${name}"`;
  return `
    kube_pod_created{${P}} 1.495824e+09
    kube_pod_info{${P},${extra.info ?? `host_ip="",pod_ip="",node="${node}"`},created_by_kind="",created_by_name="",priority_class="",host_network="false"} 1
    kube_pod_owner{${P},owner_kind="",owner_name="",owner_is_controller=""} 1
    kube_pod_restart_policy{${P},type="${extra.restart ?? 'Always'}"} 1
    kube_pod_nodeselectors{${P}} 1
    kube_pod_service_account{${P},service_account="default"} 1
    kube_pod_scheduler{${P},name="default-scheduler"} 1
  `;
}

function phases(name: string, current: string): string {
  const P = `namespace="ns1",pod="${name}",uid="uid-${name}"`;
  return ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running']
    .map((ph) => `kube_pod_status_phase{${P},phase="${ph}"} ${ph === current ? 1 : 0}`)
    .join('\n');
}

function triplet(family: string, name: string, status: 'true' | 'false' | 'unknown'): string {
  const P = `namespace="ns1",pod="${name}",uid="uid-${name}"`;
  return ['true', 'false', 'unknown'].map((s) => `${family}{${P},condition="${s}"} ${s === status ? 1 : 0}`).join('\n');
}

const cases: { name: string; pod: KubeObject; want: string }[] = [
  {
    name: 'Pending and unschedulable',
    pod: pod(
      'unsched',
      {
        ...SPEC,
        containers: [{ name: 'app', image: 'nginx:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
      },
      {
        phase: 'Pending',
        qosClass: 'Burstable',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            lastTransitionTime: '2017-05-26T18:40:05Z',
          },
        ],
      },
      META,
    ),
    want: `
      ${common('unsched')}
      ${phases('unsched', 'Pending')}
      ${triplet('kube_pod_status_scheduled', 'unsched', 'false')}
      kube_pod_container_resource_requests{namespace="ns1",pod="unsched",uid="uid-unsched",container="app",node="",resource="cpu",unit="core"} 0.1
      kube_pod_container_resource_requests{namespace="ns1",pod="unsched",uid="uid-unsched",container="app",node="",resource="memory",unit="byte"} 6.7108864e+07
      kube_pod_status_qos_class{namespace="ns1",pod="unsched",uid="uid-unsched",qos_class="BestEffort"} 0
      kube_pod_status_qos_class{namespace="ns1",pod="unsched",uid="uid-unsched",qos_class="Burstable"} 1
      kube_pod_status_qos_class{namespace="ns1",pod="unsched",uid="uid-unsched",qos_class="Guaranteed"} 0
      kube_pod_status_unschedulable{namespace="ns1",pod="unsched",uid="uid-unsched"} 1
      kube_pod_status_unscheduled_time{namespace="ns1",pod="unsched",uid="uid-unsched"} 1.495824005e+09
    `,
  },
  {
    name: 'Running and ready, with restarts',
    pod: pod(
      'restarts',
      { ...SPEC, nodeName: 'node1', containers: [{ name: 'app', image: 'nginx:1' }] },
      {
        phase: 'Running',
        hostIP: '10.0.0.1',
        podIP: '10.244.1.2',
        podIPs: [{ ip: '10.244.1.2' }],
        startTime: '2017-05-26T18:40:05Z',
        conditions: [
          { type: 'PodScheduled', status: 'True', lastTransitionTime: '2017-05-26T18:40:01Z' },
          { type: 'Initialized', status: 'True', lastTransitionTime: '2017-05-26T18:40:10Z' },
          { type: 'ContainersReady', status: 'True', lastTransitionTime: '2017-05-26T18:40:20Z' },
          { type: 'Ready', status: 'True', lastTransitionTime: '2017-05-26T18:40:30Z' },
        ],
        containerStatuses: [
          {
            name: 'app',
            image: 'nginx:1',
            imageID: 'sha256:n',
            containerID: 'containerd://a',
            ready: true,
            restartCount: 4,
            state: { running: { startedAt: '2017-05-26T18:41:40Z' } },
            lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2017-05-26T18:41:30Z' } },
          },
        ],
      },
      META,
    ),
    want: `
      ${common('restarts', 'node1', { info: 'host_ip="10.0.0.1",pod_ip="10.244.1.2",node="node1"' })}
      ${phases('restarts', 'Running')}
      ${triplet('kube_pod_status_ready', 'restarts', 'true')}
      ${triplet('kube_pod_status_scheduled', 'restarts', 'true')}
      kube_pod_ips{namespace="ns1",pod="restarts",uid="uid-restarts",ip="10.244.1.2",ip_family="4"} 1
      kube_pod_start_time{namespace="ns1",pod="restarts",uid="uid-restarts"} 1.495824005e+09
      kube_pod_status_scheduled_time{namespace="ns1",pod="restarts",uid="uid-restarts"} 1.495824001e+09
      kube_pod_status_initialized_time{namespace="ns1",pod="restarts",uid="uid-restarts"} 1.49582401e+09
      kube_pod_status_container_ready_time{namespace="ns1",pod="restarts",uid="uid-restarts"} 1.49582402e+09
      kube_pod_status_ready_time{namespace="ns1",pod="restarts",uid="uid-restarts"} 1.49582403e+09
      kube_pod_container_info{namespace="ns1",pod="restarts",uid="uid-restarts",container="app",image_spec="nginx:1",image="nginx:1",image_id="sha256:n",container_id="containerd://a"} 1
      kube_pod_container_state_started{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 1.4958241e+09
      kube_pod_container_status_last_terminated_reason{namespace="ns1",pod="restarts",uid="uid-restarts",container="app",reason="Error"} 1
      kube_pod_container_status_last_terminated_exitcode{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 1
      kube_pod_container_status_last_terminated_timestamp{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 1.49582409e+09
      kube_pod_container_status_ready{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 1
      kube_pod_container_status_restarts_total{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 4
      kube_pod_container_status_running{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 1
      kube_pod_container_status_terminated{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 0
      kube_pod_container_status_waiting{namespace="ns1",pod="restarts",uid="uid-restarts",container="app"} 0
    `,
  },
  {
    name: 'CrashLoopBackOff',
    pod: pod(
      'crash',
      { ...SPEC, nodeName: 'node1', containers: [{ name: 'app', image: 'nginx:1' }] },
      {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
        containerStatuses: [
          {
            name: 'app',
            image: 'nginx:1',
            imageID: 'sha256:n',
            containerID: 'containerd://b',
            ready: false,
            restartCount: 6,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
            lastState: { terminated: { reason: 'Error', exitCode: 2, finishedAt: '2017-05-26T18:45:00Z' } },
          },
        ],
      },
      META,
    ),
    want: `
      ${common('crash', 'node1')}
      ${phases('crash', 'Running')}
      ${triplet('kube_pod_status_ready', 'crash', 'false')}
      kube_pod_container_info{namespace="ns1",pod="crash",uid="uid-crash",container="app",image_spec="nginx:1",image="nginx:1",image_id="sha256:n",container_id="containerd://b"} 1
      kube_pod_container_status_last_terminated_reason{namespace="ns1",pod="crash",uid="uid-crash",container="app",reason="Error"} 1
      kube_pod_container_status_last_terminated_exitcode{namespace="ns1",pod="crash",uid="uid-crash",container="app"} 2
      kube_pod_container_status_last_terminated_timestamp{namespace="ns1",pod="crash",uid="uid-crash",container="app"} 1.4958243e+09
      kube_pod_container_status_ready{namespace="ns1",pod="crash",uid="uid-crash",container="app"} 0
      kube_pod_container_status_restarts_total{namespace="ns1",pod="crash",uid="uid-crash",container="app"} 6
      kube_pod_container_status_running{namespace="ns1",pod="crash",uid="uid-crash",container="app"} 0
      kube_pod_container_status_terminated{namespace="ns1",pod="crash",uid="uid-crash",container="app"} 0
      kube_pod_container_status_waiting{namespace="ns1",pod="crash",uid="uid-crash",container="app"} 1
      kube_pod_container_status_waiting_reason{namespace="ns1",pod="crash",uid="uid-crash",container="app",reason="CrashLoopBackOff"} 1
    `,
  },
  {
    name: 'restarted after OOMKilled (last terminated state)',
    pod: pod(
      'oom',
      { ...SPEC, containers: [{ name: 'app', image: 'java:17' }] },
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            image: 'java:17',
            imageID: 'sha256:j',
            containerID: 'containerd://o',
            ready: true,
            restartCount: 1,
            state: { running: { startedAt: '2017-05-26T18:41:40Z' } },
            lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2017-05-26T18:41:30Z' } },
          },
        ],
      },
      META,
    ),
    want: `
      ${common('oom')}
      ${phases('oom', 'Running')}
      kube_pod_container_info{namespace="ns1",pod="oom",uid="uid-oom",container="app",image_spec="java:17",image="java:17",image_id="sha256:j",container_id="containerd://o"} 1
      kube_pod_container_state_started{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 1.4958241e+09
      kube_pod_container_status_last_terminated_reason{namespace="ns1",pod="oom",uid="uid-oom",container="app",reason="OOMKilled"} 1
      kube_pod_container_status_last_terminated_exitcode{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 137
      kube_pod_container_status_last_terminated_timestamp{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 1.49582409e+09
      kube_pod_container_status_ready{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 1
      kube_pod_container_status_restarts_total{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 1
      kube_pod_container_status_running{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 1
      kube_pod_container_status_terminated{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 0
      kube_pod_container_status_waiting{namespace="ns1",pod="oom",uid="uid-oom",container="app"} 0
    `,
  },
  {
    name: 'Succeeded',
    pod: pod(
      'job',
      { ...SPEC, restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox' }] },
      {
        phase: 'Succeeded',
        conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }],
        containerStatuses: [
          {
            name: 'work',
            image: 'busybox:latest',
            imageID: 'sha256:b',
            containerID: 'containerd://w',
            ready: false,
            restartCount: 0,
            state: {
              terminated: {
                reason: 'Completed',
                exitCode: 0,
                startedAt: '2017-05-26T18:40:10Z',
                finishedAt: '2017-05-26T18:41:40Z',
              },
            },
          },
        ],
      },
      META,
    ),
    want: `
      ${common('job', '', { restart: 'Never' })}
      ${phases('job', 'Succeeded')}
      ${triplet('kube_pod_status_ready', 'job', 'false')}
      kube_pod_completion_time{namespace="ns1",pod="job",uid="uid-job"} 1.4958241e+09
      kube_pod_container_info{namespace="ns1",pod="job",uid="uid-job",container="work",image_spec="busybox",image="busybox:latest",image_id="sha256:b",container_id="containerd://w"} 1
      kube_pod_container_state_started{namespace="ns1",pod="job",uid="uid-job",container="work"} 1.49582401e+09
      kube_pod_container_status_ready{namespace="ns1",pod="job",uid="uid-job",container="work"} 0
      kube_pod_container_status_restarts_total{namespace="ns1",pod="job",uid="uid-job",container="work"} 0
      kube_pod_container_status_running{namespace="ns1",pod="job",uid="uid-job",container="work"} 0
      kube_pod_container_status_terminated{namespace="ns1",pod="job",uid="uid-job",container="work"} 1
      kube_pod_container_status_terminated_reason{namespace="ns1",pod="job",uid="uid-job",container="work",reason="Completed"} 1
      kube_pod_container_status_waiting{namespace="ns1",pod="job",uid="uid-job",container="work"} 0
    `,
  },
  {
    name: 'being deleted',
    pod: pod(
      'bye',
      SPEC,
      {
        phase: 'Running',
        conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet' }],
      },
      { ...META, deletionTimestamp: '2017-05-26T18:45:00Z', deletionGracePeriodSeconds: 30 },
    ),
    want: `
      ${common('bye')}
      ${phases('bye', 'Running')}
      kube_pod_deletion_timestamp{namespace="ns1",pod="bye",uid="uid-bye"} 1.4958243e+09
      kube_pod_status_disruption_reason{namespace="ns1",pod="bye",uid="uid-bye",reason="TerminationByKubelet"} 1
      kube_pod_status_reason{namespace="ns1",pod="bye",uid="uid-bye",reason="TerminationByKubelet"} 1
    `,
  },
  {
    name: 'initializing: init container running after a failed attempt',
    pod: pod(
      'init',
      {
        ...SPEC,
        initContainers: [{ name: 'setup', image: 'busybox' }],
        containers: [{ name: 'app', image: 'nginx:1' }],
      },
      {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized' }],
        initContainerStatuses: [
          {
            name: 'setup',
            image: 'busybox',
            imageID: 'sha256:b',
            containerID: 'containerd://i',
            ready: false,
            restartCount: 2,
            state: { running: { startedAt: '2017-05-26T18:40:30Z' } },
            lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2017-05-26T18:40:20Z' } },
          },
        ],
        containerStatuses: [
          {
            name: 'app',
            image: 'nginx:1',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'PodInitializing' } },
          },
        ],
      },
      META,
    ),
    want: `
      ${common('init')}
      ${phases('init', 'Pending')}
      kube_pod_init_container_info{namespace="ns1",pod="init",uid="uid-init",container="setup",image_spec="busybox",image="busybox",image_id="sha256:b",container_id="containerd://i",restart_policy=""} 1
      kube_pod_init_container_state_started{namespace="ns1",pod="init",uid="uid-init",container="setup"} 1.49582403e+09
      kube_pod_init_container_status_last_terminated_reason{namespace="ns1",pod="init",uid="uid-init",container="setup",reason="Error"} 1
      kube_pod_init_container_status_last_terminated_exitcode{namespace="ns1",pod="init",uid="uid-init",container="setup"} 1
      kube_pod_init_container_status_last_terminated_timestamp{namespace="ns1",pod="init",uid="uid-init",container="setup"} 1.49582402e+09
      kube_pod_init_container_status_ready{namespace="ns1",pod="init",uid="uid-init",container="setup"} 0
      kube_pod_init_container_status_restarts_total{namespace="ns1",pod="init",uid="uid-init",container="setup"} 2
      kube_pod_init_container_status_running{namespace="ns1",pod="init",uid="uid-init",container="setup"} 1
      kube_pod_init_container_status_terminated{namespace="ns1",pod="init",uid="uid-init",container="setup"} 0
      kube_pod_init_container_status_waiting{namespace="ns1",pod="init",uid="uid-init",container="setup"} 0
      kube_pod_container_info{namespace="ns1",pod="init",uid="uid-init",container="app",image_spec="nginx:1",image="nginx:1",image_id="",container_id=""} 1
      kube_pod_container_status_ready{namespace="ns1",pod="init",uid="uid-init",container="app"} 0
      kube_pod_container_status_restarts_total{namespace="ns1",pod="init",uid="uid-init",container="app"} 0
      kube_pod_container_status_running{namespace="ns1",pod="init",uid="uid-init",container="app"} 0
      kube_pod_container_status_terminated{namespace="ns1",pod="init",uid="uid-init",container="app"} 0
      kube_pod_container_status_waiting{namespace="ns1",pod="init",uid="uid-init",container="app"} 1
      kube_pod_container_status_waiting_reason{namespace="ns1",pod="init",uid="uid-init",container="app",reason="PodInitializing"} 1
    `,
  },
  {
    name: 'with DRA resource claims',
    pod: pod(
      'dra',
      {
        ...SPEC,
        resourceClaims: [
          { name: 'gpu', resourceClaimTemplateName: 'gpu-template' },
          { name: 'shared', resourceClaimName: 'shared-claim' },
        ],
      },
      { resourceClaimStatuses: [{ name: 'gpu', resourceClaimName: 'dra-gpu-x7k2' }] },
      META,
    ),
    want: `
      ${common('dra')}
      kube_pod_resourceclaim_info{namespace="ns1",pod="dra",uid="uid-dra",claim_name="gpu",resourceclaim_name="dra-gpu-x7k2",resourceclaim_template_name="gpu-template"} 1
      kube_pod_resourceclaim_info{namespace="ns1",pod="dra",uid="uid-dra",claim_name="shared",resourceclaim_name="shared-claim",resourceclaim_template_name=""} 1
    `,
  },
];

describe('pods: whole objects', () => {
  for (const c of cases) {
    it(c.name, async () => {
      assert.deepEqual(await seriesOf(c.pod), lines(c.want));
    });
  }
});
