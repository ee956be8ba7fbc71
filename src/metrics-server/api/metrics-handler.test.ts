import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { type LabelSelector, matchLabels, parseLabelSelector } from '../../shared/kube/selectors.ts';
import { decodeResourceMetrics } from '../decoder/resource-decoder.ts';
import { MetricsStorage } from '../storage/storage.ts';
import type { MetricsBatch } from '../storage/types.ts';
import type { MetricsApiDeps, MetricsResponse, NodeLister, PodLister } from './api-types.ts';
import { handleMetricsRequest } from './metrics-handler.ts';

const T = 1754300000000;
const NOW = T + 20000; // the request time, which becomes creationTimestamp (2025-08-04T09:33:40Z)

function nodeObject(name: string, labels: Record<string, string> = { 'kubernetes.io/hostname': name }): KubeObject {
  return { metadata: { name, labels } };
}

function podObject(namespace: string, name: string, labels?: Record<string, string>): KubeObject {
  return { metadata: labels ? { namespace, name, labels } : { namespace, name } };
}

function listers(nodes: KubeObject[], pods: KubeObject[]): { nodes: NodeLister; pods: PodLister } {
  return {
    nodes: {
      list: (s: LabelSelector) => nodes.filter((n) => matchLabels(s, n.metadata.labels)),
      get: (name) => nodes.find((n) => n.metadata.name === name),
    },
    pods: {
      list: (s, ns) =>
        pods.filter((p) => (ns === undefined || p.metadata.namespace === ns) && matchLabels(s, p.metadata.labels)),
      get: (ns, name) => pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name),
    },
  };
}

function batchOf(payloads: Record<string, string>): MetricsBatch {
  const batch: MetricsBatch = { nodes: new Map(), pods: new Map() };
  for (const [node, text] of Object.entries(payloads)) {
    const result = decodeResourceMetrics(text, node, 0);
    assert.ok(result.ok);
    for (const [k, v] of result.batch.nodes) batch.nodes.set(k, v);
    for (const [k, v] of result.batch.pods) batch.pods.set(k, v);
  }
  return batch;
}

const nodeLines = (cpu: string, mem: string, ts: number) =>
  `node_cpu_usage_seconds_total ${cpu} ${ts}\nnode_memory_working_set_bytes ${mem} ${ts}\n`;
const ctr = (c: string, ns: string, pod: string, cpu: string, mem: string, ts: number, start = '1.7542e+09') =>
  `container_cpu_usage_seconds_total{container="${c}",namespace="${ns}",pod="${pod}"} ${cpu} ${ts}\n` +
  `container_memory_working_set_bytes{container="${c}",namespace="${ns}",pod="${pod}"} ${mem} ${ts}\n` +
  `container_start_time_seconds{container="${c}",namespace="${ns}",pod="${pod}"} ${start}\n`;

/** Scenarios 1, 2, 3 and 8 of the reference, stored in two scrapes. */
function scenarioDeps(extra: Partial<MetricsApiDeps> = {}): MetricsApiDeps {
  const storage = new MetricsStorage({ resolutionMs: 15000 });
  storage.store(
    batchOf({
      'node-a':
        nodeLines('12345.678901234', '2.642362368e+09', T) +
        ctr('app', 'default', 'web-7d4b9c-x2k8p', '4.710169', '1.253376e+07', T + 2125, '1.75429e+09') +
        ctr('cart', 'shop', 'cart-0', '100.25', '52428800', T + 1000) +
        ctr('istio-proxy', 'shop', 'cart-0', '20.5', '41943040', T + 3500),
      'node-b': nodeLines('5000', '4.294967296e+09', T) + ctr('db', 'default', 'db-0', '300', '268435456', T),
    }),
  );
  storage.store(
    batchOf({
      'node-a':
        nodeLines('12347.084492794', '2.642362368e+09', T + 15000) +
        ctr('app', 'default', 'web-7d4b9c-x2k8p', '6.236104', '1.2587008e+07', T + 17343, '1.75429e+09') +
        ctr('cart', 'shop', 'cart-0', '103.25', '53477376', T + 16000) +
        ctr('istio-proxy', 'shop', 'cart-0', '20.65', '42991616', T + 20000),
      'node-b':
        nodeLines('4990', '4.294967296e+09', T + 15000) + ctr('db', 'default', 'db-0', '299', '268435456', T + 15000),
    }),
  );
  return {
    storage,
    ...listers(
      [nodeObject('node-a'), nodeObject('node-b'), nodeObject('node-z')],
      [
        podObject('default', 'web-7d4b9c-x2k8p', { app: 'web' }),
        podObject('shop', 'cart-0', { app: 'cart' }),
        podObject('default', 'db-0', { app: 'db' }),
        podObject('default', 'pending-0'),
      ],
    ),
    now: () => NOW,
    serverAddress: '10.96.0.10:443',
    ...extra,
  };
}

