import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { generateCluster } from '../seed/generate-cluster.ts';
import { serveOpenApi } from './openapi.ts';
import { KINDS } from './openapi-kinds.ts';
import { schemaName } from './openapi-schema-builder.ts';
import { encodeOpenApiV2 } from './openapi-v2-protobuf.ts';
import { BUILTIN_RESOURCE_TYPES, type ResourceType } from './resource-types.ts';

const registry = { all: () => BUILTIN_RESOURCE_TYPES };

// biome-ignore lint/suspicious/noExplicitAny: documents are arbitrary JSON
function json(path: string, reg = registry, accept = 'application/json'): any {
  const r = serveOpenApi(path, accept, reg);
  assert.equal(r?.status, 200, path);
  return JSON.parse(String(r.body));
}

const widget: ResourceType & { openAPIV3Schema: unknown } = {
  group: 'example.com',
  version: 'v1',
  resource: 'widgets',
  singular: 'widget',
  kind: 'Widget',
  listKind: 'WidgetList',
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  openAPIV3Schema: {
    type: 'object',
    properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
  },
};

describe('serveOpenApi v3', () => {
  it('lists every group-version with a stable hash', () => {
    const root = json('/openapi/v3');
    const keys = Object.keys(root.paths);
    assert.equal(keys[0], 'api/v1');
    assert.ok(keys.includes('apis/apps/v1') && keys.includes('apis/autoscaling/v2'));
    const url: string = root.paths['apis/apps/v1'].serverRelativeURL;
    assert.match(url, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    assert.deepEqual(json('/openapi/v3'), root);
    const doc = serveOpenApi('/openapi/v3/apis/apps/v1', '', registry);
    assert.equal(doc?.headers?.ETag, `"${url.split('hash=')[1]}"`);
  });

  it('gives every PATCH the kind and a fieldValidation parameter', () => {
    const doc = json('/openapi/v3/api/v1');
    const patch = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}'].patch;
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: '', version: 'v1', kind: 'Pod' });
    assert.equal(patch['x-kubernetes-action'], 'patch');
    assert.ok(
      patch.parameters.some((p: { name: string; in: string }) => p.name === 'fieldValidation' && p.in === 'query'),
    );
    assert.ok('application/strategic-merge-patch+json' in patch.requestBody.content);
    const status = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/status'].patch;
    assert.ok(status.parameters.some((p: { name: string }) => p.name === 'fieldValidation'));
    assert.equal(doc.paths['/api/v1/nodes/{name}'].patch['x-kubernetes-group-version-kind'].kind, 'Node');
    assert.equal(doc.paths['/api/v1/pods'].get['x-kubernetes-action'], 'list');
  });

  it('describes keyed lists with their merge keys', () => {
    const schemas = json('/openapi/v3/apis/apps/v1').components.schemas;
    assert.deepEqual(schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
    const podSpec = schemas['io.k8s.api.core.v1.PodSpec'].properties;
    assert.deepEqual(podSpec.containers, {
      type: 'array',
      items: { default: {}, allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }] },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    assert.equal(podSpec.volumes['x-kubernetes-patch-strategy'], 'merge,retainKeys');
    assert.equal(
      schemas['io.k8s.api.core.v1.Container'].properties.ports['x-kubernetes-patch-merge-key'],
      'containerPort',
    );
    assert.ok(schemas['io.k8s.api.autoscaling.v1.Scale'], 'the scale subresource schema');
  });

  it('leaves strategic merge out for kinds without a detailed schema', () => {
    const doc = json('/openapi/v3/apis/apps/v1');
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/controllerrevisions/{name}'].patch;
    assert.deepEqual(Object.keys(patch.requestBody.content), [
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
    ]);
  });

  it('uses a CRD schema and changes the hash when the types change', () => {
    const before = json('/openapi/v3').paths;
    const reg = { all: () => [...BUILTIN_RESOURCE_TYPES, widget] };
    const after = json('/openapi/v3', reg).paths;
    assert.equal(before['apis/example.com/v1'], undefined);
    assert.match(after['apis/example.com/v1'].serverRelativeURL, /hash=/);
    const schema = json('/openapi/v3/apis/example.com/v1', reg).components.schemas['com.example.v1.Widget'];
    assert.deepEqual(schema.properties.spec, { type: 'object', properties: { size: { type: 'integer' } } });
    assert.deepEqual(schema.properties.metadata, {
      default: {},
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
    });
  });

  it('answers 404 for unknown documents and ignores other paths', () => {
    assert.equal(serveOpenApi('/openapi/v3/apis/nope/v1', '', registry)?.status, 404);
    assert.equal(serveOpenApi('/openapi/v4', '', registry)?.status, 404);
    assert.equal(serveOpenApi('/api/v1', '', registry), undefined);
    assert.equal(serveOpenApi('/openapix', '', registry), undefined);
  });
});

