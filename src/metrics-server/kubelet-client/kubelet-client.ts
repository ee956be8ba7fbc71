import { createSecureContext, type TLSSocket } from 'node:tls';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { ClientConfig } from '../../shared/kube/kubeconfig.ts';
import type { KubeObject } from '../../shared/kube/object.ts';
import { CertificateError, KubeletError, statusText, transportMessage, verifyPeer } from './kubelet-error.ts';
import { DEFAULT_PREFERRED_ADDRESS_TYPES, type KubeletTarget, kubeletTarget } from './node-address.ts';

export { KubeletError } from './kubelet-error.ts';

/** One scrape's raw answer. */
export interface KubeletResponse {
  body: Buffer;
  /** When the request was sent, ms since epoch: the sample time for series without a timestamp. */
  requestTime: number;
  url: string;
}

/** The seam the scraper uses; tests and benchmarks substitute their own. */
export interface KubeletMetricsGetter {
  getMetrics(node: KubeObject, signal?: AbortSignal): Promise<KubeletResponse>;
}

export interface KubeletTlsOptions {
  /** PEM bundle the kubelet serving certs must chain to; system roots when absent. */
  ca?: string;
  /** PEM client certificate and key presented to the kubelet. */
  cert?: string;
  key?: string;
  /** `--kubelet-insecure-tls`: no serving-cert verification at all. */
  insecureSkipVerify: boolean;
}

export interface KubeletClientOptions {
  /** `http` only with `--deprecated-kubelet-completely-insecure`. */
  scheme?: 'https' | 'http';
  preferredAddressTypes?: readonly string[];
  /** `--kubelet-port`, default 10250. */
  defaultPort?: number;
  useNodeStatusPort?: boolean;
  tls: KubeletTlsOptions;
  /** `Authorization` header source (the service account token); none for anonymous. */
  authHeader?: () => Promise<string | undefined>;
  /** `--kubelet-request-timeout`, ms: bounds the whole request, headers and body. */
  requestTimeoutMs: number;
  /**
   * Idle connection lifetime, ms (default 75 s): above the metric resolution so ticks reuse
   * connections, below the kubelet's own 90 s idle timeout so we never send on a connection the
   * kubelet is closing.
   */
  keepAliveTimeoutMs?: number;
  /** Cap on a response body, bytes (default 10 MiB; a 110-pod node sends ~100 KiB). */
  maxResponseBytes?: number;
  userAgent?: string;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * metrics-server's kubelet client on undici: one keep-alive connection per kubelet, TLS checked
 * in Go's order, errors in Go's words. Any failure is a `KubeletError` naming node and URL.
 */
export class KubeletClient implements KubeletMetricsGetter {
  readonly #agent: Agent;
  readonly #scheme: 'https' | 'http';
  readonly #preferred: readonly string[];
  readonly #port: number;
  readonly #useNodeStatusPort: boolean;
  readonly #auth: (() => Promise<string | undefined>) | undefined;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #userAgent: string;