function get(deps: MetricsApiDeps, url: string, accept?: string, method = 'GET'): MetricsResponse {
  const u = new URL(url, 'https://metrics-server');
  return handleMetricsRequest({ method, path: u.pathname, query: u.searchParams, accept }, deps);
}

function body(res: MetricsResponse): unknown {
  return JSON.parse(String(res.body));
}

const NODE_A = {
  metadata: {
    name: 'node-a',
    creationTimestamp: '2025-08-04T09:33:40Z',
    labels: { 'kubernetes.io/hostname': 'node-a' },
  },
  timestamp: '2025-08-04T09:33:35Z',
  window: '15s',
  usage: { cpu: '93706104n', memory: '2580432Ki' },
};
const WEB = {
  metadata: {
    name: 'web-7d4b9c-x2k8p',
    namespace: 'default',
    creationTimestamp: '2025-08-04T09:33:40Z',
    labels: { app: 'web' },
  },
  timestamp: '2025-08-04T09:33:37Z',
  window: '15.218s',
  containers: [{ name: 'app', usage: { cpu: '100271717n', memory: '12292Ki' } }],
};
const DB = {
  metadata: { name: 'db-0', namespace: 'default', creationTimestamp: '2025-08-04T09:33:40Z', labels: { app: 'db' } },
  timestamp: null,
  window: '0s',
  containers: [],
};
const CART = {
  metadata: { name: 'cart-0', namespace: 'shop', creationTimestamp: '2025-08-04T09:33:40Z', labels: { app: 'cart' } },
  timestamp: '2025-08-04T09:33:36Z',
  window: '15s',
  containers: [
    { name: 'cart', usage: { cpu: '200m', memory: '51Mi' } },
    { name: 'istio-proxy', usage: { cpu: '9090909n', memory: '41Mi' } },
  ],
};

