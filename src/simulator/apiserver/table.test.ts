import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { BUILTIN_RESOURCE_TYPES, type ResourceType } from './resource-types.ts';
import { buildTable } from './table.ts';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const HOUR_AGO = '2026-01-01T11:00:00Z';

function typeOf(group: string, kind: string): ResourceType {
  const t = BUILTIN_RESOURCE_TYPES.find((r) => r.group === group && r.kind === kind);
  if (!t) throw new Error(`no type ${group}/${kind}`);
  return t;
}

function cells(group: string, kind: string, obj: Partial<KubeObject>): unknown[] {
  const table = buildTable(typeOf(group, kind), [{ metadata: {}, ...obj } as KubeObject], {
    includeObject: 'None',
    now: NOW,
  });
  return table.rows[0]?.cells ?? [];
}

function headers(group: string, kind: string): string[] {
  const table = buildTable(typeOf(group, kind), [], { includeObject: 'None', now: NOW });
  return (table.columnDefinitions ?? []).map((c) => (c.priority > 0 ? `(${c.name})` : c.name));
}

const running = (name: string, restartCount = 0, extra: object = {}) => ({
  name,
  ready: true,
  restartCount,
  state: { running: { startedAt: HOUR_AGO } },
  ...extra,
});

function pod(spec: object, status: object, meta: object = {}): Partial<KubeObject> {
  return {
    metadata: { name: 'p', creationTimestamp: HOUR_AGO, ...meta },
    spec: { containers: [{ name: 'a' }], ...spec },
    status,
  };
}

describe('pod table', () => {
  const cases: { name: string; pod: Partial<KubeObject>; want: [string, string, string] }[] = [
    {
      name: 'running',
      pod: pod({}, { phase: 'Running', containerStatuses: [running('a')] }),
      want: ['1/1', 'Running', '0'],
    },
    {
      name: 'pending, unscheduled',
      pod: pod({}, { phase: 'Pending' }),
      want: ['0/1', 'Pending', '0'],
    },
    {
      name: 'container creating',
      pod: pod(
        {},
        {
          phase: 'Pending',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
          ],
        },
      ),
      want: ['0/1', 'ContainerCreating', '0'],
    },
    {
      name: 'crash loop with last restart 5 minutes ago',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'a',
              ready: false,
              restartCount: 3,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T11:55:00Z' } },
            },
          ],
        },
      ),
      want: ['0/1', 'CrashLoopBackOff', '3 (5m ago)'],
    },
    {
      name: 'OOM killed',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
          ],
        },
      ),
      want: ['0/1', 'OOMKilled', '0'],
    },
    {
      name: 'completed',
      pod: pod(
        {},
        {
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
      ),
      want: ['0/1', 'Completed', '0'],
    },
    {
      name: 'error exit without reason',
      pod: pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }],
        },
      ),
      want: ['0/1', 'ExitCode:2', '0'],
    },
    {
      name: 'error',
      pod: pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } },
          ],
        },
      ),
      want: ['0/1', 'Error', '0'],
    },
    {
      name: 'first init container running',
      pod: pod(
        { initContainers: [{ name: 'init' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { running: {} } }],
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
          ],
        },
      ),
      want: ['0/1', 'Init:0/1', '0'],
    },
    {
      name: 'init container crash loop',
      pod: pod(
        { initContainers: [{ name: 'one' }, { name: 'two' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'one', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'two', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      ),
      want: ['0/1', 'Init:CrashLoopBackOff', '2'],
    },
    {
      name: 'running sidecar counts as a container',
      pod: pod(
        { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [running('proxy', 0, { started: true })],
          containerStatuses: [running('a')],
        },
      ),
      want: ['2/2', 'Running', '0'],
    },
    {
      name: 'terminating',
      pod: pod(
        {},
        { phase: 'Running', containerStatuses: [running('a')] },
        { deletionTimestamp: '2026-01-01T11:59:00Z' },
      ),
      want: ['1/1', 'Terminating', '0'],
    },
    {
      name: 'evicted (status reason)',
      pod: pod({}, { phase: 'Failed', reason: 'Evicted' }),
      want: ['0/1', 'Evicted', '0'],
    },
    {
      name: 'completed container with one still running, pod ready',
      pod: pod(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            running('a'),
            { name: 'b', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
      ),
      want: ['1/2', 'Running', '0'],
    },
    {
      name: 'hostile status fields',
      pod: { metadata: { name: 'p' }, spec: 'nope', status: { containerStatuses: [null, 7, { state: 'x' }] } },
      want: ['0/0', '', '0'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(cells('', 'Pod', c.pod).slice(1, 4), c.want));
  }

  it('wide columns and row conditions', () => {
    const p = pod(
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'x/ready' }] },
      {
        phase: 'Succeeded',
        podIPs: [{ ip: '10.0.0.5' }],
        conditions: [{ type: 'x/ready', status: 'True' }],
      },
    );
    const table = buildTable(typeOf('', 'Pod'), [p as KubeObject], { includeObject: 'Metadata', now: NOW });
    assert.deepEqual(table.rows[0]?.cells, [
      'p',
      '0/1',
      'Succeeded',
      '0',
      '60m',
      '10.0.0.5',
      'node-1',
      '<none>',
      '1/1',
    ]);
    assert.deepEqual(table.rows[0]?.conditions, [
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    assert.deepEqual(table.rows[0]?.object, {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'p', creationTimestamp: HOUR_AGO },
    });
  });
});