  constructor(options: KubeletClientOptions) {
    if (!(options.requestTimeoutMs > 0)) throw new Error('kubelet-request-timeout should be positive');
    const port = options.defaultPort ?? 10250;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`kubelet-port ${port} is not a valid port`);
    const max = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (!Number.isInteger(max) || max < 1) throw new Error(`maxResponseBytes must be a positive integer, got ${max}`);
    const types = options.preferredAddressTypes ?? DEFAULT_PREFERRED_ADDRESS_TYPES;
    if (types.length === 0) throw new Error('kubelet-preferred-address-types must not be empty');
    this.#scheme = options.scheme ?? 'https';
    this.#preferred = types;
    this.#port = port;
    this.#useNodeStatusPort = options.useNodeStatusPort ?? false;
    this.#auth = options.authHeader;
    this.#timeoutMs = options.requestTimeoutMs;
    this.#maxBytes = max;
    this.#userAgent = options.userAgent ?? 'metrics-server';
    const keepAlive = options.keepAliveTimeoutMs ?? 75_000;
    this.#agent = new Agent({
      connections: 1,
      pipelining: 1,
      keepAliveTimeout: keepAlive,
      keepAliveMaxTimeout: keepAlive,
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
      connect: kubeletConnector(options.tls, this.#timeoutMs),
    });
  }

  async getMetrics(node: KubeObject, signal?: AbortSignal): Promise<KubeletResponse> {
    const name = node.metadata?.name ?? '';
    let target: KubeletTarget;
    try {
      target = kubeletTarget(node, {
        scheme: this.#scheme,
        preferredAddressTypes: this.#preferred,
        defaultPort: this.#port,
        useNodeStatusPort: this.#useNodeStatusPort,
      });
    } catch (err) {
      throw new KubeletError({ node: name, failure: 'address', message: (err as Error).message }, { cause: err });
    }
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const headers: Record<string, string> = { 'user-agent': this.#userAgent };
    // Never send credentials over plain HTTP (upstream makes the insecure config anonymous).
    if (this.#auth && this.#scheme === 'https') {
      const auth = await this.#auth();
      if (auth) headers.authorization = auth;
    }
    const requestTime = Date.now();
    let res: Dispatcher.ResponseData;
    try {
      res = await untilAborted(
        this.#agent.request({
          origin: `${this.#scheme}://${target.hostPort}`,
          path: target.path,
          method: 'GET',
          headers,
          signal: combined,
        }),
        combined,
      );
    } catch (err) {
      throw this.#transportError(err, name, target, deadline, signal);
    }
    if (res.statusCode !== 200) {
      discard(res.body);
      throw new KubeletError({
        node: name,
        url: target.url,
        failure: 'status',
        statusCode: res.statusCode,
        message: `request failed, status: "${statusText(res.statusCode, res.statusText)}"`,
      });
    }
    const body = await this.#readBody(res, name, target, deadline, signal);
    return { body, requestTime, url: target.url };
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #readBody(
    res: Dispatcher.ResponseData,
    node: string,
    target: KubeletTarget,
    deadline: AbortSignal,
    signal: AbortSignal | undefined,
  ): Promise<Buffer> {
    const tooLarge = () =>
      new KubeletError({
        node,
        url: target.url,
        failure: 'too-large',
        message: `failed to read response body - response exceeds the ${formatBytes(this.#maxBytes)} limit on kubelet responses`,
      });
    const declared = Number(res.headers['content-length']);
    if (declared > this.#maxBytes) {
      discard(res.body);
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > this.#maxBytes) {
          discard(res.body);
          throw tooLarge();
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof KubeletError) throw err;
      const reason = this.#transportError(err, node, target, deadline, signal);
      throw new KubeletError(
        {
          node,
          url: target.url,
          failure: reason.failure === 'connect' ? 'read' : reason.failure,
          message: `failed to read response body - ${stripGet(reason.message, target.url)}`,
        },
        { cause: err },
      );
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  }

  #transportError(
    err: unknown,
    node: string,
    target: KubeletTarget,
    deadline: AbortSignal,
    signal: AbortSignal | undefined,
  ): KubeletError {
    const e = err as Error & { code?: string };
    const get = (reason: string) => `Get ${JSON.stringify(target.url)}: ${reason}`;
    let failure: KubeletError['failure'];
    let reason: string;
    const tickTimedOut = signal?.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
    if (
      deadline.aborted ||
      tickTimedOut ||
      e?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
      e?.code === 'UND_ERR_BODY_TIMEOUT'
    ) {
      failure = 'timeout';
      reason = 'context deadline exceeded';
    } else if (signal?.aborted) {
      failure = 'canceled';
      reason = 'context canceled';
    } else if (e instanceof CertificateError) {
      failure = 'tls';
      reason = e.message;
    } else {
      failure = 'connect';
      reason = transportMessage(e, target.hostPort, target.host);
    }
    return new KubeletError({ node, url: target.url, failure, message: get(reason) }, { cause: err });
  }
}