describe('handleMetricsRequest: objects (acceptance scenarios 1, 2, 3, 8)', () => {
  const deps = scenarioDeps();
  const cases: { name: string; url: string; status: number; body: unknown }[] = [
    {
      name: 'node list: node-b (counter decrease) and node-z (no metrics) are absent',
      url: '/apis/metrics.k8s.io/v1beta1/nodes',
      status: 200,
      body: { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [NODE_A] },
    },
    {
      name: 'node get',
      url: '/apis/metrics.k8s.io/v1beta1/nodes/node-a',
      status: 200,
      body: { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...NODE_A },
    },
    {
      name: 'node get on v1',
      url: '/apis/metrics.k8s.io/v1/nodes/node-a',
      status: 200,
      body: { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1', ...NODE_A },
    },
    {
      name: 'pods in all namespaces, sorted by namespace then name; db-0 served with no containers',
      url: '/apis/metrics.k8s.io/v1beta1/pods',
      status: 200,
      body: { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [DB, WEB, CART] },
    },
    {
      name: 'pods in one namespace with a label selector',
      url: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb',
      status: 200,
      body: { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [WEB] },
    },
    {
      name: 'pods with a metadata.name field selector',
      url: '/apis/metrics.k8s.io/v1beta1/pods?fieldSelector=metadata.name%3Dcart-0',
      status: 200,
      body: { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [CART] },
    },
    {
      name: 'pods with a metadata.namespace field selector',
      url: '/apis/metrics.k8s.io/v1beta1/pods?fieldSelector=metadata.namespace%3Dshop',
      status: 200,
      body: { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [CART] },
    },
    {
      name: 'pod get with two containers',
      url: '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/cart-0',
      status: 200,
      body: { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...CART },
    },
    {
      name: 'empty namespace list',
      url: '/apis/metrics.k8s.io/v1beta1/namespaces/empty/pods',
      status: 200,
      body: { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [] },
    },
    {
      name: 'node not in the cluster',
      url: '/apis/metrics.k8s.io/v1beta1/nodes/nope',
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'node "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', kind: 'node' },
        code: 404,
      },
    },
    {
      name: 'node without metrics',
      url: '/apis/metrics.k8s.io/v1beta1/nodes/node-b',
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'nodemetrics.metrics.k8s.io "node-b" not found',
        reason: 'NotFound',
        details: { name: 'node-b', group: 'metrics.k8s.io', kind: 'nodemetrics' },
        code: 404,
      },
    },
    {
      name: 'pod not Running / absent',
      url: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope',
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'pods "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', kind: 'pods' },
        code: 404,
      },
    },
    {
      name: 'pod without metrics',
      url: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/pending-0',
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'podmetrics.metrics.k8s.io "default/pending-0" not found',
        reason: 'NotFound',
        details: { name: 'default/pending-0', group: 'metrics.k8s.io', kind: 'podmetrics' },
        code: 404,
      },
    },
    {
      name: 'watch on pods',
      url: '/apis/metrics.k8s.io/v1beta1/pods?watch=true',
      status: 405,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'watch is not supported on resources of kind "pods.metrics.k8s.io"',
        reason: 'MethodNotAllowed',
        details: { group: 'metrics.k8s.io', kind: 'pods' },
        code: 405,
      },
    },
    {
      name: 'unknown version',
      url: '/apis/metrics.k8s.io/v2/nodes',
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        details: {},
        code: 404,
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const res = get(deps, c.url);
      assert.equal(res.status, c.status);
      assert.equal(res.contentType, 'application/json');
      assert.deepEqual(body(res), c.body);
    });
  }

  it('serves v1 lists only when v1 is enabled', () => {
    const only = scenarioDeps({ versions: ['v1beta1'] });
    assert.equal(get(only, '/apis/metrics.k8s.io/v1/nodes').status, 404);
    assert.equal(get(only, '/apis/metrics.k8s.io/v1beta1/nodes').status, 200);
  });

  it('byte-exact JSON for a get (no trailing newline)', () => {
    assert.equal(
      get(deps, '/apis/metrics.k8s.io/v1beta1/nodes/node-a').body,
      '{"kind":"NodeMetrics","apiVersion":"metrics.k8s.io/v1beta1","metadata":{"name":"node-a","creationTimestamp":"2025-08-04T09:33:40Z","labels":{"kubernetes.io/hostname":"node-a"}},"timestamp":"2025-08-04T09:33:35Z","window":"15s","usage":{"cpu":"93706104n","memory":"2580432Ki"}}',
    );
  });
});

