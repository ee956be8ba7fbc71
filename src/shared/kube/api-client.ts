import { Agent, type Dispatcher } from 'undici';
import type { Logger } from '../logging/logger.ts';
import { ApiError, parseStatus } from './api-error.ts';
import type { ClientConfig } from './kubeconfig.ts';
import type { KubeList, KubeObject, WatchEvent, WatchEventType } from './object.ts';

export { ApiError } from './api-error.ts';

export interface KubeApiClientOptions {
  config: ClientConfig;
  /** `User-Agent` header, e.g. `kube-state-metrics/v2.20.0 (linux/amd64) kubernetes/abcdef0`. */
  userAgent?: string;
  /** Time to wait for response headers and between body chunks of non-watch requests, ms. */
  requestTimeoutMs?: number;
  /** Longest watch line accepted, characters (default 64 Mi; etcd objects are at most ~1.5 MB). */
  maxWatchLineChars?: number;
  /** Silence tolerated on a watch beyond its `timeoutSeconds` before the connection counts as dead, ms. */
  watchGraceMs?: number;
  logger?: Logger;
}

export interface RequestOptions {
  signal?: AbortSignal;
  accept?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  /** `0` lets the API server answer from its watch cache (KSM `--use-apiserver-cache`). */
  resourceVersion?: string;
  signal?: AbortSignal;
}

export interface WatchOptions {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  /** Server-side watch duration, s. The body timeout is derived from it to notice dead connections. */
  timeoutSeconds?: number;
  labelSelector?: string;
  fieldSelector?: string;
  signal?: AbortSignal;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** For PATCH: `application/merge-patch+json` (default), `application/strategic-merge-patch+json`, ... */
  contentType?: string;
}

const WATCH_EVENT_TYPES = new Set<WatchEventType>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);
/** Extra time past `timeoutSeconds` before an idle watch is declared dead. */
const WATCH_GRACE_MS = 30_000;
/** An API error body is only read this far: it is a Status, never a payload. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * A JSON client for the Kubernetes API on one keep-alive undici Agent. Objects stay raw parsed
 * JSON. Unlike client-node 1.4 it reuses connections across watches and never drops a failed watch
 * line silently: failures are counted in `watchParseErrors` and logged.
 */
export class KubeApiClient {
  readonly server: string;
  /** Watch lines that were not valid JSON or not a watch event. */
  watchParseErrors = 0;
  readonly #config: ClientConfig;
  readonly #agent: Agent;
  readonly #userAgent: string;
  readonly #timeoutMs: number;
  readonly #watchGraceMs: number;
  readonly #maxWatchLine: number;
  readonly #log: Logger | undefined;

