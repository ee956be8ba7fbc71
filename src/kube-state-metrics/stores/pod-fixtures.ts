/**
 * Pods in the states the pod-store tests exercise (test-only fixtures): a running pod with two
 * containers, restarts and an OOMKilled last termination, plus smaller pods built by `pod()`.
 */
import type { KubeObject } from '../../shared/kube/object.ts';

export const T0 = '2017-05-26T18:40:00Z';

/** A pod in namespace `ns1` whose uid is `uid-<name>`, with the given spec and status. */
export function pod(
  name: string,
  spec: Record<string, unknown> = {},
  status: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): KubeObject {
  return { metadata: { namespace: 'ns1', name, uid: `uid-${name}`, ...metadata }, spec, status };
}

export const running = pod(
  'pod1',
  {
    nodeName: 'node1',
    priorityClassName: 'system-node-critical',
    hostNetwork: true,
    restartPolicy: 'Always',
    serviceAccountName: 'sa1',
    schedulerName: 'default-scheduler',
    runtimeClassName: 'gvisor',
    overhead: { cpu: '250m', memory: '1.5Gi' },
    nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' },
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { operator: 'Exists' },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'claim-data', readOnly: true } },
      { name: 'logs', persistentVolumeClaim: { claimName: 'claim-logs' } },
      { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } },
      { name: 'config', configMap: { name: 'cfg' } },
    ],
    containers: [
      {
        name: 'app',
        image: 'registry.example/app:1.0',
        resources: {
          requests: {
            cpu: '200m',
            memory: '100M',
            'ephemeral-storage': '300M',
            storage: '400M',
            'nvidia.com/gpu': '1',
            'hugepages-2Mi': '100Mi',
            pods: '3',
          },
          limits: { cpu: '2', memory: '200M' },
        },
      },
      { name: 'sidecar', image: 'busybox' },
    ],
  },
  {
    phase: 'Running',
    qosClass: 'Burstable',
    hostIP: '10.0.0.1',
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }, { ip: 'fd00::5' }, { ip: '::ffff:10.0.0.9' }, { ip: 'not-an-ip' }],
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
        image: 'registry.example/app@sha256:1',
        imageID: 'docker-pullable://registry.example/app@sha256:1',
        containerID: 'containerd://c1',
        ready: true,
        restartCount: 3,
        state: { running: { startedAt: '2017-05-26T18:41:40Z' } },
        lastState: {
          terminated: {
            reason: 'OOMKilled',
            exitCode: 137,
            startedAt: '2017-05-26T18:40:30Z',
            finishedAt: '2017-05-26T18:41:30Z',
          },
        },
      },
      {
        name: 'sidecar',
        image: 'busybox:latest',
        imageID: 'docker-pullable://busybox@sha256:2',
        containerID: 'containerd://c2',
        ready: false,
        restartCount: 7,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
        lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2017-05-26T18:45:00Z' } },
      },
    ],
  },
  {
    creationTimestamp: T0,
    labels: { app: 'web', 'app.kubernetes.io/name': 'web' },
    annotations: { 'prometheus.io/scrape': 'true' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f', uid: 'o1', controller: true },
      { apiVersion: 'v1', kind: 'Thing', name: 'other', uid: 'o2' },
    ],
  },
);

/** Default labels of `running` as rendered. */
export const P1 = 'namespace="ns1",pod="pod1",uid="uid-pod1"';

export const initializing = pod(
  'pod-init',
  {
    nodeName: 'node2',
    initContainers: [
      {
        name: 'migrate',
        image: 'migrate:1',
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
      },
      { name: 'proxy', image: 'proxy:1', restartPolicy: 'Always' },
      { name: 'setup', image: 'setup:1' },
    ],
    containers: [{ name: 'main', image: 'main:1' }],
  },
  {
    phase: 'Pending',
    qosClass: 'BestEffort',
    initContainerStatuses: [
      {
        name: 'migrate',
        image: 'migrate:1',
        imageID: 'sha256:m',
        containerID: 'containerd://m1',
        ready: true,
        restartCount: 1,
        state: {
          terminated: {
            reason: 'Completed',
            exitCode: 0,
            startedAt: '2017-05-26T18:40:10Z',
            finishedAt: '2017-05-26T18:40:20Z',
          },
        },
        lastState: {
          terminated: {
            reason: 'Error',
            exitCode: 2,
            startedAt: '2017-05-26T18:40:01Z',
            finishedAt: '2017-05-26T18:40:05Z',
          },
        },
      },
      {
        name: 'proxy',
        image: 'proxy:1',
        imageID: 'sha256:p',
        containerID: 'containerd://p1',
        ready: false,
        restartCount: 0,
        state: { running: { startedAt: '2017-05-26T18:40:30Z' } },
      },
      {
        name: 'setup',
        image: 'setup:1',
        imageID: '',
        containerID: '',
        ready: false,
        restartCount: 0,
        state: { waiting: { reason: 'PodInitializing' } },
      },
    ],
    containerStatuses: [
      {
        name: 'main',
        image: 'main:1',
        ready: false,
        restartCount: 0,
        state: { waiting: { reason: 'PodInitializing' } },
      },
    ],
  },
);

/** Default labels of `initializing` as rendered. */
export const PI = 'namespace="ns1",pod="pod-init",uid="uid-pod-init"';

export const succeeded = pod(
  'done',
  { restartPolicy: 'Never' },
  {
    phase: 'Succeeded',
    containerStatuses: [
      { name: 'a', state: { terminated: { reason: 'Completed', exitCode: 0, finishedAt: '2017-05-26T18:45:00Z' } } },
      { name: 'b', state: { terminated: { reason: 'Completed', exitCode: 0, finishedAt: '2017-05-26T18:41:40Z' } } },
    ],
  },
);

/** Default labels of `succeeded` as rendered. */
export const D = 'namespace="ns1",pod="done",uid="uid-done"';

/** A pod with nothing but identity. */
export const bare = pod('bare');