describe('handleMetricsRequest: selectors and errors (acceptance scenario 16)', () => {
  function selectorDeps(nodeSelector?: string): MetricsApiDeps {
    const storage = new MetricsStorage({ resolutionMs: 15000 });
    const names = ['node1', 'node2', 'node3', 'node4'];
    storage.store(batchOf(Object.fromEntries(names.map((n) => [n, nodeLines('1', '1048576', T)]))));
    storage.store(batchOf(Object.fromEntries(names.map((n) => [n, nodeLines('1.01', '1048576', T + 10000)]))));
    return {
      storage,
      ...listers(
        [
          nodeObject('node1', { labelKey: 'labelValue' }),
          nodeObject('node2', { otherKey: 'labelValue' }),
          nodeObject('node3', { labelKey: 'otherValue' }),
          nodeObject('node4', { skipKey: 'skipValue' }),
        ],
        [],
      ),
      ...(nodeSelector === undefined ? {} : { nodeSelector: parseLabelSelector(nodeSelector) }),
      now: () => NOW,
    };
  }
  const names = (res: MetricsResponse) =>
    (body(res) as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);

  const lists: { query: string; want: string[] }[] = [
    { query: 'labelSelector=labelKey%3DlabelValue', want: ['node1'] },
    { query: 'fieldSelector=metadata.name%3Dnode2', want: ['node2'] },
    { query: 'fieldSelector=metadata.name%3Dnode3&labelSelector=labelKey%3DotherValue', want: ['node3'] },
    { query: 'fieldSelector=metadata.name!%3Dnode3', want: ['node1', 'node2', 'node4'] },
    { query: '', want: ['node1', 'node2', 'node3', 'node4'] },
  ];
  for (const { query, want } of lists) {
    it(`?${query} -> ${want.join(',')}`, () => {
      assert.deepEqual(names(get(selectorDeps(), `/apis/metrics.k8s.io/v1beta1/nodes?${query}`)), want);
    });
  }

  it('--node-selector hides a node from lists and gets', () => {
    const deps = selectorDeps('skipKey!=skipValue');
    assert.deepEqual(names(get(deps, '/apis/metrics.k8s.io/v1beta1/nodes')), ['node1', 'node2', 'node3']);
    const res = get(deps, '/apis/metrics.k8s.io/v1beta1/nodes/node4');
    assert.deepEqual(
      [res.status, (body(res) as { message: string }).message],
      [404, 'nodemetrics.metrics.k8s.io "node4" not found'],
    );
    assert.equal(get(deps, '/apis/metrics.k8s.io/v1beta1/nodes/node1').status, 200);
  });

  const errors: { url: string; status: number; reason: string; message: string }[] = [
    {
      url: '/apis/metrics.k8s.io/v1beta1/nodes?fieldSelector=spec.unschedulable%3Dfalse',
      status: 400,
      reason: 'BadRequest',
      message: '"spec.unschedulable" is not a known field selector: only "metadata.name", "metadata.namespace"',
    },
    {
      url: '/apis/metrics.k8s.io/v1beta1/pods?fieldSelector=spec.nodeName%3Dn1',
      status: 400,
      reason: 'BadRequest',
      message: '"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"',
    },
    {
      url: '/apis/metrics.k8s.io/v1beta1/nodes?watch=true',
      status: 405,
      reason: 'MethodNotAllowed',
      message: 'watch is not supported on resources of kind "nodes.metrics.k8s.io"',
    },
    {
      url: '/apis/metrics.k8s.io/v1beta1/nodes/node1?watch=1',
      status: 405,
      reason: 'MethodNotAllowed',
      message: 'watch is not supported on resources of kind "nodes.metrics.k8s.io"',
    },
  ];
  for (const e of errors) {
    it(`${e.status} for ${e.url}`, () => {
      const res = get(selectorDeps(), e.url);
      assert.equal(res.status, e.status);
      const s = body(res) as { reason: string; message: string; code: number };
      assert.deepEqual([s.reason, s.message, s.code], [e.reason, e.message, e.status]);
    });
  }

  it('400 for a malformed label selector, with the parser message', () => {
    const res = get(selectorDeps(), '/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=a%20in%20(');
    assert.equal(res.status, 400);
    assert.equal((body(res) as { reason: string }).reason, 'BadRequest');
  });

  it('escapes HTML characters in Status JSON like Go', () => {
    const res = get(selectorDeps(), '/apis/metrics.k8s.io/v1beta1/nodes/a%3Cb%3E%26');
    assert.equal(
      res.body,
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"node \\"a\\u003cb\\u003e\\u0026\\" not found","reason":"NotFound","details":{"name":"a\\u003cb\\u003e\\u0026","kind":"node"},"code":404}',
    );
  });

  it('405 text for other methods', () => {
    const res = get(selectorDeps(), '/apis/metrics.k8s.io/v1beta1/nodes', undefined, 'POST');
    assert.deepEqual(res, { status: 405, contentType: 'text/plain; charset=utf-8', body: '405: Method Not Allowed' });
  });

  it('406 when nothing acceptable is asked for', () => {
    const res = get(selectorDeps(), '/apis/metrics.k8s.io/v1beta1/nodes', 'text/html');
    assert.equal(res.status, 406);
  });

  it('500 naming the operation when a lister fails', () => {
    const deps = selectorDeps();
    deps.nodes = {
      list: () => {
        throw new Error('cache not synced');
      },
      get: () => undefined,
    };
    const res = get(deps, '/apis/metrics.k8s.io/v1beta1/nodes');
    assert.equal(res.status, 500);
    assert.deepEqual(body(res), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Internal error occurred: failed listing nodes: cache not synced',
      reason: 'InternalError',
      details: { causes: [{ message: 'failed listing nodes: cache not synced' }] },
      code: 500,
    });
  });
});