  constructor(options: KubeApiClientOptions) {
    const { config } = options;
    let origin: URL;
    try {
      origin = new URL(config.server);
    } catch {
      throw new Error(`invalid API server URL ${JSON.stringify(config.server)}`);
    }
    if (origin.protocol !== 'https:' && origin.protocol !== 'http:') {
      throw new Error(`API server URL ${config.server} must use http or https`);
    }
    this.server = config.server.replace(/\/+$/, '');
    this.#config = config;
    this.#userAgent = options.userAgent ?? 'kube-metrics';
    this.#timeoutMs = options.requestTimeoutMs ?? 60_000;
    this.#watchGraceMs = options.watchGraceMs ?? WATCH_GRACE_MS;
    this.#maxWatchLine = options.maxWatchLineChars ?? 64 * 1024 * 1024;
    this.#log = options.logger;
    this.#agent = new Agent({
      connect: {
        ...(config.ca ? { ca: config.ca } : {}),
        ...(config.cert ? { cert: config.cert } : {}),
        ...(config.key ? { key: config.key } : {}),
        ...(config.servername ? { servername: config.servername } : {}),
        rejectUnauthorized: config.rejectUnauthorized,
      },
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
    });
  }

  async getJSON<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.#json<T>('GET', path, undefined, options.signal, options.accept);
  }

  async list<T extends KubeObject = KubeObject>(path: string, options: ListOptions = {}): Promise<KubeList<T>> {
    const query: Record<string, string | undefined> = {
      labelSelector: options.labelSelector || undefined,
      fieldSelector: options.fieldSelector || undefined,
      limit: options.limit ? String(options.limit) : undefined,
      continue: options.continue || undefined,
      resourceVersion: options.resourceVersion,
    };
    const list = await this.#json<KubeList<T>>('GET', withQuery(path, query), undefined, options.signal);
    if (!list || typeof list !== 'object' || !Array.isArray(list.items)) {
      throw new ApiError({
        statusCode: 200,
        method: 'GET',
        url: this.server + path,
        message: 'response is not a list',
      });
    }
    list.metadata ??= {};
    return list;
  }

  /**
   * Streams watch events. Ends when the server closes the stream; throws `ApiError` for an HTTP
   * error answer (410 included) or a broken connection. Lines that are not events are skipped.
   */
  async *watch(path: string, options: WatchOptions = {}): AsyncGenerator<WatchEvent> {
    yield* await this.openWatch(path, options);
  }

  /**
   * Like `watch`, but resolves once the server has accepted the watch (headers received), so
   * callers can count opened watches separately from streams that break later.
   */
  async openWatch(path: string, options: WatchOptions = {}): Promise<AsyncGenerator<WatchEvent>> {
    const query: Record<string, string | undefined> = {
      watch: 'true',
      resourceVersion: options.resourceVersion || undefined,
      allowWatchBookmarks: options.allowWatchBookmarks ? 'true' : undefined,
      timeoutSeconds: options.timeoutSeconds !== undefined ? String(options.timeoutSeconds) : undefined,
      labelSelector: options.labelSelector || undefined,
      fieldSelector: options.fieldSelector || undefined,
    };
    const fullPath = withQuery(path, query);
    const idleMs = (options.timeoutSeconds ?? 1800) * 1000 + this.#watchGraceMs;
    const res = await this.#send('GET', fullPath, undefined, options.signal, 'application/json', undefined, idleMs);
    const url = this.server + fullPath;
    if (res.statusCode !== 200) throw await this.#errorFrom(res, 'GET', url);
    return this.#events(res, url, options.signal);
  }

  async *#events(
    res: Dispatcher.ResponseData,
    url: string,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<WatchEvent> {
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        // Only the new text can hold a newline: a large object spread over many chunks is scanned once.
        const scanFrom = pending.length;
        pending += decoder.decode(chunk, { stream: true });
        let start = 0;
        let nl = pending.indexOf('\n', scanFrom);
        while (nl !== -1) {
          const event = this.#parseEvent(pending.slice(start, nl), url);
          if (event) yield event;
          start = nl + 1;
          nl = pending.indexOf('\n', start);
        }
        pending = pending.slice(start);
        if (pending.length > this.#maxWatchLine) {
          throw new ApiError({
            statusCode: 0,
            method: 'GET',
            url,
            message: `watch event larger than ${this.#maxWatchLine} characters without a line end`,
          });
        }
      }
    } catch (err) {
      if (signal?.aborted) return;
      throw transportError(err, 'GET', url);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
    const last = this.#parseEvent(pending + decoder.decode(), url);
    if (last) yield last;
  }

  async post<T = unknown>(path: string, body: unknown, options: WriteOptions = {}): Promise<T> {
    return this.#json<T>('POST', path, body, options.signal, undefined, options.contentType);
  }

  async put<T = unknown>(path: string, body: unknown, options: WriteOptions = {}): Promise<T> {
    return this.#json<T>('PUT', path, body, options.signal, undefined, options.contentType);
  }

  async patch<T = unknown>(path: string, body: unknown, options: WriteOptions = {}): Promise<T> {
    return this.#json<T>(
      'PATCH',
      path,
      body,
      options.signal,
      undefined,
      options.contentType ?? 'application/merge-patch+json',
    );
  }

  async delete<T = unknown>(path: string, options: WriteOptions = {}): Promise<T> {
    return this.#json<T>('DELETE', path, undefined, options.signal);
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  #parseEvent(line: string, url: string): WatchEvent | undefined {
    if (line.trim() === '') return undefined;
    try {
      const event = JSON.parse(line) as WatchEvent;
      if (event && WATCH_EVENT_TYPES.has(event.type) && event.object && typeof event.object === 'object') return event;
      throw new Error(`not a watch event: type ${JSON.stringify(event?.type)}`);
    } catch (err) {
      this.watchParseErrors++;
      this.#log?.error('Unable to decode watch event', { url, err, line: line.slice(0, 200) });
      return undefined;
    }
  }

  async #json<T>(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    accept = 'application/json',
    contentType = 'application/json',
  ): Promise<T> {
    const url = this.server + path;
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const res = await this.#send(method, path, payload, signal, accept, payload ? contentType : undefined);
    if (res.statusCode < 200 || res.statusCode >= 300) throw await this.#errorFrom(res, method, url);
    let text: string;
    try {
      text = await res.body.text();
    } catch (err) {
      throw transportError(err, method, url);
    }
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new ApiError(
        { statusCode: res.statusCode, method, url, message: `invalid JSON in response: ${(err as Error).message}` },
        { cause: err },
      );
    }
  }

  async #send(
    method: string,
    path: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
    accept: string,
    contentType?: string,
    bodyTimeoutMs?: number,
  ): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { accept, 'user-agent': this.#userAgent };
    const auth = await this.#config.authHeader();
    if (auth) headers.authorization = auth;
    if (contentType) headers['content-type'] = contentType;
    try {
      return await this.#agent.request({
        origin: this.server,
        path,
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        signal,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: bodyTimeoutMs ?? this.#timeoutMs,
      });
    } catch (err) {
      throw transportError(err, method, this.server + path);
    }
  }

  async #errorFrom(res: Dispatcher.ResponseData, method: string, url: string): Promise<ApiError> {
    let text = '';
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        text += chunk.toString('utf8');
        if (text.length > MAX_ERROR_BODY) break;
      }
    } catch {
      // the status code alone is enough to report
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
    const status = parseStatus(text);
    const message = status?.message ?? (text.trim().slice(0, 500) || 'no response body');
    return new ApiError({ statusCode: res.statusCode, method, url, message, ...(status ? { status } : {}) });
  }
}

function transportError(err: unknown, method: string, url: string): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as Error & { code?: string };
  const message = e?.code ? `${e.message} (${e.code})` : String(e?.message ?? err);
  return new ApiError({ statusCode: 0, method, url, message }, { cause: err });
}

/** Appends query parameters to a path that may already carry some. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const qs = params.toString();
  if (!qs) return path;
  return path + (path.includes('?') ? '&' : '?') + qs;
}