describe('column headers', () => {
  const cases: [string, string, string[]][] = [
    [
      '',
      'Node',
      [
        'Name',
        'Status',
        'Roles',
        'Age',
        'Version',
        '(Internal-IP)',
        '(External-IP)',
        '(OS-Image)',
        '(Kernel-Version)',
        '(Container-Runtime)',
      ],
    ],
    [
      '',
      'Pod',
      ['Name', 'Ready', 'Status', 'Restarts', 'Age', '(IP)', '(Node)', '(Nominated Node)', '(Readiness Gates)'],
    ],
    [
      'apps',
      'Deployment',
      ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', '(Containers)', '(Images)', '(Selector)'],
    ],
    ['', 'Service', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', '(Selector)']],
    ['batch', 'Job', ['Name', 'Status', 'Completions', 'Duration', 'Age', '(Containers)', '(Images)', '(Selector)']],
    [
      'batch',
      'CronJob',
      [
        'Name',
        'Schedule',
        'Timezone',
        'Suspend',
        'Active',
        'Last Schedule',
        'Age',
        '(Containers)',
        '(Images)',
        '(Selector)',
      ],
    ],
    [
      '',
      'Event',
      [
        'Last Seen',
        'Type',
        'Reason',
        'Object',
        '(Subobject)',
        '(Source)',
        'Message',
        '(First Seen)',
        '(Count)',
        '(Name)',
      ],
    ],
    ['apiregistration.k8s.io', 'APIService', ['Name', 'Service', 'Available', 'Age']],
    ['apiextensions.k8s.io', 'CustomResourceDefinition', ['Name', 'Created At']],
    ['', 'PodTemplate', ['Name', 'Age']],
  ];
  for (const [group, kind, want] of cases) it(`${group}/${kind}`, () => assert.deepEqual(headers(group, kind), want));
});

describe('cells of other kinds', () => {
  const cases: { name: string; group: string; kind: string; obj: Partial<KubeObject>; want: unknown[] }[] = [
    {
      name: 'ready control-plane node',
      group: '',
      kind: 'Node',
      obj: {
        metadata: { name: 'n1', creationTimestamp: HOUR_AGO, labels: { 'node-role.kubernetes.io/control-plane': '' } },
        spec: { unschedulable: true },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          addresses: [
            { type: 'InternalIP', address: '127.0.1.1' },
            { type: 'Hostname', address: 'n1' },
          ],
          nodeInfo: {
            kubeletVersion: 'v1.33.1',
            osImage: 'Debian',
            kernelVersion: '6.1',
            containerRuntimeVersion: 'containerd://1.7',
          },
        },
      },
      want: [
        'n1',
        'Ready,SchedulingDisabled',
        'control-plane',
        '60m',
        'v1.33.1',
        '127.0.1.1',
        '<none>',
        'Debian',
        '6.1',
        'containerd://1.7',
      ],
    },
    {
      name: 'deployment',
      group: 'apps',
      kind: 'Deployment',
      obj: {
        metadata: { name: 'web', creationTimestamp: HOUR_AGO },
        spec: {
          replicas: 3,
          selector: {
            matchLabels: { app: 'web' },
            matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }],
          },
          template: {
            spec: {
              containers: [
                { name: 'nginx', image: 'nginx:1' },
                { name: 'log', image: 'busybox' },
              ],
            },
          },
        },
        status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
      },
      want: ['web', '2/3', 3, 2, '60m', 'nginx,log', 'nginx:1,busybox', 'app=web,tier in (a,b)'],
    },
    {
      name: 'load balancer service',
      group: '',
      kind: 'Service',
      obj: {
        metadata: { name: 'lb', creationTimestamp: HOUR_AGO },
        spec: {
          type: 'LoadBalancer',
          clusterIPs: ['10.96.0.10'],
          ports: [
            { port: 80, nodePort: 30080, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
          selector: { app: 'x' },
        },
        status: { loadBalancer: {} },
      },
      want: ['lb', 'LoadBalancer', '10.96.0.10', '<pending>', '80:30080/TCP,53/UDP', '60m', 'app=x'],
    },
    {
      name: 'finished job',
      group: 'batch',
      kind: 'Job',
      obj: {
        metadata: { name: 'j', creationTimestamp: HOUR_AGO },
        spec: {
          completions: 2,
          template: { spec: { containers: [{ name: 'c', image: 'i' }] } },
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } },
        },
        status: {
          succeeded: 2,
          startTime: HOUR_AGO,
          completionTime: '2026-01-01T11:00:45Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
      want: ['j', 'Complete', '2/2', '45s', '60m', 'c', 'i', 'batch.kubernetes.io/controller-uid=u'],
    },
    {
      name: 'cron job',
      group: 'batch',
      kind: 'CronJob',
      obj: {
        metadata: { name: 'cj', creationTimestamp: HOUR_AGO },
        spec: {
          schedule: '*/5 * * * *',
          suspend: false,
          jobTemplate: { spec: { template: { spec: { containers: [] } } } },
        },
        status: { active: [{ name: 'x' }], lastScheduleTime: '2026-01-01T11:55:00Z' },
      },
      want: ['cj', '*/5 * * * *', '<none>', 'False', 1, '5m', '60m', '', '', '<none>'],
    },
    {
      name: 'warning event',
      group: '',
      kind: 'Event',
      obj: {
        metadata: { name: 'p.1', creationTimestamp: HOUR_AGO },
        involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{a}' },
        reason: 'BackOff',
        type: 'Warning',
        message: 'Back-off restarting failed container\n',
        source: { component: 'kubelet', host: 'n1' },
        firstTimestamp: HOUR_AGO,
        lastTimestamp: '2026-01-01T11:59:30Z',
        count: 4,
      },
      want: [
        '30s',
        'Warning',
        'BackOff',
        'pod/p',
        'spec.containers{a}',
        'kubelet, n1',
        'Back-off restarting failed container',
        '60m',
        4,
        'p.1',
      ],
    },
    {
      name: 'bound claim',
      group: '',
      kind: 'PersistentVolumeClaim',
      obj: {
        metadata: { name: 'data', creationTimestamp: HOUR_AGO },
        spec: { volumeName: 'pv-1', storageClassName: 'standard' },
        status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'] },
      },
      want: ['data', 'Bound', 'pv-1', '10Gi', 'RWO,RWX', 'standard', '<unset>', '60m', '<unset>'],
    },
    {
      name: 'default storage class',
      group: 'storage.k8s.io',
      kind: 'StorageClass',
      obj: {
        metadata: {
          name: 'standard',
          creationTimestamp: HOUR_AGO,
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'rancher.io/local-path',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      want: ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '60m'],
    },
    {
      name: 'hpa',
      group: 'autoscaling',
      kind: 'HorizontalPodAutoscaler',
      obj: {
        metadata: { name: 'web', creationTimestamp: HOUR_AGO },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'web' },
          minReplicas: 1,
          maxReplicas: 5,
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
          ],
        },
        status: {
          currentReplicas: 2,
          currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45 } } }],
        },
      },
      want: ['web', 'Deployment/web', 'cpu: 45%/80%', '1', 5, 2, '60m'],
    },
    {
      name: 'unavailable api service',
      group: 'apiregistration.k8s.io',
      kind: 'APIService',
      obj: {
        metadata: { name: 'v1beta1.metrics.k8s.io', creationTimestamp: HOUR_AGO },
        spec: { service: { namespace: 'kube-system', name: 'metrics-server' } },
        status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] },
      },
      want: ['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '60m'],
    },
    {
      name: 'crd',
      group: 'apiextensions.k8s.io',
      kind: 'CustomResourceDefinition',
      obj: { metadata: { name: 'widgets.example.com', creationTimestamp: '2026-01-01T11:00:00.123Z' } },
      want: ['widgets.example.com', '2026-01-01T11:00:00Z'],
    },
    {
      name: 'endpoint slice',
      group: 'discovery.k8s.io',
      kind: 'EndpointSlice',
      obj: {
        metadata: { name: 'web-abc', creationTimestamp: HOUR_AGO },
        addressType: 'IPv4',
        ports: [{ port: 80 }],
        endpoints: ['1', '2', '3', '4', '5'].map((n) => ({ addresses: [`10.0.0.${n}`] })),
      },
      want: ['web-abc', 'IPv4', '80', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '60m'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(cells(c.group, c.kind, c.obj), c.want));
});

