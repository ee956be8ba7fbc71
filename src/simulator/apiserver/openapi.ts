/**
 * Serves `/openapi/v3` (a root listing every group-version with a content hash, and one document
 * per group-version) and `/openapi/v2` (protobuf for kubectl 1.27/1.28, or JSON). Documents are
 * generated from the registry and cached until the set of served types changes (a CRD comes or
 * goes), so hashes and ETags are stable for an unchanged API.
 */
import { createHash } from 'node:crypto';
import type { RegistryView } from './discovery.ts';
import { addResourcePaths } from './openapi-paths.ts';
import { type Schema, SchemaCollector, schemaName } from './openapi-schema-builder.ts';
import { encodeOpenApiV2, type V2PatchOperation } from './openapi-v2-protobuf.ts';
import { groupVersionPath, type ResourceType } from './resource-types.ts';

export interface OpenApiResponse {
  status: number;
  contentType: string;
  body: string | Buffer;
  /** Extra response headers (ETag, Cache-Control), as kube-apiserver sends them. */
  headers?: Record<string, string>;
}

/** What kube-apiserver answers with; Go's mime parser (used by client-go) rejects the `@` form kubectl asks for. */
const PROTOBUF_V2 = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const JSON_TYPE = 'application/json';
const TITLE = 'Kubernetes';
const VERSION = 'unversioned';

interface Documents {
  /** `api/v1`, `apis/apps/v1` -> serialized document and its hash. */
  v3: Map<string, { body: string; hash: string }>;
  v3Root: string;
  v2Protobuf: Buffer;
  v2Json: string;
}

let cache: { fingerprint: string; docs: Documents } | undefined;

function hashOf(body: string | Buffer): string {
  return createHash('sha512').update(body).digest('hex').toUpperCase();
}

/** Changes whenever anything a document is generated from changes. */
function fingerprint(types: readonly ResourceType[]): string {
  return types
    .map((t) => {
      const crdSchema = (t as ResourceType & { openAPIV3Schema?: unknown }).openAPIV3Schema;
      const base = `${t.group}/${t.version}/${t.resource}/${t.kind}/${t.namespaced}/${t.verbs}/${t.subresources}`;
      return crdSchema === undefined ? base : `${base}/${JSON.stringify(crdSchema)}`;
    })
    .join('\n');
}

const SCALE_FIELDS = { replicas: 'integer' };

function groupVersionDocument(types: readonly ResourceType[]): Schema {
  const collector = new SchemaCollector();
  const paths: Record<string, Schema> = {};
  const scaleName = schemaName('autoscaling', 'v1', 'Scale');
  for (const t of types) {
    const strategic = collector.addKind(t);
    addResourcePaths(paths, t, schemaName(t.group, t.version, t.kind), scaleName, strategic);
    if (t.subresources.includes('scale') && !(scaleName in collector.schemas)) {
      collector.schemas[scaleName] = {
        ...collector.object({
          apiVersion: 'string',
          kind: 'string',
          metadata: 'ObjectMeta',
          spec: SCALE_FIELDS,
          status: { replicas: 'integer', selector: 'string' },
        }),
        'x-kubernetes-group-version-kind': [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }],
      };
    }
  }
  const schemas = Object.fromEntries(Object.entries(collector.schemas).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.0.0',
    info: { title: TITLE, version: VERSION },
    paths,
    components: {
      schemas,
      securitySchemes: {
        BearerToken: {
          type: 'apiKey',
          description: 'Bearer Token authentication',
          name: 'authorization',
          in: 'header',
        },
      },
    },
  };
}

function build(types: readonly ResourceType[]): Documents {
  const byGroupVersion = new Map<string, ResourceType[]>();
  for (const t of types) {
    const key = groupVersionPath(t).slice(1);
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), t]);
  }
  const v3 = new Map<string, { body: string; hash: string }>();
  const rootPaths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, gvTypes] of byGroupVersion) {
    const body = JSON.stringify(groupVersionDocument(gvTypes));
    const hash = hashOf(body);
    v3.set(key, { body, hash });
    rootPaths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  const patchOps: V2PatchOperation[] = types
    .filter((t) => t.verbs.includes('patch'))
    .map((t) => ({
      path: `${groupVersionPath(t)}/${t.namespaced ? 'namespaces/{namespace}/' : ''}${t.resource}/{name}`,
      group: t.group,
      version: t.version,
      kind: t.kind,
    }));
  const v2Paths: Record<string, Schema> = {};
  for (const op of patchOps) {
    v2Paths[op.path] = {
      patch: {
        parameters: ['dryRun', 'fieldManager', 'fieldValidation'].map((name) => ({
          name,
          in: 'query',
          type: 'string',
          uniqueItems: true,
        })),
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: op.group, kind: op.kind, version: op.version },
      },
    };
  }
  return {
    v3,
    v3Root: JSON.stringify({ paths: rootPaths }),
    v2Protobuf: encodeOpenApiV2(TITLE, VERSION, patchOps),
    v2Json: JSON.stringify({ swagger: '2.0', info: { title: TITLE, version: VERSION }, paths: v2Paths }),
  };
}

function documents(registry: RegistryView): Documents {
  const types = registry.all();
  const fp = fingerprint(types);
  if (cache?.fingerprint !== fp) cache = { fingerprint: fp, docs: build(types) };
  return cache.docs;
}

function notFound(): OpenApiResponse {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' };
}

function withETag(contentType: string, body: string | Buffer): OpenApiResponse {
  return { status: 200, contentType, body, headers: { ETag: `"${hashOf(body)}"` } };
}

/** Answers an OpenAPI request, or `undefined` when `path` is not under `/openapi`. */
export function serveOpenApi(path: string, accept: string, registry: RegistryView): OpenApiResponse | undefined {
  const clean = (path.split('?')[0] ?? '').replace(/\/+$/, '');
  if (clean !== '/openapi' && !clean.startsWith('/openapi/')) return undefined;
  if (clean === '/openapi/v2') {
    const docs = documents(registry);
    if (/protobuf/i.test(accept)) return withETag(PROTOBUF_V2, docs.v2Protobuf);
    return withETag(JSON_TYPE, docs.v2Json);
  }
  if (clean === '/openapi/v3') return withETag(JSON_TYPE, documents(registry).v3Root);
  if (clean.startsWith('/openapi/v3/')) {
    const doc = documents(registry).v3.get(clean.slice('/openapi/v3/'.length));
    if (!doc) return notFound();
    return {
      status: 200,
      contentType: JSON_TYPE,
      body: doc.body,
      // No `Cache-Control: immutable`: that is only right when the request's `hash` matches, and
      // the query is not passed in; kubectl's HTTP cache revalidates with the ETag instead.
      headers: { ETag: `"${doc.hash}"` },
    };
  }
  return notFound();
}
