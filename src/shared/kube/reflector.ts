import type { Logger } from '../logging/logger.ts';
import type { ListOptions, WatchOptions } from './api-client.ts';
import { ApiError, statusCodeOf } from './api-error.ts';
import { Backoff, type BackoffOptions, type Clock, realClock } from './backoff.ts';
import type { KubeList, KubeObject, WatchEvent } from './object.ts';
import type { ReflectorStore } from './reflector-cache.ts';

export type { ReflectorStore } from './reflector-cache.ts';

/** The two calls a reflector needs; `KubeApiClient` provides them, tests may fake them. */
export interface ListerWatcher {
  list(path: string, options: ListOptions): Promise<KubeList>;
  openWatch(path: string, options: WatchOptions): Promise<AsyncIterable<WatchEvent>>;
}

export type CallResult = 'success' | 'error';

export interface ReflectorOptions {
  client: ListerWatcher;
  /** Collection path, e.g. `/api/v1/pods` or `/apis/apps/v1/namespaces/ns/deployments`. */
  path: string;
  store: ReflectorStore;
  /** Name for logs (e.g. `*v1.Pod`); defaults to the path. */
  resource?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Items per LIST page (client-go's pager uses 500); 0 lists in one response. */
  pageSize?: number;
  /** LIST with `resourceVersion=0`, served from the API server's watch cache (KSM `--use-apiserver-cache`). */
  useApiserverCache?: boolean;
  /**
   * Objects for which this returns false are kept out of the store (KSM sharding); a modification
   * that makes a stored object fail it is delivered as a delete.
   */
  filter?: (obj: KubeObject) => boolean;
  /** Called once per LIST attempt (a paged list counts once). */
  onList?: (result: CallResult) => void;
  /** Called once per WATCH request: success when the server accepted it. */
  onWatch?: (result: CallResult) => void;
  logger?: Logger;
  clock?: Clock;
  random?: () => number;
  backoff?: Omit<BackoffOptions, 'clock' | 'random'>;
  /** Watches last between min and 2 x min seconds, jittered so reflectors do not reconnect together. */
  minWatchTimeoutSeconds?: number;
}

/**
 * Keeps a store in step with one collection: paged LIST, then WATCH from the list's
 * resourceVersion with bookmarks; resumes from the last seen version when a watch ends, relists
 * on 410 Gone, and retries everything else with jittered exponential backoff. Never gives up.
 */
export class Reflector {
  readonly #o: ReflectorOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #backoff: Backoff;
  readonly #abort = new AbortController();
  #synced = false;
  #started = false;
  #syncWaiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  #resourceVersion = '';
  #loop: Promise<void> | undefined;

  constructor(options: ReflectorOptions) {
    this.#o = options;
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? Math.random;
    this.#backoff = new Backoff({ ...options.backoff, clock: this.#clock, random: this.#random });
  }

  /** The last resourceVersion seen (list, event or bookmark). */
  get resourceVersion(): string {
    return this.#resourceVersion;
  }

  hasSynced(): boolean {
    return this.#synced;
  }