describe('buildTable', () => {
  it('sends null column definitions for headerless watch events and keeps list metadata', () => {
    const table = buildTable(typeOf('', 'ConfigMap'), [], {
      includeObject: 'Object',
      noHeaders: true,
      now: NOW,
      resourceVersion: '42',
    });
    assert.deepEqual(table, {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '42' },
      columnDefinitions: null,
      rows: [],
    });
  });
  it('embeds the full object when asked', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
    const table = buildTable(typeOf('', 'ConfigMap'), [cm], { includeObject: 'Object', now: NOW });
    assert.deepEqual(table.rows, [{ cells: ['c', 2, '<unknown>'], object: cm }]);
  });
});

describe('custom resources', () => {
  const base: ResourceType = {
    group: 'example.com',
    version: 'v1',
    resource: 'widgets',
    singular: 'widget',
    kind: 'Widget',
    listKind: 'WidgetList',
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ['get', 'list'],
    subresources: [],
  };
  const widget: KubeObject = {
    metadata: { name: 'w', creationTimestamp: HOUR_AGO },
    spec: { size: 3, tags: ['a', 'b'] },
    status: {
      conditions: [
        { type: 'Synced', status: 'False' },
        { type: 'Ready', status: 'True' },
      ],
    },
  };

  it('shows NAME and AGE without printer columns', () => {
    const table = buildTable(base, [widget], { includeObject: 'None', now: NOW });
    assert.deepEqual(
      table.columnDefinitions?.map((c) => [c.name, c.type]),
      [
        ['Name', 'string'],
        ['Age', 'date'],
      ],
    );
    assert.deepEqual(table.rows[0]?.cells, ['w', '60m']);
  });

  it('evaluates additionalPrinterColumns', () => {
    const type = {
      ...base,
      additionalPrinterColumns: [
        { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'First Tag', type: 'string', jsonPath: '.spec.tags[0]', priority: 1 },
        { name: 'Missing', type: 'string', jsonPath: '.spec.nope' },
        { name: 'Bad', type: 'string', jsonPath: 'spec(' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    };
    const table = buildTable(type, [widget], { includeObject: 'None', now: NOW });
    assert.deepEqual(table.columnDefinitions?.[3], {
      name: 'First Tag',
      type: 'string',
      format: '',
      description: '',
      priority: 1,
    });
    assert.deepEqual(table.rows[0]?.cells, ['w', 3, 'True', 'a', null, null, '60m']);
  });
});
