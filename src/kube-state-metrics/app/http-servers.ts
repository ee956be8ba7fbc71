/**
 * The two listeners: the main port (`/metrics` from the metrics stores, `/healthz`, `/livez`,
 * landing page) and the telemetry port (self-metrics, `/readyz`, landing page). Timeouts follow
 * the `--server-*-timeout` flags on the main port; the telemetry port only bounds header reads.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import type { Logger } from '../../shared/logging/logger.ts';
import { negotiateExposition } from '../metric/content-type.ts';
import { type MetricsWriter, prepareScrape, writeMetrics } from '../metrics-store/metrics-writer.ts';
import type { AuthCheck } from './auth-filter.ts';
import { LANDING_CONTENT_TYPE, renderLandingPage } from './landing-page.ts';
import type { KsmTelemetry } from './telemetry.ts';
import type { WebConfig } from './web-config.ts';

export interface ServerTimeouts {
  readMs: number;
  writeMs: number;
  idleMs: number;
  readHeaderMs: number;
}

export interface MainHandlerOptions {
  /** The writers to serve right now (they change when auto-sharding reconfigures). */
  writers: () => readonly MetricsWriter[];
  enableGzip: boolean;
  /** Probes the API server's `/livez`; resolves with an error text when unreachable. */
  apiserverLivez: () => Promise<string | undefined>;
  telemetry?: KsmTelemetry;
  version: string;
  /** `--auth-filter`: guards `/metrics`. */
  authorize?: AuthCheck;
  logger?: Logger;
}

/** `?resources=a,b&resources=c` -> `[a, b, c]`. */
function queryList(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The first `Accept-Encoding` entry that is `gzip` or `gzip;...` turns compression on. */
export function wantsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const p = part.trim();
    return p === 'gzip' || p.startsWith('gzip;');
  });
}

function send(res: http.ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const notFound = (res: http.ServerResponse) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  send(res, 404, '404 page not found\n');
};

/** Runs `serve` when the auth check (if any) lets the request through; answers the rejection otherwise. */
function guarded(
  authorize: AuthCheck | undefined,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  serve: () => void,
): void {
  if (!authorize) {
    serve();
    return;
  }
  authorize(req).then(
    (rejection) => {
      if (!rejection) return serve();
      res.setHeader('X-Content-Type-Options', 'nosniff');
      send(res, rejection.status, `${rejection.message}\n`);
    },
    () => send(res, 500, 'Authentication failed\n'),
  );
}

async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, o: MainHandlerOptions, url: URL) {
  const started = process.hrtime.bigint();
  const { openMetrics, contentType } = negotiateExposition(req.headers.accept);
  const opts = {
    resources: queryList(url.searchParams, 'resources'),
    excludeResources: queryList(url.searchParams, 'exclude_resources'),
    openMetrics,
  };
  try {
    if (o.enableGzip && wantsGzip(req.headers['accept-encoding'])) {
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(res);
      res.once('close', () => {
        if (!gzip.destroyed) gzip.destroy();
      });
      await writeMetrics(gzip, o.writers(), opts);
      gzip.end();
    } else {
      const scrape = prepareScrape(o.writers(), opts);
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': scrape.byteLength });
      await scrape.writeTo(res);
      res.end();
    }
  } catch (err) {
    o.logger?.error('Failed to write metrics', { err });
    if (!res.headersSent) send(res, 500, 'internal error\n');
    else res.destroy();
  } finally {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    o.telemetry?.requestDuration.observe({ handler: 'metrics', method: (req.method ?? 'get').toLowerCase() }, seconds);
  }
}

export function mainHandler(o: MainHandlerOptions): http.RequestListener {
  const landing = renderLandingPage({
    name: 'kube-state-metrics',
    description: "Metrics for Kubernetes' state",
    version: o.version,
    links: [
      { text: 'Metrics', address: '/metrics' },
      { text: 'Healthz', address: '/healthz' },
      { text: 'Livez', address: '/livez' },
    ],
  });
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case '/metrics':
        guarded(o.authorize, req, res, () => void serveMetrics(req, res, o, url));
        return;
      case '/healthz':
        send(res, 200, 'OK');
        return;
      case '/livez':
        o.apiserverLivez().then(
          (problem) => (problem === undefined ? send(res, 200, 'OK') : send(res, 503, 'Service Unavailable')),
          () => send(res, 503, 'Service Unavailable'),
        );
        return;
      case '/':
        send(res, 200, landing, LANDING_CONTENT_TYPE);
        return;
      default:
        notFound(res);
    }
  };
}

