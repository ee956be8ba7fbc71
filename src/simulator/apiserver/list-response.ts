/**
 * List responses: selectors, `limit` + `continue` pagination over a consistent snapshot, and
 * streaming serialization from each object's cached JSON so a 150k-item list is never built as
 * one object graph.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../shared/kube/object.ts';
import { type FieldSelector, type LabelSelector, matchFields, matchLabels } from '../../shared/kube/selectors.ts';
import { badRequest } from './errors.ts';
import type { ObjectStore } from './object-store.ts';
import { storageKey } from './resource-registry.ts';
import { groupVersion, type ResourceType } from './resource-types.ts';
import type { StoredEntry } from './store-history.ts';

export interface ListQuery {
  namespace: string | undefined;
  labelSelector: LabelSelector;
  fieldSelector: FieldSelector;
  /** 0 = no limit. */
  limit: number;
  continueToken: string | undefined;
}

export interface ListPage {
  items: StoredEntry[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueState {
  rv: number;
  /** Items strictly after this key come next. */
  after: string;
}

export function encodeContinue(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` })).toString('base64url');
}

export function decodeContinue(token: string): ContinueState {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: unknown;
      rv?: unknown;
      start?: unknown;
    };
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string')
      throw new Error('shape');
    return { rv: parsed.rv, after: parsed.start.replace(/\u0000$/, '') };
  } catch {
    throw badRequest(`continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  }
}

function firstAfter(items: StoredEntry[], key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.key <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Selects one page. Pages after the first read the snapshot the first page saw. */
export function listPage(store: ObjectStore, t: ResourceType, q: ListQuery): ListPage {
  const ns = t.namespaced ? q.namespace : undefined;
  let snapshot: StoredEntry[];
  let rv: number;
  let start = 0;
  if (q.continueToken) {
    const c = decodeContinue(q.continueToken);
    rv = c.rv;
    snapshot = store.sortedAt(t, ns, rv);
    start = firstAfter(snapshot, c.after);
  } else {
    rv = store.currentRv();
    snapshot = store.sorted(t, ns);
    if (q.limit > 0 && snapshot.length > q.limit)
      store.rememberSnapshot(`${storageKey(t)}\0${ns ?? ''}\0${rv}`, snapshot);
  }
  const filtered = q.labelSelector.length > 0 || q.fieldSelector.length > 0;
  const items: StoredEntry[] = [];
  let i = start;
  for (; i < snapshot.length; i++) {
    if (q.limit > 0 && items.length === q.limit) break;
    const e = snapshot[i]!;
    if (filtered && !(matchLabels(q.labelSelector, e.obj.metadata.labels) && matchFields(q.fieldSelector, e.obj)))
      continue;
    items.push(e);
  }
  const page: ListPage = { items, resourceVersion: String(rv) };
  if (i < snapshot.length && items.length > 0) {
    page.continueToken = encodeContinue(rv, items[items.length - 1]!.key);
    if (!filtered) page.remainingItemCount = snapshot.length - i;
  }
  return page;
}

function listMetadata(page: ListPage): string {
  return JSON.stringify({
    resourceVersion: page.resourceVersion,
    ...(page.continueToken ? { continue: page.continueToken } : {}),
    ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
  });
}

const CHUNK_BYTES = 1 << 20;

/**
 * Writes the list as JSON, item by item from cached strings, waiting for the socket to drain
 * every ~1 MiB. `partial` sends PartialObjectMetadataList instead of the typed list.
 */
export async function writeList(
  res: ServerResponse,
  t: ResourceType,
  page: ListPage,
  partial: boolean,
  contentType: string,
): Promise<void> {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType);
  const head = partial
    ? `{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":${listMetadata(page)},"items":[`
    : `{"kind":"${t.listKind}","apiVersion":"${groupVersion(t)}","metadata":${listMetadata(page)},"items":[`;
  let buf = head;
  for (let i = 0; i < page.items.length; i++) {
    const e = page.items[i]!;
    if (i > 0) buf += ',';
    buf += partial ? partialObject(e.obj) : e.json;
    if (buf.length >= CHUNK_BYTES) {
      const ok = res.write(buf);
      buf = '';
      if (!ok) await waitDrain(res);
      if (res.destroyed) return;
    }
  }
  res.end(`${buf}]}`);
}

export function partialObject(obj: KubeObject): string {
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(obj.metadata)}}`;
}

function waitDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