  /** Resolves after the first complete LIST reached the store; rejects if stopped before that. */
  whenSynced(): Promise<void> {
    if (this.#synced) return Promise.resolve();
    if (this.#abort.signal.aborted) return Promise.reject(new Error(`reflector for ${this.#name} stopped`));
    return new Promise((resolve, reject) => this.#syncWaiters.push({ resolve, reject }));
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#loop = this.#run();
  }

  /** Stops listing and watching; resolves when the loop has exited. */
  async stop(): Promise<void> {
    this.#abort.abort();
    for (const w of this.#syncWaiters.splice(0)) w.reject(new Error(`reflector for ${this.#name} stopped`));
    await this.#loop;
  }

  get #name(): string {
    return this.#o.resource ?? this.#o.path;
  }

  get #signal(): AbortSignal {
    return this.#abort.signal;
  }

  async #run(): Promise<void> {
    let needList = true;
    while (!this.#signal.aborted) {
      if (needList) {
        try {
          await this.#list();
          needList = false;
        } catch (err) {
          if (this.#signal.aborted) return;
          this.#o.onList?.('error');
          await this.#retryAfter('Failed to list', err);
          continue;
        }
      }
      try {
        needList = await this.#watch();
      } catch (err) {
        if (this.#signal.aborted) return;
        if (err instanceof ApiError && err.isGone) {
          this.#o.logger?.v(2, 'Watch expired, relisting', { resource: this.#name, err });
          needList = true;
          continue;
        }
        await this.#retryAfter('Failed to watch', err);
      }
    }
  }

  async #retryAfter(what: string, err: unknown): Promise<void> {
    const delay = this.#backoff.next();
    this.#o.logger?.error(what, { resource: this.#name, err: errText(err), retryIn: `${delay}ms` });
    await this.#clock.sleep(delay, this.#signal);
  }

  /**
   * One (re)list. Stores that take a relist page by page get each page as it arrives, and the
   * next page is already requested while the current one is applied, so the API server's work
   * overlaps ours and no more than two pages of raw objects are alive at a time.
   */
  async #list(): Promise<void> {
    const o = this.#o;
    const pageSize = o.useApiserverCache ? 0 : (o.pageSize ?? 500);
    const session = o.store.beginReplace?.();
    const items: KubeObject[] = [];
    let count = 0;
    let resourceVersion = '';
    let paged = pageSize > 0;
    const request = (cont: string | undefined): Promise<KubeList> =>
      o.client.list(o.path, {
        ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}),
        ...(o.fieldSelector ? { fieldSelector: o.fieldSelector } : {}),
        ...(paged ? { limit: pageSize } : {}),
        ...(cont ? { continue: cont } : {}),
        ...(o.useApiserverCache ? { resourceVersion: '0' } : {}),
        signal: this.#signal,
      });
    let cont: string | undefined;
    let pending = request(undefined);
    for (;;) {
      let page: KubeList;
      try {
        page = await pending;
      } catch (err) {
        // An expired continue token: like client-go's pager, fall back to one unpaged list.
        if (cont && err instanceof ApiError && err.isGone) {
          items.length = 0;
          count = 0;
          session?.restart();
          cont = undefined;
          paged = false;
          pending = request(undefined);
          continue;
        }
        throw err;
      }
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      cont = page.metadata?.continue || undefined;
      const more = cont !== undefined && paged;
      if (more) {
        pending = request(cont);
        // Handled when awaited; this only keeps an early failure from counting as unhandled.
        pending.catch(() => {});
      }
      for (const obj of page.items) {
        if (!isObject(obj) || (o.filter && !o.filter(obj))) continue;
        count++;
        if (session) session.add(obj);
        else items.push(obj);
      }
      if (!more) break;
      if (this.#signal.aborted) return;
    }
    if (this.#signal.aborted) return;
    o.onList?.('success');
    this.#resourceVersion = resourceVersion;
    if (session) session.commit(resourceVersion);
    else o.store.replace(items, resourceVersion);
    this.#backoff.reset();
    if (!this.#synced) {
      this.#synced = true;
      o.logger?.v(2, 'Caches populated', { resource: this.#name, objects: count, resourceVersion });
      for (const w of this.#syncWaiters.splice(0)) w.resolve();
    }
  }

  /** Runs one watch to its end; returns true when a relist is needed. */
  async #watch(): Promise<boolean> {
    const o = this.#o;
    const min = o.minWatchTimeoutSeconds ?? 300;
    const timeoutSeconds = Math.floor(min * (1 + this.#random()));
    const started = this.#clock.now();
    let stream: AsyncIterable<WatchEvent>;
    try {
      stream = await o.client.openWatch(o.path, {
        resourceVersion: this.#resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds,
        ...(o.labelSelector ? { labelSelector: o.labelSelector } : {}),
        ...(o.fieldSelector ? { fieldSelector: o.fieldSelector } : {}),
        signal: this.#signal,
      });
    } catch (err) {
      if (!this.#signal.aborted) o.onWatch?.('error');
      throw err;
    }
    o.onWatch?.('success');
    let events = 0;
    for await (const event of stream) {
      if (this.#signal.aborted) return false;
      events++;
      if (this.#handle(event)) return true;
    }
    // A server that closes watches at once would otherwise be hammered in a tight loop.
    if (events === 0 && this.#clock.now() - started < 1000 && !this.#signal.aborted) {
      await this.#clock.sleep(this.#backoff.next(), this.#signal);
    } else {
      this.#backoff.reset();
    }
    return false;
  }

  /** Applies one event; returns true when it demands a relist. */
  #handle(event: WatchEvent): boolean {
    const o = this.#o;
    if (event.type === 'ERROR') {
      const code = statusCodeOf(event.object);
      const message = (event.object as { message?: unknown }).message;
      if (code === 410) {
        o.logger?.v(2, 'Watch expired, relisting', { resource: this.#name, message });
        return true;
      }
      throw new ApiError({
        statusCode: code ?? 0,
        method: 'WATCH',
        url: o.path,
        message: `watch error event: ${typeof message === 'string' ? message : JSON.stringify(event.object)}`,
      });
    }
    const obj = event.object;
    if (!isObject(obj)) return false;
    const rv = obj.metadata.resourceVersion;
    if (event.type === 'BOOKMARK') {
      if (rv) this.#resourceVersion = rv;
      return false;
    }
    if (!o.filter || o.filter(obj)) {
      if (event.type === 'ADDED') o.store.add(obj);
      else if (event.type === 'MODIFIED') o.store.update(obj);
      else o.store.delete(obj);
    } else if (event.type === 'MODIFIED') {
      // The filter decides membership: an object that stopped passing it must leave the store
      // (stores ignore deletes of objects they never held).
      o.store.delete(obj);
    }
    if (rv) this.#resourceVersion = rv;
    return false;
  }
}

function isObject(obj: unknown): obj is KubeObject {
  return (
    !!obj &&
    typeof obj === 'object' &&
    !!(obj as KubeObject).metadata &&
    typeof (obj as KubeObject).metadata === 'object'
  );
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
