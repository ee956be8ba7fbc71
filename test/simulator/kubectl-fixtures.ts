/**
 * Objects for the kubectl acceptance test: a node and pods in the states kubectl's printer
 * distinguishes, created `ageMs` ago so AGE columns are predictable (10h stays `10h` for an hour).
 */
import type { KubeObject } from '../../src/shared/kube/object.ts';

export function fixtureObjects(now: number, ageMs: number): { path: string; object: KubeObject }[] {
  const created = new Date(now - ageMs).toISOString().replace(/\.\d+Z$/, 'Z');
  const lastRestart = new Date(now - 20 * 3_600_000 - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: created, labels: { app: name } });
  const container = (name: string) => ({ name, image: 'registry.k8s.io/pause:3.10' });
  const pod = (name: string, spec: object, status: object): { path: string; object: KubeObject } => ({
    path: '/api/v1/namespaces/default/pods',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(name),
      spec: { nodeName: 'node-1', containers: [container('app')], ...spec },
      status,
    },
  });
  const running = {
    name: 'app',
    ready: true,
    restartCount: 0,
    image: 'pause',
    imageID: '',
    state: { running: { startedAt: created } },
  };
  return [
    {
      path: '/api/v1/nodes',
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: 'node-1',
          creationTimestamp: created,
          labels: { 'kubernetes.io/hostname': 'node-1', 'node-role.kubernetes.io/control-plane': '' },
        },
        status: {
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
          addresses: [
            { type: 'InternalIP', address: '127.0.1.1' },
            { type: 'Hostname', address: 'node-1' },
          ],
          nodeInfo: {
            kubeletVersion: 'v1.33.1',
            osImage: 'Debian GNU/Linux 12 (bookworm)',
            kernelVersion: '6.1.0-18-amd64',
            containerRuntimeVersion: 'containerd://1.7.24',
            operatingSystem: 'linux',
            architecture: 'amd64',
          },
        },
      },
    },
    pod(
      'web',
      {},
      { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }], containerStatuses: [running] },
    ),
    pod(
      'crashy',
      {},
      {
        phase: 'Running',
        podIP: '10.244.0.6',
        containerStatuses: [
          {
            ...running,
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: lastRestart } },
          },
        ],
      },
    ),
    pod(
      'done',
      { restartPolicy: 'Never' },
      {
        phase: 'Succeeded',
        containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      },
    ),
    pod(
      'starting',
      { initContainers: [container('init')] },
      {
        phase: 'Pending',
        initContainerStatuses: [{ ...running, name: 'init', ready: false }],
        containerStatuses: [{ ...running, ready: false, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    ),
    pod('unscheduled', { nodeName: undefined }, { phase: 'Pending' }),
  ];
}

/** `kubectl get` rows as cell arrays: tabwriter pads with 2+ spaces, values have at most single spaces. */
export function rows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));
}

export const POD_MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: created
  labels: {app: created}
spec:
  containers:
  - name: app
    image: registry.k8s.io/pause:3.10
    ports: [{containerPort: 80}]
`;

export function deploymentManifest(tier: string, replicas: number, value: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: applied
  labels: {app: applied, tier: ${tier}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: applied}}
  template:
    metadata: {labels: {app: applied}}
    spec:
      containers:
      - name: app
        image: registry.k8s.io/pause:3.10
        env: [{name: MODE, value: "${value}"}]
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 10m}}
`;
}

/** A CRD in a group of its own (CRDs are cluster-wide, and each kubectl version gets its own). */
export function crdManifest(group: string): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.${group}}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              tags: {type: array, items: {type: string}}
`;
}

export function widgetManifest(group: string, size: number): string {
  return `apiVersion: ${group}/v1
kind: Widget
metadata: {name: w1, labels: {size: "${size}"}}
spec: {size: ${size}, tags: [a]}
`;
}
