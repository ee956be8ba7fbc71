/**
 * The four patch formats kube-apiserver accepts: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902), strategic merge patch (for the list fields kubectl touches) and server-side apply
 * (simplified to a strategic merge of the applied configuration).
 */
import { badRequest } from './errors.ts';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
}

/**
 * Merge keys of list fields whose patchStrategy is `merge`, by field name. Lists not named here
 * are replaced wholesale, as for atomic lists. Field names are shared across kinds, which is
 * right for every kind kubectl edits.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  tolerations: 'key',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** Lists merged as sets of primitives (patchStrategy merge without a key). */
const PRIMITIVE_MERGE = new Set(['finalizers']);

function mergeKeyFor(field: string, parentPath: string): string | undefined {
  // Service ports merge by `port`; container ports by `containerPort`.
  if (field === 'ports' && (parentPath.endsWith('spec') || parentPath === '')) return 'port';
  return MERGE_KEYS[field];
}

/** Strategic merge patch for the subset of directives kubectl produces. */
export function strategicMergePatch(target: unknown, patch: unknown, path = ''): unknown {
  if (!isObject(patch)) return patch;
  if (patch['$patch'] === 'delete') return undefined;
  if (patch['$patch'] === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return rest;
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue; // $retainKeys, $setElementOrder/...: order and retention are not modelled
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v)) {
      const key = mergeKeyFor(k, path);
      const cur = out[k];
      if (key && Array.isArray(cur)) out[k] = mergeList(cur, v, key, `${path}.${k}`);
      else if (PRIMITIVE_MERGE.has(k) && Array.isArray(cur)) out[k] = [...new Set([...cur, ...v])] as Json[];
      else out[k] = v.filter((x) => !(isObject(x) && x['$patch'] !== undefined));
    } else if (isObject(v)) {
      const merged = strategicMergePatch(out[k], v, path ? `${path}.${k}` : k);
      if (merged === undefined) delete out[k];
      else out[k] = merged as Json;
    } else {
      out[k] = v;
    }
  }
  return out;
}

function mergeList(cur: Json[], patch: Json[], key: string, path: string): Json[] {
  const out = [...cur];
  for (const item of patch) {
    if (!isObject(item) || !(key in item)) {
      out.push(item);
      continue;
    }
    const idx = out.findIndex((x) => isObject(x) && x[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = strategicMergePatch(out[idx], item, path) as Json;
    } else {
      const { $patch: _p, ...clean } = item;
      out.push(clean);
    }
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  if (!ptr.startsWith('/'))
    throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer "${ptr}"`);
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, parts: string[], ptr: string): { parent: JsonObject | Json[]; last: string } {
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else cur = undefined;
    if (cur === undefined) throw badRequest(`doc is missing path: "${ptr}": missing value`);
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw badRequest(`doc is missing path: "${ptr}": missing value`);
  return { parent: cur, last: parts[parts.length - 1]! };
}

function getAt(doc: unknown, ptr: string): unknown {
  let cur: unknown = doc;
  for (const p of parsePointer(ptr)) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else cur = undefined;
    if (cur === undefined) throw badRequest(`doc is missing path: "${ptr}": missing value`);
  }
  return cur;
}

function arrayIndex(arr: Json[], token: string, ptr: string, forInsert: boolean): number {
  if (forInsert && token === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw badRequest(`invalid array index "${token}" in "${ptr}"`);
  const i = Number(token);
  if (i > arr.length || (!forInsert && i === arr.length)) throw badRequest(`index out of range: "${ptr}"`);
  return i;
}

function removeAt(doc: unknown, ptr: string): unknown {
  const parts = parsePointer(ptr);
  if (parts.length === 0) throw badRequest('cannot remove the whole document');
  const { parent, last } = parentOf(doc, parts, ptr);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, ptr, false);
    return parent.splice(i, 1)[0];
  }
  if (!(last in parent)) throw badRequest(`Unable to remove nonexistent key: ${last}: missing value`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: unknown, ptr: string, value: unknown, replace: boolean): unknown {
  const parts = parsePointer(ptr);
  if (parts.length === 0) return value;
  const { parent, last } = parentOf(doc, parts, ptr);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, ptr, !replace);
    if (replace) parent[i] = value as Json;
    else parent.splice(i, 0, value as Json);
  } else {
    if (replace && !(last in parent))
      throw badRequest(`replace operation does not apply: doc is missing key: ${ptr}: missing value`);
    parent[last] = value as Json;
  }
  return doc;
}

/** RFC 6902 on a deep copy of `target`. Throws 400 BadRequest (the document is left untouched). */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json patch must be a JSON array of operations');
  let doc: unknown = structuredClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw badRequest('json patch operation must be an object with string "op" and "path"');
    }
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, structuredClone(raw.value), false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, structuredClone(raw.value), true);
        break;
      case 'remove':
        removeAt(doc, raw.path);
        break;
      case 'move': {
        const v = removeAt(doc, String(raw.from ?? ''));
        doc = addAt(doc, raw.path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, raw.path, structuredClone(getAt(doc, String(raw.from ?? ''))), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)) {
          throw badRequest(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}

/** Applies a parsed patch of the given type to `target`, returning the new document. */
export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case 'merge':
      return mergePatch(target, patch);
    case 'json':
      return jsonPatch(target, patch);
    case 'strategic':
    case 'apply':
      return strategicMergePatch(target, patch);
  }
}
