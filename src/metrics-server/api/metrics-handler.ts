/**
 * Request handling for `metrics.k8s.io` (v1beta1 and v1), discovery and OpenAPI. Pure: the HTTPS
 * server does authentication/authorization, then passes the request here and writes the result.
 */
import { createHash } from 'node:crypto';
import { stringify as toYaml } from 'yaml';
import type { Status } from '../../shared/kube/object.ts';
import type { MetricsApiDeps, MetricsRequest, MetricsResponse, MetricsVersion } from './api-types.ts';
import { METRICS_GROUP } from './api-types.ts';
import { type Encoding, negotiate } from './content-negotiation.ts';
import {
  aggregatedDiscoveryContentType,
  apiGroup,
  apiGroupDiscoveryList,
  apiGroupList,
  apiResourceList,
} from './discovery.ts';
import { getNodeMetrics, getPodMetrics, type ItemsResult, listNodeMetrics, listPodMetrics } from './metrics-items.ts';
import { nodeMetricsJson, nodeMetricsListJson, podMetricsJson, podMetricsListJson } from './metrics-json.ts';
import {
  nodeMetricsListProto,
  nodeMetricsProto,
  PROTOBUF_CONTENT_TYPE,
  podMetricsListProto,
  podMetricsProto,
  statusProto,
} from './metrics-protobuf.ts';
import { type IncludeObject, nodeMetricsTable, podMetricsTable } from './metrics-table.ts';
import { openApiV2, openApiV3, openApiV3Root } from './openapi.ts';
import { internalError, notAcceptable, routeNotFound, watchNotSupported } from './status.ts';

export type { MetricsApiDeps, MetricsRequest, MetricsResponse } from './api-types.ts';

const DEFAULT_VERSIONS: readonly MetricsVersion[] = ['v1beta1', 'v1'];

function json(status: number, body: unknown, contentType = 'application/json'): MetricsResponse {
  return { status, contentType, body: JSON.stringify(body) };
}

const HTML_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Go's JSON encoder escapes `<`, `>`, `&`, U+2028 and U+2029. Only Status bodies can carry them
 * (they echo names from the request path); object names and labels cannot.
 */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => HTML_UNSAFE[c] ?? c);
}

function encodeStatus(s: Status, encoding: Encoding | undefined): MetricsResponse {
  if (encoding?.kind === 'protobuf')
    return { status: s.code, contentType: PROTOBUF_CONTENT_TYPE, body: statusProto(s) };
  if (encoding?.kind === 'yaml') return { status: s.code, contentType: 'application/yaml', body: toYaml(s) };
  return { status: s.code, contentType: 'application/json', body: goJson(s) };
}

function withEtag(req: MetricsRequest, response: MetricsResponse): MetricsResponse {
  const etag = `"${createHash('sha256').update(response.body).digest('hex')}"`;
  const headers = { ...response.headers, ETag: etag };
  if (req.ifNoneMatch !== undefined && req.ifNoneMatch === etag) {
    return { status: 304, contentType: response.contentType, body: '', headers };
  }
  return { ...response, headers };
}