describe('serveOpenApi v2', () => {
  it('answers protobuf to kubectl 1.27/1.28 and JSON otherwise', () => {
    const pb = serveOpenApi('/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf', registry);
    assert.equal(pb?.contentType, 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    assert.ok(Buffer.isBuffer(pb?.body));
    const doc = json('/openapi/v2', registry, 'application/json');
    assert.equal(doc.swagger, '2.0');
    assert.deepEqual(
      doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch['x-kubernetes-group-version-kind'],
      {
        group: 'apps',
        kind: 'Deployment',
        version: 'v1',
      },
    );
  });

  it('encodes the gnostic Document field by field', () => {
    const bytes = encodeOpenApiV2('K', 'v', [{ path: '/api/v1/pods/{name}', group: '', version: 'v1', kind: 'Pod' }]);
    // swagger (1) = "2.0", then info (2) = {title (1) = "K", version (2) = "v"}, then paths (8).
    assert.equal(bytes.subarray(0, 13).toString('hex'), '0a03322e3012060a014b120176');
    assert.equal(bytes[13], 0x42);
    assert.ok(bytes.includes(Buffer.from('group: ""\nkind: "Pod"\nversion: "v1"\n')));
    assert.ok(bytes.includes(Buffer.from('fieldValidation')));
  });
});

describe('schema coverage', () => {
  // biome-ignore lint/suspicious/noExplicitAny: schemas are arbitrary JSON
  type Json = any;
  const resolve = (schemas: Json, s: Json): Json => {
    const inner = s?.allOf ? s.allOf[0] : s;
    return inner?.$ref ? schemas[inner.$ref.replace('#/components/schemas/', '')] : inner;
  };
  /** kubectl's apply looks up every object- or list-valued field; report those the schema lacks. */
  const walk = (schemas: Json, schema: Json, value: unknown, path: string, gaps: string[]): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) walk(schemas, resolve(schemas, schema?.items), v, `${path}[]`, gaps);
      return;
    }
    if (schema?.additionalProperties && !schema.properties) return;
    for (const [key, v] of Object.entries(value)) {
      if (v === null || typeof v !== 'object') continue;
      const sub = schema?.properties?.[key];
      if (sub) walk(schemas, resolve(schemas, sub), v, `${path}.${key}`, gaps);
      else gaps.push(`${path}.${key}`);
    }
  };

  const docs = new Map<string, Json>();
  /** Adds the gaps of one manifest (its status left out, as manifests do); opaque kinds have none. */
  const gapsOf = (obj: Json, gaps: string[]): boolean => {
    const apiVersion = String(obj?.apiVersion ?? '');
    const [group = '', version = ''] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    if (!KINDS[`${group}/${obj?.kind}`]) return false;
    if (!BUILTIN_RESOURCE_TYPES.some((t) => t.group === group && t.version === version && t.kind === obj.kind))
      return false;
    const gv = group === '' ? `api/${version}` : `apis/${group}/${version}`;
    if (!docs.has(gv)) docs.set(gv, json(`/openapi/v3/${gv}`).components.schemas);
    const schemas = docs.get(gv);
    const { status: _, ...manifest } = obj;
    walk(schemas, schemas[schemaName(group, version, obj.kind)], manifest, obj.kind, gaps);
    return true;
  };

  it("lists every map and list field of a seeded cluster's objects", () => {
    const gaps: string[] = [];
    const now = Date.parse('2026-01-01T00:00:00Z');
    for (const obj of generateCluster({ nodes: 4, podsPerNode: 20, seed: 3, now })) gapsOf(obj, gaps);
    assert.deepEqual([...new Set(gaps)], []);
  });

  // k8s.io/api's round-trip fixtures set every field of every kind; used when Go's module cache has them.
  const modules = join(process.env.GOMODCACHE ?? join(homedir(), 'go', 'pkg', 'mod'), 'k8s.io');
  const apiModule = existsSync(modules)
    ? readdirSync(modules)
        .filter((d) => d.startsWith('api@') && existsSync(join(modules, d, 'testdata', 'v1.33.0')))
        .sort()
        .at(-1)
    : undefined;
  it('lists every map and list field of the fully populated k8s.io/api v1.33 fixtures', {
    skip: apiModule === undefined && 'k8s.io/api testdata is not in the Go module cache',
  }, () => {
    const dir = join(modules, apiModule ?? '', 'testdata', 'v1.33.0');
    const gaps: string[] = [];
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      if (gapsOf(parse(readFileSync(join(dir, file), 'utf8')), gaps)) checked++;
    }
    assert.ok(checked >= 30, `only ${checked} fixtures of described kinds`);
    assert.deepEqual([...new Set(gaps)], []);
  });
});
