/**
 * OpenAPI documents the aggregator downloads and merges (`/openapi/v2`, `/openapi/v3` and
 * `/openapi/v3/apis/metrics.k8s.io/<version>`), titled "Kubernetes metrics-server" as upstream.
 */
import { createHash } from 'node:crypto';
import type { MetricsVersion } from './api-types.ts';
import { METRICS_GROUP } from './api-types.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

function defName(version: MetricsVersion, kind: string): string {
  return `io.k8s.metrics.pkg.apis.metrics.${version}.${kind}`;
}

function gvk(version: MetricsVersion, kind: string) {
  return [{ group: METRICS_GROUP, kind, version }];
}

/** Schemas; `ref(name)` renders a reference in the document's style (v2 definitions / v3 components). */
function schemas(versions: readonly MetricsVersion[], ref: (name: string) => string): Record<string, unknown> {
  const r = (name: string) => ({ $ref: ref(name) });
  const usage = {
    description: 'The memory usage is the memory working set.',
    type: 'object',
    additionalProperties: r(QUANTITY),
  };
  const out: Record<string, unknown> = {
    [QUANTITY]: { description: 'Quantity is a fixed-point representation of a number.', type: 'string' },
    [`${META}.Time`]: { description: 'RFC 3339 date and time, in UTC.', type: 'string', format: 'date-time' },
    [`${META}.ObjectMeta`]: {
      description: 'Standard object metadata.',
      type: 'object',
      properties: {
        name: { type: 'string' },
        namespace: { type: 'string' },
        creationTimestamp: r(`${META}.Time`),
        labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
      },
    },
    [`${META}.ListMeta`]: {
      description: 'Standard list metadata.',
      type: 'object',
      properties: { resourceVersion: { type: 'string' }, continue: { type: 'string' } },
    },
  };
  for (const version of versions) {
    const common = {
      kind: { type: 'string' },
      apiVersion: { type: 'string' },
      timestamp: r(`${META}.Time`),
      window: { type: 'string' },
    };
    out[defName(version, 'ContainerMetrics')] = {
      description: 'ContainerMetrics sets resource usage metrics of a container.',
      type: 'object',
      required: ['name', 'usage'],
      properties: { name: { type: 'string', default: '' }, usage },
    };
    out[defName(version, 'NodeMetrics')] = {
      description: 'NodeMetrics sets resource usage metrics of a node.',
      type: 'object',
      required: ['timestamp', 'window', 'usage'],
      properties: { ...common, metadata: r(`${META}.ObjectMeta`), usage },
      'x-kubernetes-group-version-kind': gvk(version, 'NodeMetrics'),
    };
    out[defName(version, 'PodMetrics')] = {
      description: 'PodMetrics sets resource usage metrics of a pod.',
      type: 'object',
      required: ['timestamp', 'window', 'containers'],
      properties: {
        ...common,
        metadata: r(`${META}.ObjectMeta`),
        containers: { type: 'array', items: r(defName(version, 'ContainerMetrics')) },
      },
      'x-kubernetes-group-version-kind': gvk(version, 'PodMetrics'),
    };
    for (const kind of ['NodeMetrics', 'PodMetrics']) {
      out[defName(version, `${kind}List`)] = {
        description: `${kind}List is a list of ${kind}.`,
        type: 'object',
        required: ['items'],
        properties: {
          kind: { type: 'string' },
          apiVersion: { type: 'string' },
          metadata: r(`${META}.ListMeta`),
          items: { type: 'array', items: r(defName(version, kind)) },
        },
        'x-kubernetes-group-version-kind': gvk(version, `${kind}List`),
      };
    }
  }
  return out;
}

interface Route {
  path: string;
  kind: string;
  action: 'get' | 'list';
  namespaced: boolean;
  named: boolean;
}

function routes(version: MetricsVersion): Route[] {
  const base = `/apis/${METRICS_GROUP}/${version}`;
  return [
    { path: `${base}/nodes`, kind: 'NodeMetricsList', action: 'list', namespaced: false, named: false },
    { path: `${base}/nodes/{name}`, kind: 'NodeMetrics', action: 'get', namespaced: false, named: true },
    { path: `${base}/pods`, kind: 'PodMetricsList', action: 'list', namespaced: false, named: false },
    {
      path: `${base}/namespaces/{namespace}/pods`,
      kind: 'PodMetricsList',
      action: 'list',
      namespaced: true,
      named: false,
    },
    {
      path: `${base}/namespaces/{namespace}/pods/{name}`,
      kind: 'PodMetrics',
      action: 'get',
      namespaced: true,
      named: true,
    },
  ];
}

function operation(version: MetricsVersion, route: Route, response: Record<string, unknown>) {
  const params: { name: string; in: string; required?: boolean; type: string }[] = [];
  if (route.named) params.push({ name: 'name', in: 'path', required: true, type: 'string' });
  if (route.namespaced) params.push({ name: 'namespace', in: 'path', required: true, type: 'string' });
  if (route.action === 'list') {
    params.push(
      { name: 'labelSelector', in: 'query', type: 'string' },
      { name: 'fieldSelector', in: 'query', type: 'string' },
    );
  }
  return {
    operationId: `${route.action}MetricsV1${version === 'v1' ? '' : 'beta1'}${route.kind}${route.namespaced ? 'Namespaced' : ''}`,
    parameters: params,
    responses: { '200': response, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': route.action,
    'x-kubernetes-group-version-kind': { group: METRICS_GROUP, version, kind: route.kind.replace(/List$/, '') },
  };
}

function infoVersion(version: string | undefined): string {
  const v = version ?? 'v0.0.0';
  const dash = v.indexOf('-');
  return dash === -1 ? v : v.slice(0, dash);
}

export function openApiV2(versions: readonly MetricsVersion[], binaryVersion?: string) {
  const paths: Record<string, unknown> = {};
  for (const version of versions) {
    for (const route of routes(version)) {
      paths[route.path] = {
        get: {
          ...operation(version, route, {
            description: 'OK',
            schema: { $ref: `#/definitions/${defName(version, route.kind)}` },
          }),
          produces: ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'],
          schemes: ['https'],
        },
      };
    }
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes metrics-server', version: infoVersion(binaryVersion) },
    paths,
    definitions: schemas(versions, (n) => `#/definitions/${n}`),
  };
}

export function openApiV3(version: MetricsVersion, binaryVersion?: string) {
  const paths: Record<string, unknown> = {};
  for (const route of routes(version)) {
    const schema = { $ref: `#/components/schemas/${defName(version, route.kind)}` };
    const op = operation(version, route, {
      description: 'OK',
      content: {
        'application/json': { schema },
        'application/yaml': { schema },
        'application/vnd.kubernetes.protobuf': { schema },
      },
    });
    paths[route.path] = {
      get: {
        ...op,
        parameters: op.parameters.map(({ type, ...p }) => ({ ...p, schema: { type } })),
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes metrics-server', version: infoVersion(binaryVersion) },
    paths,
    components: { schemas: schemas([version], (n) => `#/components/schemas/${n}`) },
  };
}

/** Deterministic hash of a document, used in `serverRelativeURL` and as its ETag. */
export function documentHash(doc: unknown): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
}

export function openApiV3Root(versions: readonly MetricsVersion[], binaryVersion?: string) {
  const paths: Record<string, unknown> = {};
  for (const version of versions) {
    const key = `apis/${METRICS_GROUP}/${version}`;
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(openApiV3(version, binaryVersion))}` };
  }
  return { paths };
}