function splitPath(path: string): string[] | undefined {
  try {
    return path
      .replace(/\/+$/, '')
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function isWatch(query: URLSearchParams): boolean {
  const v = query.get('watch');
  return v === 'true' || v === '1' || v === 'True' || v === 't';
}

/** Handles one request under `/apis`, `/openapi`; anything else is a 404 Status. */
export function handleMetricsRequest(req: MetricsRequest, deps: MetricsApiDeps): MetricsResponse {
  try {
    return route(req, deps);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return json(500, internalError(message));
  }
}

function route(req: MetricsRequest, deps: MetricsApiDeps): MetricsResponse {
  const versions = deps.versions ?? DEFAULT_VERSIONS;
  const segments = splitPath(req.path);
  if (segments === undefined) return json(404, routeNotFound());
  if (req.method !== 'GET') {
    // Like go-restful for a path without a route for this method.
    return { status: 405, contentType: 'text/plain; charset=utf-8', body: '405: Method Not Allowed' };
  }

  if (segments[0] === 'openapi') return openApi(req, deps, versions, segments.slice(1));
  if (segments[0] !== 'apis') return json(404, routeNotFound());

  if (segments.length === 1) {
    const encoding = negotiate(req.accept, { discovery: true });
    if (encoding?.kind === 'discovery') {
      return withEtag(
        req,
        json(200, apiGroupDiscoveryList(versions, encoding.version), aggregatedDiscoveryContentType(encoding.version)),
      );
    }
    return json(200, apiGroupList(versions, deps.serverAddress));
  }
  if (segments[1] !== METRICS_GROUP) return json(404, routeNotFound());
  if (segments.length === 2) return json(200, apiGroup(versions));
  const version = segments[2] as MetricsVersion;
  if (!versions.includes(version)) return json(404, routeNotFound());
  const rest = segments.slice(3);
  if (rest.length === 0) return json(200, apiResourceList(version));
  return resource(req, deps, version, rest);
}

function resource(req: MetricsRequest, deps: MetricsApiDeps, version: MetricsVersion, rest: string[]): MetricsResponse {
  const encoding = negotiate(req.accept, { protobuf: true, table: true });
  if (encoding === undefined) return json(406, notAcceptable());
  const now = (deps.now ?? Date.now)();
  const include = includeObject(req.query);
  const [a, b, c, d, ...extra] = rest;
  if (extra.length > 0) return encodeStatus(routeNotFound(), encoding);

  if (a === 'nodes' && c === undefined) {
    if (isWatch(req.query)) return encodeStatus(watchNotSupported('nodes'), encoding);
    if (b === undefined) {
      return respond(listNodeMetrics(deps, req.query, now), encoding, {
        json: (items) => nodeMetricsListJson(items, version),
        proto: (items) => nodeMetricsListProto(items, version),
        table: (items, v) => nodeMetricsTable(items, v, include, version),
      });
    }
    return respond(getNodeMetrics(deps, b, now), encoding, {
      json: (item) => nodeMetricsJson(item, version),
      proto: (item) => nodeMetricsProto(item, version),
      table: (item, v) => nodeMetricsTable([item], v, include, version),
    });
  }

  const podsAll = a === 'pods' && b === undefined;
  const podsNs = a === 'namespaces' && b !== undefined && c === 'pods';
  if (podsAll || podsNs) {
    if (isWatch(req.query)) return encodeStatus(watchNotSupported('pods'), encoding);
    if (d === undefined) {
      return respond(listPodMetrics(deps, podsNs ? b : undefined, req.query, now), encoding, {
        json: (items) => podMetricsListJson(items, version),
        proto: (items) => podMetricsListProto(items, version),
        table: (items, v) => podMetricsTable(items, v, include, version),
      });
    }
    return respond(getPodMetrics(deps, b as string, d, now), encoding, {
      json: (item) => podMetricsJson(item, version),
      proto: (item) => podMetricsProto(item, version),
      table: (item, v) => podMetricsTable([item], v, include, version),
    });
  }
  return encodeStatus(routeNotFound(), encoding);
}

interface Encoders<T> {
  json(value: T): unknown;
  proto(value: T): Buffer;
  table(value: T, version: 'v1' | 'v1beta1'): unknown;
}

function respond<T>(result: ItemsResult<T>, encoding: Encoding, encoders: Encoders<T>): MetricsResponse {
  if (!result.ok) return encodeStatus(result.status, encoding);
  switch (encoding.kind) {
    case 'protobuf':
      return { status: 200, contentType: PROTOBUF_CONTENT_TYPE, body: encoders.proto(result.value) };
    case 'table':
      return json(
        200,
        encoders.table(result.value, encoding.version),
        `application/json;as=Table;v=${encoding.version};g=meta.k8s.io`,
      );
    case 'yaml':
      return { status: 200, contentType: 'application/yaml', body: toYaml(encoders.json(result.value)) };
    default:
      return json(200, encoders.json(result.value));
  }
}

function includeObject(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function openApi(
  req: MetricsRequest,
  deps: MetricsApiDeps,
  versions: readonly MetricsVersion[],
  rest: string[],
): MetricsResponse {
  const path = rest.join('/');
  if (path === 'v2') return withEtag(req, json(200, openApiV2(versions, deps.version)));
  if (path === 'v3') return json(200, openApiV3Root(versions, deps.version));
  for (const version of versions) {
    if (path === `v3/apis/${METRICS_GROUP}/${version}`)
      return withEtag(req, json(200, openApiV3(version, deps.version)));
  }
  return json(404, routeNotFound());
}
