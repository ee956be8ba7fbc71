/**
 * Resource requests: `/api/v1/...` and `/apis/<g>/<v>/...` for every registered type, with the
 * verbs, subresources, content negotiation and errors of kube-apiserver. Every input is checked
 * before the store is touched; the store itself validates and commits atomically, so a rejected
 * request never leaves partial state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject, WatchEventType } from '../../shared/kube/object.ts';
import { type Negotiated, negotiate } from './content-negotiation.ts';
import { badRequest, methodNotAllowed, notFound, pathNotFound } from './errors.ts';
import type { HandlerResult, ResourceHandler, ResourceHandlerContext, TableBuilder } from './handler-types.ts';
import { listPage, partialObject, writeList } from './list-response.ts';
import type { ObjectStore } from './object-store.ts';
import type { UserInfo } from './request-attributes.ts';
import { decodeObjectBody, mediaType, readBody } from './request-body.ts';
import {
  checkObject,
  deleteOptions,
  dryRun,
  intParam,
  patched,
  readAny,
  readObject,
  selectors,
} from './request-decoding.ts';
import type { ResourceRequestInfo } from './request-info.ts';
import type { ResourceType, Verb } from './resource-types.ts';
import { applyScale, toScale } from './scale-subresource.ts';
import type { StoredEntry } from './store-history.ts';
import { WatchStream } from './watch-stream.ts';

export function sendJson(res: ServerResponse, status: number, body: string, contentType = 'application/json'): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.end(body);
}

export interface RestHandlerOptions {
  store: ObjectStore;
  buildTable?: TableBuilder;
  /** Bookmark interval for watches with `allowWatchBookmarks`, ms (default 30 s). */
  bookmarkIntervalMs?: number;
  /** Pending bytes after which a slow watcher is disconnected (default 64 MiB). */
  watchMaxBufferedBytes?: number;
  now?: () => number;
}

export class RestHandler {
  readonly #store: ObjectStore;
  readonly #buildTable: TableBuilder | undefined;
  readonly #subresources = new Map<string, ResourceHandler>();
  readonly #virtual = new Map<string, ResourceHandler>();
  readonly #watches = new Set<WatchStream>();
  readonly #bookmarkIntervalMs: number;
  readonly #watchMaxBufferedBytes: number;
  readonly #now: () => number;

  constructor(options: RestHandlerOptions) {
    this.#store = options.store;
    this.#buildTable = options.buildTable;
    this.#bookmarkIntervalMs = options.bookmarkIntervalMs ?? 30_000;
    this.#watchMaxBufferedBytes = options.watchMaxBufferedBytes ?? 64 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
  }

  /** Serves `<resource>/<name>/<subresource>`; `resource` is `pods` or `deployments.apps` form. */
  registerSubresource(resource: string, subresource: string, handler: ResourceHandler): void {
    this.#subresources.set(`${resource}/${subresource}`, handler);
  }

  /** Serves create requests for a virtual (never stored) type. */
  registerVirtual(group: string, resource: string, handler: ResourceHandler): void {
    this.#virtual.set(`${group}/${resource}`, handler);
  }

  get activeWatches(): number {
    return this.#watches.size;
  }

