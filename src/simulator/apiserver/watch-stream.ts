/**
 * One watch connection: optional initial ADDED events, replay from a resourceVersion out of the
 * store's history, then live changes filtered by namespace and selectors, as newline-delimited
 * JSON events. An object that stops matching the selectors is sent as DELETED and one that starts
 * matching as ADDED, like the apiserver's watch cache. A slow reader whose buffer exceeds the
 * bound is disconnected (the client re-watches) instead of buffering without limit.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject, WatchEventType } from '../../shared/kube/object.ts';
import { type FieldSelector, type LabelSelector, matchFields, matchLabels } from '../../shared/kube/selectors.ts';
import { statusFailure } from './errors.ts';
import type { ObjectStore } from './object-store.ts';
import { storageKey } from './resource-registry.ts';
import { groupVersion, type ResourceType } from './resource-types.ts';
import type { HistoryEvent, StoredEntry } from './store-history.ts';

/** Turns one event into the JSON text of its `object` (the representation negotiated). */
export type WatchEncoder = (type: WatchEventType, entry: StoredEntry) => string;

export interface WatchParams {
  store: ObjectStore;
  type: ResourceType;
  /** Only this namespace (undefined = all). */
  namespace: string | undefined;
  labelSelector: LabelSelector;
  fieldSelector: FieldSelector;
  /** Resume after this resourceVersion; undefined (or `0`) = synthetic ADDED for current objects first. */
  fromRv: number | undefined;
  /** For `sendInitialEvents=true`: end the initial events with an `initial-events-end` bookmark. */
  initialEventsEndBookmark: boolean;
  allowBookmarks: boolean;
  /** Interval between bookmarks, ms. */
  bookmarkIntervalMs: number;
  /** Close the stream after this long, ms (`timeoutSeconds`); 0 = never. */
  timeoutMs: number;
  /** Bytes a connection may have pending before it is closed. */
  maxBufferedBytes: number;
  encode: WatchEncoder;
  /**
   * Kind and apiVersion of BOOKMARK objects when events are not the type itself: a metadata-only
   * watch gets `PartialObjectMetadata` bookmarks, as kube-apiserver converts every event object
   * (client-go's metadata informer cannot decode a bookmark of the full kind).
   */
  bookmarkKind?: { kind: string; apiVersion: string };
  onClose: () => void;
}

export class WatchStream {
  readonly #p: WatchParams;
  readonly #res: ServerResponse;
  #initial: Iterator<StoredEntry> | undefined;
  #queue: string[] = [];
  #queuedBytes = 0;
  #closed = false;
  #unsubscribe: () => void = () => {};
  #timers: NodeJS.Timeout[] = [];

  constructor(res: ServerResponse, params: WatchParams) {
    this.#p = params;
    this.#res = res;
  }

  /** Writes the headers and starts streaming. Everything up to the current RV is sent before live events. */
  start(): void {
    const p = this.#p;
    const res = this.#res;
    res.on('close', () => this.close());
    res.statusCode = 200;
    res.setHeader('Transfer-Encoding', 'chunked');
    res.setHeader('Cache-Control', 'no-cache, private');
    res.flushHeaders();
    const history = p.store.history;
    if (p.fromRv !== undefined && p.fromRv < history.compactedRv) {
      const status = statusFailure(410, 'Expired', `too old resource version: ${p.fromRv} (${history.compactedRv})`);
      res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
      this.close();
      return;
    }
    if (p.fromRv === undefined) {
      this.#initial = p.store.sorted(p.type, p.type.namespaced ? p.namespace : undefined)[Symbol.iterator]();
      if (p.initialEventsEndBookmark) this.#queueLine(this.#bookmarkLine(true));
    } else {
      for (const e of history.since(p.fromRv)) if (e.storage === storageKey(p.type)) this.#onEvent(e);
    }
    this.#unsubscribe = p.store.onEvent(storageKey(p.type), (e) => this.#onEvent(e));
    if (p.timeoutMs > 0) this.#timers.push(setTimeout(() => this.close(), p.timeoutMs).unref());
    if (p.allowBookmarks && p.bookmarkIntervalMs > 0) {
      this.#timers.push(setInterval(() => this.sendBookmark(), p.bookmarkIntervalMs).unref());
    }
    this.#pump();
  }

  #matches(obj: KubeObject): boolean {
    const p = this.#p;
    if (p.namespace !== undefined && p.type.namespaced && obj.metadata.namespace !== p.namespace) return false;
    return matchLabels(p.labelSelector, obj.metadata.labels) && matchFields(p.fieldSelector, obj);
  }

  #onEvent(e: HistoryEvent): void {
    if (this.#closed) return;
    let type: WatchEventType | undefined;
    if (e.type === 'ADDED') {
      if (this.#matches(e.entry.obj)) type = 'ADDED';
    } else if (e.type === 'DELETED') {
      if (this.#matches((e.prev ?? e.entry).obj)) type = 'DELETED';
    } else {
      const now = this.#matches(e.entry.obj);
      const before = e.prev ? this.#matches(e.prev.obj) : false;
      type = now ? (before ? 'MODIFIED' : 'ADDED') : before ? 'DELETED' : undefined;
    }
    if (type) this.#queueLine(this.#line(type, e.entry));
  }

  #line(type: WatchEventType, entry: StoredEntry): string {
    return `{"type":"${type}","object":${this.#p.encode(type, entry)}}\n`;
  }

  #bookmarkLine(initialEnd: boolean): string {
    const t = this.#p.type;
    const metadata: Record<string, unknown> = { resourceVersion: this.#p.store.resourceVersion() };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    const { kind, apiVersion } = this.#p.bookmarkKind ?? { kind: t.kind, apiVersion: groupVersion(t) };
    return `{"type":"BOOKMARK","object":${JSON.stringify({ kind, apiVersion, metadata })}}\n`;
  }

  /** Sends a BOOKMARK at the current resourceVersion if the client allowed bookmarks. */
  sendBookmark(): void {
    if (this.#p.allowBookmarks && !this.#closed) this.#queueLine(this.#bookmarkLine(false));
  }

  #queueLine(line: string): void {
    if (this.#closed) return;
    if (this.#initial || this.#queue.length > 0) {
      this.#queue.push(line);
      this.#queuedBytes += line.length;
      if (this.#queuedBytes > this.#p.maxBufferedBytes) this.close();
      return;
    }
    this.#res.write(line);
    if (this.#res.writableLength > this.#p.maxBufferedBytes) this.close();
  }

  /** Streams initial events and queued lines, yielding to the socket when its buffer is full. */
  #pump(): void {
    const res = this.#res;
    while (!this.#closed) {
      let line: string | undefined;
      if (this.#initial) {
        const next = this.#initial.next();
        if (next.done) {
          this.#initial = undefined;
          continue;
        }
        if (!this.#matches(next.value.obj)) continue;
        line = this.#line('ADDED', next.value);
      } else {
        line = this.#queue.shift();
        if (line === undefined) return;
        this.#queuedBytes -= line.length;
      }
      if (!res.write(line)) {
        res.once('drain', () => this.#pump());
        return;
      }
    }
  }

  /** Ends the stream cleanly (the client sees a normal end and re-watches). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    for (const t of this.#timers) clearTimeout(t);
    this.#queue = [];
    this.#initial = undefined;
    if (!this.#res.writableEnded) this.#res.end();
    this.#p.onClose();
  }
}