/**
 * A connector that verifies the kubelet's certificate itself (see `verifyPeer`) instead of
 * letting Node reject it, so the error reads like Go's.
 */
function kubeletConnector(tls: KubeletTlsOptions, timeoutMs: number): buildConnector.connector {
  // One context for every kubelet: building it per connection (what passing ca/cert/key does)
  // re-parses the PEMs on each handshake, the largest CPU cost of a cold tick.
  let secureContext: ReturnType<typeof createSecureContext>;
  try {
    secureContext = createSecureContext({
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.cert ? { cert: tls.cert } : {}),
      ...(tls.key ? { key: tls.key } : {}),
    });
  } catch (err) {
    throw new Error(
      `unable to use the kubelet TLS material (CA, client certificate or key): ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const base = buildConnector({
    secureContext,
    rejectUnauthorized: false,
    timeout: Math.min(timeoutMs, 30_000),
    // No TLS session resumption: a resumed session carries no peer certificate, so the host name
    // could not be checked again, and a session cached from a connection we then rejected would be
    // accepted on the next one. Connections live across ticks, so full handshakes are rare.
    maxCachedSessions: 0,
  });
  if (tls.insecureSkipVerify) return base;
  return (opts, callback) => {
    base(opts, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error('no socket'), null);
        return;
      }
      if (opts.protocol !== 'https:') {
        callback(null, socket);
        return;
      }
      const s = socket as TLSSocket;
      const host = opts.hostname.replace(/^\[|\]$/g, '');
      const cert = s.getPeerX509Certificate();
      const failure = cert
        ? verifyPeer(host, cert, s.authorizationError?.toString())
        : new CertificateError('tls: failed to verify certificate: no peer certificate');
      if (failure) {
        s.destroy();
        callback(failure, null);
        return;
      }
      callback(null, s);
    });
  };
}

/**
 * `request`, but rejecting as soon as `signal` aborts. undici only acts on an abort once the
 * request has a connection: one still waiting for its TCP or TLS handshake (a kubelet that accepts
 * but never answers, or an overloaded one) would hold its node, and with it the tick, until the
 * connect timeout. A response that arrives after the abort is dropped.
 */
function untilAborted(
  request: Promise<Dispatcher.ResponseData>,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  if (signal.aborted) {
    request.then(
      (late) => discard(late.body),
      () => {},
    );
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.then(
      (res) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) discard(res.body);
        else {
          settled = true;
          resolve(res);
        }
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          reject(err);
        }
      },
    );
  });
}

/**
 * Drops a body we will not read. The request's abort signal may still fire afterwards and error
 * the stream; with no listener that would be an uncaught exception.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function stripGet(message: string, url: string): string {
  const prefix = `Get ${JSON.stringify(url)}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function formatBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * Applies the kubelet flags to the API server's credentials as upstream does: insecure drops the
 * CA, a CA file replaces it, a client cert/key pair replaces the kubeconfig's; the bearer token
 * is reused (the kubelet authorizes `get nodes/metrics` for it).
 */
export function kubeletTlsFrom(
  config: Pick<ClientConfig, 'ca' | 'cert' | 'key'>,
  flags: { insecureTls?: boolean; caPem?: string; clientCertPem?: string; clientKeyPem?: string },
): KubeletTlsOptions {
  const tls: KubeletTlsOptions = { insecureSkipVerify: !!flags.insecureTls };
  const ca = flags.insecureTls ? undefined : (flags.caPem ?? config.ca);
  if (ca) tls.ca = ca;
  const pair =
    flags.clientCertPem && flags.clientKeyPem ? { cert: flags.clientCertPem, key: flags.clientKeyPem } : config;
  if (pair.cert && pair.key) {
    tls.cert = pair.cert;
    tls.key = pair.key;
  }
  return tls;
}