describe('handleMetricsRequest: Table output', () => {
  const deps = scenarioDeps();
  it('pod row sums containers (scenario 3) with Metadata objects', () => {
    const res = get(
      deps,
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods',
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    );
    assert.equal(res.contentType, 'application/json;as=Table;v=v1;g=meta.k8s.io');
    assert.deepEqual(body(res), {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 },
        { name: 'cpu', type: 'string', format: 'quantity', description: '', priority: 0 },
        { name: 'memory', type: 'string', format: 'quantity', description: '', priority: 0 },
        { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 },
      ],
      rows: [
        {
          cells: ['cart-0', '209090909n', '92Mi', '15s'],
          object: {
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: {
              name: 'cart-0',
              namespace: 'shop',
              creationTimestamp: '2025-08-04T09:33:40Z',
              labels: { app: 'cart' },
            },
          },
        },
      ],
    });
  });

  it('node table without objects', () => {
    const res = get(
      deps,
      '/apis/metrics.k8s.io/v1beta1/nodes?includeObject=None',
      'application/json;as=Table;v=v1beta1;g=meta.k8s.io',
    );
    const t = body(res) as { apiVersion: string; rows: unknown[] };
    assert.equal(t.apiVersion, 'meta.k8s.io/v1beta1');
    assert.deepEqual(t.rows, [{ cells: ['node-a', '93706104n', '2580432Ki', '15s'] }]);
  });

  it('empty list has no columns and no rows', () => {
    const res = get(
      deps,
      '/apis/metrics.k8s.io/v1beta1/namespaces/none/pods',
      'application/json;as=Table;v=v1;g=meta.k8s.io',
    );
    assert.deepEqual(body(res), {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: null,
      rows: null,
    });
  });
});