  /** Ends every watch stream, as an apiserver restart would; clients re-watch. */
  closeAllWatches(): void {
    for (const w of [...this.#watches]) w.close();
  }

  /** Sends a BOOKMARK now on every watch that allowed them. */
  sendBookmarks(): void {
    for (const w of this.#watches) w.sendBookmark();
  }

  /** Handles one resource request. Throws ApiError for the caller to render as a Status. */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    info: ResourceRequestInfo,
    user: UserInfo,
  ): Promise<void> {
    const t = this.#store.registry.get(info.apiGroup, info.apiVersion, info.resource);
    if (!t) throw pathNotFound();
    // For namespaces, the request info carries the name as namespace; routing wants it empty.
    const namespace = t.namespaced ? info.namespace : '';
    if (t.namespaced && info.namespace === '' && info.name !== '') throw pathNotFound();
    if (!t.namespaced && t.resource !== 'namespaces' && url.pathname.includes('/namespaces/')) throw pathNotFound();
    const q = url.searchParams;
    const table = this.#buildTable !== undefined;

    if (t.virtual || info.subresource) {
      const key = info.subresource ? `${this.#qualified(t)}/${info.subresource}` : `${t.group}/${t.resource}`;
      const custom = info.subresource ? this.#subresources.get(key) : this.#virtual.get(key);
      if (custom) {
        const body = req.method === 'GET' || req.method === 'DELETE' ? undefined : await readAny(req);
        const ctx: ResourceHandlerContext = {
          req,
          query: q,
          user,
          verb: info.verb,
          type: t,
          namespace,
          name: info.name,
          subresource: info.subresource,
          body,
          store: this.#store,
        };
        const out = await custom(ctx);
        sendJson(res, out.status, JSON.stringify(out.body));
        return;
      }
      if (t.virtual) throw pathNotFound();
      if (info.subresource === 'status' && t.subresources.includes('status')) {
        return this.#status(req, res, t, namespace, info, q);
      }
      if (info.subresource === 'scale' && t.subresources.includes('scale')) {
        return this.#scale(req, res, t, namespace, info, q);
      }
      throw pathNotFound();
    }

    const named = info.name !== '';
    if ((info.verb === 'create' && named) || ((info.verb === 'update' || info.verb === 'patch') && !named)) {
      throw methodNotAllowed();
    }
    if (!t.verbs.includes(info.verb as Verb)) throw methodNotAllowed();
    switch (info.verb) {
      case 'get': {
        const n = negotiate(req.headers.accept, 'single', table);
        const e = this.#store.getEntry(t, namespace, info.name);
        if (!e) throw notFound(t, info.name);
        this.#sendEntry(res, t, e, n, q, 200);
        return;
      }
      case 'list':
        return this.#list(req, res, t, namespace, q);
      case 'watch':
        return this.#watch(req, res, t, namespace, info, q);
      case 'create':
        return this.#create(req, res, t, namespace, q);
      case 'update':
        return this.#update(req, res, t, namespace, info.name, q);
      case 'patch':
        return this.#patch(req, res, t, namespace, info.name, q, 'main');
      case 'delete':
        return this.#delete(req, res, t, namespace, info.name, q);
      case 'deletecollection':
        return this.#deleteCollection(req, res, t, namespace, q);
      default:
        throw methodNotAllowed();
    }
  }

  #qualified(t: ResourceType): string {
    return t.group === '' ? t.resource : `${t.resource}.${t.group}`;
  }

  #sendEntry(
    res: ServerResponse,
    t: ResourceType,
    e: StoredEntry,
    n: Negotiated,
    q: URLSearchParams,
    status: number,
  ): void {
    if (n.representation === 'partial') {
      sendJson(res, status, partialObject(e.obj), n.contentType);
      return;
    }
    if (n.representation === 'table' && this.#buildTable) {
      const tableObj = this.#buildTable(t, [e.obj], { includeObject: this.#includeObject(q), now: this.#now() });
      sendJson(res, status, JSON.stringify(tableObj), n.contentType);
      return;
    }
    sendJson(res, status, e.json);
  }