export interface TelemetryHandlerOptions {
  telemetry: KsmTelemetry;
  /** Whether `/readyz` reports ready. */
  ready: () => boolean;
  version: string;
  authorize?: AuthCheck;
  logger?: Logger;
}

function serveSelfMetrics(req: http.IncomingMessage, res: http.ServerResponse, o: TelemetryHandlerOptions): void {
  o.telemetry.registry.metrics().then(
    (body) => {
      const type = o.telemetry.registry.contentType;
      if (wantsGzip(req.headers['accept-encoding'])) {
        res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip' });
        const gzip = createGzip();
        gzip.pipe(res);
        gzip.end(body);
      } else {
        send(res, 200, body, type);
      }
    },
    (err: unknown) => {
      o.logger?.error('Failed to gather self-metrics', { err });
      send(res, 500, 'internal error\n');
    },
  );
}

export function telemetryHandler(o: TelemetryHandlerOptions): http.RequestListener {
  const landing = renderLandingPage({
    name: 'kube-state-metrics',
    description: 'Self-metrics for kube-state-metrics',
    version: o.version,
    links: [{ text: 'Metrics', address: '/metrics' }],
    extra: { Profiling: 'false' },
  });
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case '/metrics':
        guarded(o.authorize, req, res, () => serveSelfMetrics(req, res, o));
        return;
      case '/readyz':
        if (o.ready()) send(res, 200, 'OK');
        else send(res, 503, 'Service Unavailable');
        return;
      case '/':
        send(res, 200, landing, LANDING_CONTENT_TYPE);
        return;
      default:
        notFound(res);
    }
  };
}

export interface ListeningServer {
  server: http.Server;
  /** The bound port (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/** Creates and binds a server; `timeouts` apply Go's http.Server semantics as closely as Node allows. */
export async function listen(
  handler: http.RequestListener,
  host: string,
  port: number,
  web: WebConfig | undefined,
  timeouts: ServerTimeouts,
): Promise<ListeningServer> {
  const withHeaders: http.RequestListener =
    web && Object.keys(web.headers).length > 0
      ? (req, res) => {
          for (const [k, v] of Object.entries(web.headers)) res.setHeader(k, v);
          handler(req, res);
        }
      : handler;
  const withWriteTimeout: http.RequestListener =
    timeouts.writeMs > 0
      ? (req, res) => {
          // Go's WriteTimeout: the whole response must be written within it, or the connection goes.
          const timer = setTimeout(() => res.destroy(), timeouts.writeMs);
          timer.unref();
          res.once('close', () => clearTimeout(timer));
          withHeaders(req, res);
        }
      : withHeaders;
  const readHeader = timeouts.readHeaderMs > 0 ? timeouts.readHeaderMs : timeouts.readMs;
  const serverOptions: http.ServerOptions = {
    requestTimeout: timeouts.readMs,
    // Node refuses a header timeout above the request timeout.
    headersTimeout: timeouts.readMs > 0 && readHeader > timeouts.readMs ? timeouts.readMs : readHeader,
    keepAliveTimeout: timeouts.idleMs,
  };
  const server = web?.tls
    ? https.createServer({ ...serverOptions, ...web.tls }, withWriteTimeout)
    : http.createServer(serverOptions, withWriteTimeout);
  const bind = (h: string | undefined) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: h, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    // An empty host means every interface, as Go's net.Listen reads it.
    await bind(host === '' ? undefined : host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Go falls back to IPv4 for `[::]` on hosts without IPv6 (e.g. disable_ipv6 in a container).
    if (host === '::' && (code === 'EAFNOSUPPORT' || code === 'EADDRNOTAVAIL')) {
      await bind('0.0.0.0').catch((again: Error) => {
        throw new Error(`cannot listen on 0.0.0.0:${port}: ${again.message}`);
      });
    } else {
      throw new Error(`cannot listen on ${host.includes(':') ? `[${host}]` : host}:${port}: ${(err as Error).message}`);
    }
  }
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