describe('handleMetricsRequest: discovery and OpenAPI', () => {
  const deps = scenarioDeps({ versions: ['v1beta1'] });
  it('APIResourceList', () => {
    assert.equal(
      get(deps, '/apis/metrics.k8s.io/v1beta1').body,
      '{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"metrics.k8s.io/v1beta1","resources":[{"name":"nodes","singularName":"","namespaced":false,"kind":"NodeMetrics","verbs":["get","list"]},{"name":"pods","singularName":"","namespaced":true,"kind":"PodMetrics","verbs":["get","list"]}]}',
    );
  });
  it('APIGroup', () => {
    assert.equal(
      get(deps, '/apis/metrics.k8s.io').body,
      '{"kind":"APIGroup","apiVersion":"v1","name":"metrics.k8s.io","versions":[{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}}',
    );
  });
  it('APIGroupList with the server address', () => {
    assert.equal(
      get(deps, '/apis').body,
      '{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"metrics.k8s.io","versions":[{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"},"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.96.0.10:443"}]}]}',
    );
  });
  for (const v of ['v2', 'v2beta1'] as const) {
    it(`aggregated discovery ${v}, Content-Type echoed, ETag and 304`, () => {
      const accept = `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList,application/json`;
      const res = get(deps, '/apis', accept);
      assert.equal(res.contentType, `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`);
      assert.equal(
        res.body,
        `{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/${v}","metadata":{},"items":[{"metadata":{"name":"metrics.k8s.io","creationTimestamp":null},"versions":[{"version":"v1beta1","resources":[{"resource":"nodes","responseKind":{"group":"","version":"","kind":"NodeMetrics"},"scope":"Cluster","singularResource":"","verbs":["get","list"]},{"resource":"pods","responseKind":{"group":"","version":"","kind":"PodMetrics"},"scope":"Namespaced","singularResource":"","verbs":["get","list"]}],"freshness":"Current"}]}]}`,
      );
      const etag = res.headers?.ETag;
      assert.ok(etag);
      const again = handleMetricsRequest(
        { method: 'GET', path: '/apis', query: new URLSearchParams(), accept, ifNoneMatch: etag },
        deps,
      );
      assert.equal(again.status, 304);
    });
  }
  it('v1 listed after v1beta1 by default', () => {
    const all = scenarioDeps();
    const group = body(get(all, '/apis/metrics.k8s.io')) as {
      versions: { version: string }[];
      preferredVersion: { version: string };
    };
    assert.deepEqual(
      [group.versions.map((x) => x.version), group.preferredVersion.version],
      [['v1beta1', 'v1'], 'v1beta1'],
    );
  });
  it('OpenAPI v2, v3 root and v3 group document', () => {
    const v2 = body(get(deps, '/openapi/v2')) as { swagger: string; info: unknown; paths: Record<string, unknown> };
    assert.equal(v2.swagger, '2.0');
    assert.deepEqual(v2.info, { title: 'Kubernetes metrics-server', version: 'v0.0.0' });
    assert.deepEqual(Object.keys(v2.paths), [
      '/apis/metrics.k8s.io/v1beta1/nodes',
      '/apis/metrics.k8s.io/v1beta1/nodes/{name}',
      '/apis/metrics.k8s.io/v1beta1/pods',
      '/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods',
      '/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods/{name}',
    ]);
    const root = body(get(deps, '/openapi/v3')) as { paths: Record<string, { serverRelativeURL: string }> };
    const url = root.paths['apis/metrics.k8s.io/v1beta1']?.serverRelativeURL ?? '';
    assert.match(url, /^\/openapi\/v3\/apis\/metrics\.k8s\.io\/v1beta1\?hash=[0-9A-F]{128}$/);
    const v3 = body(get(scenarioDeps({ version: 'v0.9.0-dirty' }), url.split('?')[0] ?? '')) as {
      openapi: string;
      info: unknown;
    };
    assert.deepEqual([v3.openapi, v3.info], ['3.0.0', { title: 'Kubernetes metrics-server', version: 'v0.9.0' }]);
  });
  it('paths outside /apis and /openapi are 404', () => {
    assert.equal(get(deps, '/api/v1/nodes').status, 404);
    assert.equal(get(deps, '/apis/apps/v1').status, 404);
    assert.equal(get(deps, '/apis/metrics.k8s.io/v1beta1/nodes/a/b').status, 404);
    assert.equal(get(deps, '/apis/metrics.k8s.io/v1beta1/nodes/%E0%A4%A').status, 404);
  });
});

describe('handleMetricsRequest: YAML', () => {
  it('answers application/yaml', () => {
    const res = get(scenarioDeps(), '/apis/metrics.k8s.io/v1beta1/nodes/node-a', 'application/yaml');
    assert.equal(res.contentType, 'application/yaml');
    assert.match(String(res.body), /^kind: NodeMetrics\napiVersion: metrics.k8s.io\/v1beta1\n/);
  });
});

describe('handleMetricsRequest: protobuf (kubectl top)', () => {
  const KUBECTL_ACCEPT = 'application/vnd.kubernetes.protobuf, */*';
  it('lists in protobuf when kubectl asks for it first', () => {
    const res = get(scenarioDeps(), '/apis/metrics.k8s.io/v1beta1/nodes', KUBECTL_ACCEPT);
    assert.equal(res.status, 200);
    assert.equal(res.contentType, 'application/vnd.kubernetes.protobuf');
    assert.ok(Buffer.isBuffer(res.body));
    assert.equal(res.body.subarray(0, 4).toString('latin1'), 'k8s\0');
    assert.ok(res.body.includes('NodeMetricsList') && res.body.includes('93706104n'));
  });
  it('answers errors as a protobuf Status', () => {
    const res = get(scenarioDeps(), '/apis/metrics.k8s.io/v1beta1/nodes/nope', KUBECTL_ACCEPT);
    assert.equal(res.status, 404);
    assert.equal(res.contentType, 'application/vnd.kubernetes.protobuf');
    assert.ok(Buffer.isBuffer(res.body) && res.body.includes('node "nope" not found'));
  });
  it('discovery stays JSON for protobuf-first clients', () => {
    const res = get(scenarioDeps(), '/apis/metrics.k8s.io/v1beta1', KUBECTL_ACCEPT);
    assert.equal(res.contentType, 'application/json');
  });
});
