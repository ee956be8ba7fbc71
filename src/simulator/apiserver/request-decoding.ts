/**
 * Query parameters and bodies of resource requests, checked against the URL before anything
 * reaches the store: selectors, integers, dryRun, object bodies (kind, apiVersion, namespace,
 * name), patches and DeleteOptions. Every problem is a 4xx ApiError.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../../shared/kube/object.ts';
import {
  checkFieldSelector,
  type FieldSelector,
  type LabelSelector,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from '../../shared/kube/selectors.ts';
import { ApiError, badRequest } from './errors.ts';
import type { DeleteOptions } from './object-store.ts';
import { applyPatch, PATCH_CONTENT_TYPES } from './patch.ts';
import { decodeObjectBody, mediaType, parseJson, parseYamlBody, readBody } from './request-body.ts';
import { groupVersion, type ResourceType } from './resource-types.ts';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function selectors(q: URLSearchParams, t: ResourceType): { label: LabelSelector; field: FieldSelector } {
  try {
    const label = parseLabelSelector(q.get('labelSelector') ?? '');
    const field = parseFieldSelector(q.get('fieldSelector') ?? '');
    checkFieldSelector(field, t.kind);
    return { label, field };
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

/** `dryRun=All`: validate and answer as if done, store nothing. */
export function dryRun(q: URLSearchParams): boolean {
  return q.getAll('dryRun').includes('All');
}

export function intParam(q: URLSearchParams, name: string): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return 0;
  if (!/^\d+$/.test(raw))
    throw badRequest(`invalid value for ${name}: ${JSON.stringify(raw)}: must be a non-negative integer`);
  return Number(raw);
}

export async function readAny(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  if (body.length === 0) return undefined;
  const type = mediaType(req.headers['content-type']);
  if (type in PATCH_CONTENT_TYPES)
    return type === 'application/apply-patch+yaml' ? parseYamlBody(body) : parseJson(body);
  return decodeObjectBody(body, req.headers['content-type']);
}

/** Reads a create/update body and checks it against the URL: kind, apiVersion, namespace, name. */
export async function readObject(
  req: IncomingMessage,
  t: ResourceType,
  namespace: string,
  name?: string,
): Promise<KubeObject> {
  const raw = decodeObjectBody(await readBody(req), req.headers['content-type']);
  if (!isObject(raw)) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(raw)?.slice(0, 200)}'`);
  return checkObject(raw, t, namespace, name);
}

export function checkObject(
  raw: Record<string, unknown>,
  t: ResourceType,
  namespace: string,
  name?: string,
): KubeObject {
  const gv = groupVersion(t);
  if (raw.apiVersion !== undefined && raw.apiVersion !== gv) {
    throw badRequest(
      `the API version in the data (${String(raw.apiVersion)}) does not match the expected API version (${gv})`,
    );
  }
  if (raw.kind !== undefined && raw.kind !== t.kind) {
    throw badRequest(
      `${String(raw.kind)} in version "${t.version}" cannot be handled as a ${t.kind}: the kind in the data does not match the URL`,
    );
  }
  if (raw.metadata === undefined || raw.metadata === null) raw.metadata = {};
  if (!isObject(raw.metadata))
    throw badRequest(
      `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: metadata must be an object`,
    );
  const meta = raw.metadata as KubeObject['metadata'];
  if (t.namespaced) {
    if (meta.namespace === undefined || meta.namespace === '') meta.namespace = namespace;
    else if (meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  }
  if (name !== undefined) {
    if (meta.name === undefined || meta.name === '') meta.name = name;
    else if (meta.name !== name) {
      throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
    }
  }
  return raw as KubeObject;
}

/** Reads a patch body of a supported type and applies it to `current` (a fresh copy). */
export async function patched(req: IncomingMessage, current: unknown): Promise<unknown> {
  const ctype = mediaType(req.headers['content-type']);
  const patchType = PATCH_CONTENT_TYPES[ctype];
  if (!patchType) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_CONTENT_TYPES).join(', ')}`,
    );
  }
  const body = await readBody(req);
  const patch = patchType === 'apply' ? parseYamlBody(body) : parseJson(body);
  if (patchType !== 'json' && !isObject(patch)) throw badRequest('the patch must be a JSON object');
  const out = applyPatch(patchType, current, patch);
  if (!isObject(out)) throw badRequest('the patch result is not an object');
  return out;
}

export async function deleteOptions(req: IncomingMessage, q: URLSearchParams): Promise<DeleteOptions> {
  const body = await readBody(req);
  const opts: DeleteOptions = {};
  if (body.length > 0) {
    const raw = parseJson(body);
    if (!isObject(raw)) throw badRequest('DeleteOptions must be a JSON object');
    const policy = raw.propagationPolicy;
    if (policy !== undefined && policy !== null) {
      if (policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
        throw badRequest(
          `propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"`,
        );
      }
      opts.propagationPolicy = policy;
    }
    if (raw.orphanDependents === true) opts.propagationPolicy = 'Orphan';
    if (isObject(raw.preconditions)) {
      const p = raw.preconditions;
      opts.preconditions = {
        ...(typeof p.uid === 'string' ? { uid: p.uid } : {}),
        ...(typeof p.resourceVersion === 'string' ? { resourceVersion: p.resourceVersion } : {}),
      };
    }
    if (typeof raw.gracePeriodSeconds === 'number') opts.gracePeriodSeconds = raw.gracePeriodSeconds;
  }
  if (dryRun(q)) opts.dryRun = true;
  const qp = q.get('propagationPolicy');
  if (qp === 'Orphan' || qp === 'Background' || qp === 'Foreground') opts.propagationPolicy = qp;
  return opts;
}