  #includeObject(q: URLSearchParams): 'None' | 'Metadata' | 'Object' {
    const v = q.get('includeObject');
    return v === 'None' || v === 'Object' ? v : 'Metadata';
  }

  async #list(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    q: URLSearchParams,
  ): Promise<void> {
    const n = negotiate(req.headers.accept, 'list', this.#buildTable !== undefined);
    const sel = selectors(q, t);
    const page = listPage(this.#store, t, {
      namespace: namespace || undefined,
      labelSelector: sel.label,
      fieldSelector: sel.field,
      limit: intParam(q, 'limit'),
      continueToken: q.get('continue') || undefined,
    });
    if (n.representation === 'table' && this.#buildTable) {
      const tableObj = this.#buildTable(
        t,
        page.items.map((e) => e.obj),
        { includeObject: this.#includeObject(q), now: this.#now() },
      ) as { metadata?: Record<string, unknown> };
      tableObj.metadata = {
        ...tableObj.metadata,
        resourceVersion: page.resourceVersion,
        ...(page.continueToken ? { continue: page.continueToken } : {}),
        ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
      };
      sendJson(res, 200, JSON.stringify(tableObj), n.contentType);
      return;
    }
    await writeList(res, t, page, n.representation === 'partial', n.contentType);
  }

  #watch(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    info: ResourceRequestInfo,
    q: URLSearchParams,
  ): void {
    const n = negotiate(req.headers.accept, 'watch', this.#buildTable !== undefined);
    const sel = selectors(q, t);
    if (info.name) sel.field.push({ field: 'metadata.name', operator: '=', value: info.name });
    const rvParam = q.get('resourceVersion') ?? '';
    if (rvParam !== '' && !/^\d+$/.test(rvParam))
      throw badRequest(`invalid resource version: ${JSON.stringify(rvParam)}`);
    const sendInitial = q.get('sendInitialEvents');
    let fromRv = rvParam === '' || rvParam === '0' ? undefined : Number(rvParam);
    if (sendInitial === 'false' && fromRv === undefined) fromRv = this.#store.currentRv();
    const timeoutSeconds = intParam(q, 'timeoutSeconds');
    res.setHeader('Content-Type', n.contentType);
    let first = true;
    const includeObject = this.#includeObject(q);
    const encode = (type: WatchEventType, e: StoredEntry): string => {
      if (n.representation === 'partial') return partialObject(e.obj);
      if (n.representation === 'table' && this.#buildTable && type !== 'BOOKMARK' && type !== 'ERROR') {
        const obj = this.#buildTable(t, [e.obj], { includeObject, noHeaders: !first, now: this.#now() });
        first = false;
        return JSON.stringify(obj);
      }
      return e.json;
    };
    const stream: WatchStream = new WatchStream(res, {
      store: this.#store,
      type: t,
      namespace: namespace || undefined,
      labelSelector: sel.label,
      fieldSelector: sel.field,
      fromRv,
      initialEventsEndBookmark: sendInitial === 'true',
      allowBookmarks: q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1',
      bookmarkIntervalMs: this.#bookmarkIntervalMs,
      timeoutMs: timeoutSeconds * 1000,
      maxBufferedBytes: this.#watchMaxBufferedBytes,
      encode,
      ...(n.representation === 'partial'
        ? { bookmarkKind: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' } }
        : {}),
      onClose: () => this.#watches.delete(stream),
    });
    this.#watches.add(stream);
    stream.start();
  }

  async #create(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    q: URLSearchParams,
  ): Promise<void> {
    if (t.namespaced && !namespace) throw methodNotAllowed();
    const n = negotiate(req.headers.accept, 'single', this.#buildTable !== undefined);
    const obj = await readObject(req, t, namespace);
    const entry = this.#store.createTyped(t, obj, dryRun(q));
    this.#sendEntry(res, t, entry, n, q, 201);
  }

  async #update(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    name: string,
    q: URLSearchParams,
  ): Promise<void> {
    const n = negotiate(req.headers.accept, 'single', this.#buildTable !== undefined);
    const obj = await readObject(req, t, namespace, name);
    const entry = this.#store.updateTyped(t, obj, 'main', dryRun(q));
    this.#sendEntry(res, t, entry, n, q, 200);
  }

  async #patch(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    name: string,
    q: URLSearchParams,
    mode: 'main' | 'status',
  ): Promise<void> {
    const n = negotiate(req.headers.accept, 'single', this.#buildTable !== undefined);
    const current = this.#store.getEntry(t, namespace, name);
    const isApply = mediaType(req.headers['content-type']) === 'application/apply-patch+yaml';
    if (!current && !(isApply && mode === 'main')) {
      // Read the body anyway so a bad content type or oversize body reports its own error first.
      await patched(req, {});
      throw notFound(t, name);
    }
    const base = current ? (JSON.parse(current.json) as unknown) : {};
    const out = (await patched(req, base)) as Record<string, unknown>;
    const obj = checkObject(out, t, namespace, name);
    if (!current) {
      const entry = this.#store.createTyped(t, obj, dryRun(q));
      this.#sendEntry(res, t, entry, n, q, 201);
      return;
    }
    const entry = this.#store.updateTyped(t, obj, mode, dryRun(q));
    this.#sendEntry(res, t, entry, n, q, 200);
  }

  async #status(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    info: ResourceRequestInfo,
    q: URLSearchParams,
  ): Promise<void> {
    const n = negotiate(req.headers.accept, 'single', this.#buildTable !== undefined);
    if (info.verb === 'get') {
      const e = this.#store.getEntry(t, namespace, info.name);
      if (!e) throw notFound(t, info.name);
      this.#sendEntry(res, t, e, n, q, 200);
      return;
    }
    if (info.verb === 'update') {
      const obj = await readObject(req, t, namespace, info.name);
      this.#sendEntry(res, t, this.#store.updateTyped(t, obj, 'status', dryRun(q)), n, q, 200);
      return;
    }
    if (info.verb === 'patch') return this.#patch(req, res, t, namespace, info.name, q, 'status');
    throw methodNotAllowed();
  }

  async #scale(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    info: ResourceRequestInfo,
    q: URLSearchParams,
  ): Promise<void> {
    const e = this.#store.getEntry(t, namespace, info.name);
    if (info.verb !== 'get' && info.verb !== 'update' && info.verb !== 'patch') throw methodNotAllowed();
    if (!e) {
      if (info.verb !== 'get') await readBody(req);
      throw notFound(t, info.name);
    }
    if (info.verb === 'get') {
      sendJson(res, 200, JSON.stringify(toScale(e.obj)));
      return;
    }
    let scale: unknown;
    if (info.verb === 'update') {
      scale = decodeObjectBody(await readBody(req), req.headers['content-type']);
    } else {
      scale = await patched(req, toScale(e.obj));
    }
    const updated = this.#store.updateTyped(t, applyScale(JSON.parse(e.json) as KubeObject, scale), 'main', dryRun(q));
    sendJson(res, 200, JSON.stringify(toScale(updated.obj)));
  }

  async #delete(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    name: string,
    q: URLSearchParams,
  ): Promise<void> {
    const n = negotiate(req.headers.accept, 'single', this.#buildTable !== undefined);
    const opts = await deleteOptions(req, q);
    const entry = this.#store.deleteTyped(t, namespace || undefined, name, opts);
    this.#sendEntry(res, t, entry, n, q, 200);
  }

  async #deleteCollection(
    req: IncomingMessage,
    res: ServerResponse,
    t: ResourceType,
    namespace: string,
    q: URLSearchParams,
  ): Promise<void> {
    const opts = await deleteOptions(req, q);
    const sel = selectors(q, t);
    const page = listPage(this.#store, t, {
      namespace: namespace || undefined,
      labelSelector: sel.label,
      fieldSelector: sel.field,
      limit: 0,
      continueToken: undefined,
    });
    const deleted: StoredEntry[] = [];
    for (const e of page.items) {
      const m = e.obj.metadata;
      if (!this.#store.getEntry(t, m.namespace, m.name ?? '')) continue; // already gone with its owner
      deleted.push(this.#store.deleteTyped(t, m.namespace, m.name ?? '', { ...opts, preconditions: undefined }));
    }
    await writeList(
      res,
      t,
      { items: deleted, resourceVersion: this.#store.resourceVersion() },
      false,
      'application/json',
    );
  }
}

export type { HandlerResult };
