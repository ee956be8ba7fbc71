/**
 * The `paths` of an OpenAPI v3 group-version document: the REST operations of each resource with
 * `x-kubernetes-action` and `x-kubernetes-group-version-kind`. kubectl 1.27+ decides whether it may
 * leave validation to the server by looking for a `fieldValidation` query parameter on the kind's
 * PATCH operations (it stops at the first one it meets, so every PATCH carries it), and uses
 * its v3 schema for client-side apply only when the PATCH accepts strategic merge patches.
 */

import { ref, type Schema } from './openapi-schema-builder.ts';
import { groupVersionPath, type ResourceType } from './resource-types.ts';

const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

function query(name: string, type = 'string'): Schema {
  return { name, in: 'query', schema: { type, uniqueItems: true } };
}

const WRITE_PARAMS = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
const LIST_PARAMS = [
  query('allowWatchBookmarks', 'boolean'),
  query('continue'),
  query('fieldSelector'),
  query('labelSelector'),
  query('limit', 'integer'),
  query('resourceVersion'),
  query('resourceVersionMatch'),
  query('sendInitialEvents', 'boolean'),
  query('timeoutSeconds', 'integer'),
  query('watch', 'boolean'),
];
const DELETE_PARAMS = [query('dryRun'), query('gracePeriodSeconds', 'integer'), query('propagationPolicy')];

function pathParam(name: string): Schema {
  return { name, in: 'path', required: true, schema: { type: 'string', uniqueItems: true } };
}

function pascal(text: string): string {
  return text
    .split(/[.-]/)
    .filter((s) => s !== '')
    .map((s) => s[0]?.toUpperCase() + s.slice(1))
    .join('');
}

/** `CoreV1`, `AppsV1`, `RbacAuthorizationV1`, `ExampleComV1` as in kube-apiserver's operation ids. */
function operationPrefix(t: ResourceType): string {
  const group = t.group === '' ? 'core' : t.group.replace(/\.k8s\.io$/, '');
  return pascal(group) + pascal(t.version);
}

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

function json(schema: Schema): Schema {
  return { content: { 'application/json': { schema } } };
}

function operation(
  id: string,
  action: string,
  gvk: Gvk,
  schemaName: string,
  extra: Schema = {},
  responseCodes = ['200'],
): Schema {
  const responses: Record<string, Schema> = {};
  for (const code of responseCodes)
    responses[code] = { description: code === '201' ? 'Created' : 'OK', ...json(ref(schemaName)) };
  responses['401'] = { description: 'Unauthorized' };
  return {
    operationId: id,
    ...extra,
    responses,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  };
}

function body(schemaName: string): Schema {
  return { required: true, ...json(ref(schemaName)) };
}

function patchOperation(id: string, gvk: Gvk, schemaName: string, strategic: boolean): Schema {
  const content: Record<string, Schema> = {};
  for (const type of PATCH_TYPES) {
    if (type.startsWith('application/strategic') && !strategic) continue;
    content[type] = { schema: { type: 'object' } };
  }
  return operation(id, 'patch', gvk, schemaName, {
    parameters: [...WRITE_PARAMS, query('force', 'boolean')],
    requestBody: { required: true, content },
  });
}

/**
 * Adds `t`'s operations to `paths`. `schemaName` is its kind's component; `strategic` whether
 * its schema is detailed enough for kubectl to compute strategic merge patches from it.
 */
export function addResourcePaths(
  paths: Record<string, Schema>,
  t: ResourceType,
  schemaName: string,
  scaleSchemaName: string,
  strategic: boolean,
): void {
  const prefix = groupVersionPath(t);
  const scope = t.namespaced ? 'Namespaced' : '';
  const id = (verb: string, suffix = '') => `${verb}${operationPrefix(t)}${scope}${t.kind}${suffix}`;
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const listGvk = { ...gvk, kind: t.listKind };
  const base = t.namespaced ? `${prefix}/namespaces/{namespace}/${t.resource}` : `${prefix}/${t.resource}`;
  const scopeParams = t.namespaced ? [pathParam('namespace')] : [];
  const verbs = new Set(t.verbs);

  const collection: Schema = { parameters: scopeParams };
  if (verbs.has('list'))
    collection.get = operation(id('list'), 'list', listGvk, `${schemaName}List`, { parameters: LIST_PARAMS });
  if (verbs.has('create')) {
    collection.post = operation(
      id('create'),
      'post',
      gvk,
      schemaName,
      { parameters: WRITE_PARAMS, requestBody: body(schemaName) },
      ['200', '201', '202'],
    );
  }
  if (verbs.has('deletecollection')) {
    collection.delete = operation(id('deleteCollection'), 'deletecollection', gvk, schemaName, {
      parameters: [...DELETE_PARAMS, ...LIST_PARAMS],
    });
  }
  if (Object.keys(collection).length > 1) paths[base] = collection;

  if (t.namespaced && verbs.has('list')) {
    paths[`${prefix}/${t.resource}`] = {
      get: operation(`list${operationPrefix(t)}${t.kind}ForAllNamespaces`, 'list', listGvk, `${schemaName}List`, {
        parameters: LIST_PARAMS,
      }),
    };
  }

  const itemParams = [pathParam('name'), ...scopeParams];
  const item: Schema = { parameters: itemParams };
  if (verbs.has('get')) item.get = operation(id('read'), 'get', gvk, schemaName);
  if (verbs.has('update')) {
    item.put = operation(
      id('replace'),
      'put',
      gvk,
      schemaName,
      { parameters: WRITE_PARAMS, requestBody: body(schemaName) },
      ['200', '201'],
    );
  }
  if (verbs.has('patch')) item.patch = patchOperation(id('patch'), gvk, schemaName, strategic);
  if (verbs.has('delete'))
    item.delete = operation(id('delete'), 'delete', gvk, schemaName, { parameters: DELETE_PARAMS });
  if (Object.keys(item).length > 1) paths[`${base}/{name}`] = item;

  for (const sub of t.subresources) {
    if (sub !== 'status' && sub !== 'scale') continue;
    const suffix = sub === 'status' ? 'Status' : 'Scale';
    const subGvk = sub === 'status' ? gvk : { group: 'autoscaling', version: 'v1', kind: 'Scale' };
    const subSchema = sub === 'status' ? schemaName : scaleSchemaName;
    paths[`${base}/{name}/${sub}`] = {
      parameters: itemParams,
      get: operation(id('read', suffix), 'get', subGvk, subSchema),
      put: operation(id('replace', suffix), 'put', subGvk, subSchema, {
        parameters: WRITE_PARAMS,
        requestBody: body(subSchema),
      }),
      patch: patchOperation(id('patch', suffix), subGvk, subSchema, strategic),
    };
  }
}
