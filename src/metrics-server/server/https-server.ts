/**
 * The HTTPS front of metrics-server: TLS with optional client certificates, authentication,
 * authorization, an in-flight limit, then health, `/metrics`, `/version` and the metrics API.
 * Requests that fail authentication or authorization get a Status and reach nothing else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureContextOptions, SecureVersion, TlsOptions } from 'node:tls';
import type { Registry } from 'prom-client';
import type { Status } from '../../shared/kube/object.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { handleMetricsRequest, type MetricsApiDeps } from '../api/metrics-handler.ts';
import type { DelegatingAuthenticator } from './authentication.ts';
import { type DelegatingAuthorizer, forbiddenStatus, requestAttributes, UNAUTHORIZED_STATUS } from './authorization.ts';
import type { HealthEndpoint } from './health.ts';
import { type SniCertificate, sniCallback } from './sni-certs.ts';

export interface TlsSettings {
  certPem: string;
  keyPem: string;
  /** PEM CAs whose client certificates the handshake asks for (client CA and requestheader CA). */
  clientCaPems: string[];
  minVersion?: SecureVersion;
  ciphers?: string;
  /** `--tls-sni-cert-key` certificates, chosen by server name. */
  sni?: SniCertificate[];
}

export interface HttpsServerOptions {
  tls: TlsSettings;
  authenticator: DelegatingAuthenticator;
  authorizer: DelegatingAuthorizer;
  health: HealthEndpoint[];
  registry: Registry;
  api: MetricsApiDeps;
  version: string;
  /** `--max-requests-inflight` (GET/HEAD) and `--max-mutating-requests-inflight`; 0 = no limit. */
  maxInflight: number;
  maxMutatingInflight: number;
  /** `--request-timeout`, ms. */
  requestTimeoutMs: number;
  logger?: Logger;
}

function secureContext(tls: TlsSettings): SecureContextOptions & Pick<TlsOptions, 'SNICallback'> {
  const base: SecureContextOptions = {
    ...(tls.clientCaPems.length > 0 ? { ca: tls.clientCaPems } : {}),
    ...(tls.minVersion ? { minVersion: tls.minVersion } : {}),
    ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
  };
  return {
    ...base,
    cert: tls.certPem,
    key: tls.keyPem,
    ...(tls.sni && tls.sni.length > 0 ? { SNICallback: sniCallback(tls.sni, base) } : {}),
  };
}

function goJsonStatus(s: Status): string {
  return JSON.stringify(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

export class MetricsHttpsServer {
  readonly server: Server;
  readonly #o: HttpsServerOptions;
  #inflight = 0;
  #mutating = 0;

  constructor(options: HttpsServerOptions) {
    this.#o = options;
    this.server = createServer(
      { ...secureContext(options.tls), requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        this.#handle(req, res).catch((err) => {
          options.logger?.error('Request failed', { path: req.url, err: err as Error });
          if (!res.headersSent) this.#status(res, internal((err as Error).message));
          else res.destroy();
        });
      },
    );
    this.server.requestTimeout = options.requestTimeoutMs;
    this.server.keepAliveTimeout = 60_000;
  }

  /** New CAs or serving material (the authentication ConfigMap changed). */
  updateTls(tls: TlsSettings): void {
    this.server.setSecureContext(secureContext(tls));
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      // An unspecified bind address listens on every family, as Go does.
      const args: [number, string?] = host === '0.0.0.0' || host === '::' || host === '' ? [port] : [port, host];
      this.server.listen(...args, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting, lets requests in flight finish for up to `graceMs`, then cuts what is left. */
  async close(graceMs = 5_000): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.server.closeAllConnections(), graceMs);
      timer.unref();
      this.server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const method = req.method ?? 'GET';
    const readOnly = method === 'GET' || method === 'HEAD';
    const limit = readOnly ? this.#o.maxInflight : this.#o.maxMutatingInflight;
    const current = readOnly ? this.#inflight : this.#mutating;
    if (limit > 0 && current >= limit) {
      res.setHeader('Retry-After', '1');
      this.#status(res, tooManyRequests());
      return;
    }
    if (readOnly) this.#inflight++;
    else this.#mutating++;
    try {
      await this.#serve(req, res, url, method);
    } finally {
      if (readOnly) this.#inflight--;
      else this.#mutating--;
    }
  }

  async #serve(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const authn = await this.#o.authenticator.authenticate({ headers: req.headersDistinct, socket: req.socket });
    if (!authn.ok) {
      this.#o.logger?.v(2, 'Unable to authenticate the request', { path: url.pathname, err: authn.reason });
      this.#status(res, UNAUTHORIZED_STATUS);
      return;
    }
    const attrs = requestAttributes(method, url.pathname, url.searchParams);
    let decision: { allowed: boolean; reason: string };
    try {
      decision = await this.#o.authorizer.authorize(authn.user, attrs);
    } catch (err) {
      this.#o.logger?.error('Authorization error', { user: authn.user.name, path: url.pathname, err: err as Error });
      this.#status(res, internal(`Internal Server Error: "${url.pathname}": ${(err as Error).message}`));
      return;
    }
    if (!decision.allowed) {
      this.#status(res, forbiddenStatus(authn.user, attrs, decision.reason));
      return;
    }
    await this.#route(req, res, url, method);
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const path = url.pathname;
    for (const h of this.#o.health) {
      const base = `/${h.name}`;
      if (path !== base && !path.startsWith(`${base}/`)) continue;
      const r = h.handle(path.slice(base.length), url.searchParams);
      if (r) {
        res.writeHead(r.status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        res.end(r.body);
        return;
      }
    }
    if (path === '/metrics' && method === 'GET') {
      const body = await this.#o.registry.metrics();
      res.writeHead(200, { 'Content-Type': this.#o.registry.contentType });
      res.end(body);
      return;
    }
    if (path === '/version' && method === 'GET') {
      this.#json(res, 200, versionInfo(this.#o.version));
      return;
    }
    if (path === '/' && method === 'GET') {
      this.#json(res, 200, { paths: ROOT_PATHS });
      return;
    }
    const accept = req.headers.accept;
    const ifNoneMatch = req.headers['if-none-match'];
    const out = handleMetricsRequest(
      {
        method,
        path,
        query: url.searchParams,
        accept,
        ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined,
      },
      this.#o.api,
    );
    res.writeHead(out.status, { 'Content-Type': out.contentType, ...out.headers });
    res.end(out.body);
  }

  #status(res: ServerResponse, s: Status): void {
    res.writeHead(s.code, { 'Content-Type': 'application/json' });
    res.end(goJsonStatus(s));
  }

  #json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body, null, 2));
  }
}

const ROOT_PATHS = [
  '/apis',
  '/apis/metrics.k8s.io',
  '/apis/metrics.k8s.io/v1',
  '/apis/metrics.k8s.io/v1beta1',
  '/healthz',
  '/livez',
  '/metrics',
  '/openapi/v2',
  '/openapi/v3',
  '/readyz',
  '/version',
];

function versionInfo(version: string): Record<string, string> {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return {
    major: m?.[1] ?? '',
    minor: m?.[2] ?? '',
    gitVersion: version.startsWith('v') ? version : `v${version}`,
    gitCommit: '',
    gitTreeState: '',
    buildDate: '',
    goVersion: '',
    compiler: 'node',
    platform: `${process.platform}/${process.arch}`,
  };
}

function internal(message: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'InternalError',
    code: 500,
  };
}

function tooManyRequests(): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Too many requests, please try again later.',
    reason: 'TooManyRequests',
    details: { retryAfterSeconds: 1 },
    code: 429,
  };
}
