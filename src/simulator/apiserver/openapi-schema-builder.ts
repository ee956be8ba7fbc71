/**
 * Turns the compact type descriptions (openapi-schemas.ts, openapi-kinds.ts) and CRD schemas into
 * OpenAPI v3 component schemas named like kube-apiserver's (`io.k8s.api.core.v1.Pod`).
 */

import { KINDS } from './openapi-kinds.ts';
import { type Fields, type ListExpr, STRUCTS, type TypeExpr } from './openapi-schemas.ts';
import type { ResourceType } from './resource-types.ts';

export type Schema = Record<string, unknown>;

/** Schema package of each built-in group (`io.k8s.api.<package>.<version>`). */
const PACKAGES: Record<string, string> = {
  '': 'io.k8s.api.core',
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  'apiregistration.k8s.io': 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
  'networking.k8s.io': 'io.k8s.api.networking',
  'discovery.k8s.io': 'io.k8s.api.discovery',
  'storage.k8s.io': 'io.k8s.api.storage',
  'coordination.k8s.io': 'io.k8s.api.coordination',
  'certificates.k8s.io': 'io.k8s.api.certificates',
  'admissionregistration.k8s.io': 'io.k8s.api.admissionregistration',
  'rbac.authorization.k8s.io': 'io.k8s.api.rbac',
  'scheduling.k8s.io': 'io.k8s.api.scheduling',
  'authentication.k8s.io': 'io.k8s.api.authentication',
  'authorization.k8s.io': 'io.k8s.api.authorization',
  'events.k8s.io': 'io.k8s.api.events',
  'node.k8s.io': 'io.k8s.api.node',
  'flowcontrol.apiserver.k8s.io': 'io.k8s.api.flowcontrol',
  'resource.k8s.io': 'io.k8s.api.resource',
};

const SIMPLE_GROUPS = new Set(['apps', 'batch', 'autoscaling', 'policy']);

/** The component name of a kind: `io.k8s.api.apps.v1.Deployment`; CRDs use the reversed group. */
export function schemaName(group: string, version: string, kind: string): string {
  const pkg =
    PACKAGES[group] ?? (SIMPLE_GROUPS.has(group) ? `io.k8s.api.${group}` : group.split('.').reverse().join('.'));
  return `${pkg}.${version}.${kind}`;
}

export function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

const QUANTITY: Schema = { oneOf: [{ type: 'string' }, { type: 'number' }] };
const SCALARS: Record<string, Schema> = {
  string: { type: 'string' },
  integer: { type: 'integer', format: 'int64' },
  number: { type: 'number', format: 'double' },
  boolean: { type: 'boolean' },
  time: { type: 'string', format: 'date-time' },
  quantity: QUANTITY,
  'int-or-string': { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
  map: { type: 'object', additionalProperties: { type: 'string', default: '' } },
  quantities: { type: 'object', additionalProperties: QUANTITY },
  any: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
};

function isList(t: TypeExpr): t is ListExpr {
  return typeof t === 'object' && '__list' in t;
}

/** Collects component schemas for one group-version document. */
export class SchemaCollector {
  readonly schemas: Record<string, Schema> = {};

  /** A property schema for `t`, registering the named structs it references. */
  property(t: TypeExpr): Schema {
    if (typeof t === 'string') {
      const scalar = SCALARS[t];
      if (scalar) return { ...scalar };
      return { default: {}, allOf: [ref(this.#struct(t))] };
    }
    if (isList(t)) {
      const schema: Schema = { type: 'array', items: this.property(t.__list) };
      if (t.key) schema['x-kubernetes-patch-merge-key'] = t.key;
      if (t.strategy) schema['x-kubernetes-patch-strategy'] = t.strategy;
      return schema;
    }
    return this.object(t);
  }

  object(fields: Fields): Schema {
    const properties: Record<string, Schema> = {};
    for (const [name, t] of Object.entries(fields)) properties[name] = this.property(t);
    return { type: 'object', properties };
  }

  #struct(short: string): string {
    const entry = STRUCTS[short];
    if (!entry) throw new Error(`openapi: unknown type ${JSON.stringify(short)} in the schema descriptions`);
    const name = `${entry[0]}.${short}`;
    if (!(name in this.schemas)) {
      this.schemas[name] = {}; // placeholder: stops recursion through self-referencing types
      this.schemas[name] = this.object(entry[1]);
    }
    return name;
  }

  /** Adds the schema of `t`'s kind and list kind; true when the kind is described in detail. */
  addKind(t: ResourceType): boolean {
    const name = schemaName(t.group, t.version, t.kind);
    const gvk = (kind: string) => ({
      'x-kubernetes-group-version-kind': [{ group: t.group, kind, version: t.version }],
    });
    const base: Fields = { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta' };
    const described = KINDS[`${t.group}/${t.kind}`];
    const crdSchema = (t as ResourceType & { openAPIV3Schema?: unknown }).openAPIV3Schema;
    let schema: Schema;
    if (described) {
      schema = this.object({ ...base, ...described });
    } else if (crdSchema !== null && typeof crdSchema === 'object' && !Array.isArray(crdSchema)) {
      schema = structuredClone(crdSchema) as Schema;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      schema.properties = { ...props, ...(this.object(base).properties as Record<string, Schema>) };
      schema.type ??= 'object';
    } else {
      schema = {
        ...this.object({ ...base, spec: 'any', status: 'any' }),
        'x-kubernetes-preserve-unknown-fields': true,
      };
    }
    this.schemas[name] = { ...schema, ...gvk(t.kind) };
    this.schemas[`${name}List`] = {
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: { type: 'string' },
        items: { type: 'array', items: { default: {}, allOf: [ref(name)] } },
        kind: { type: 'string' },
        metadata: { default: {}, allOf: [ref(`${STRUCTS.ListMeta?.[0]}.ListMeta`)] },
      },
      ...gvk(t.listKind),
    };
    this.#struct('ListMeta');
    return described !== undefined;
  }
}
