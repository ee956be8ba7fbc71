/**
 * Forwards one authenticated, authorized request to an aggregated backend and streams the answer
 * back (watches included: chunks are written as they arrive). The path is passed unchanged and
 * the query re-encoded like Go's `url.Values.Encode()`. Errors before the backend answers become
 * the aggregator's plain-text 503 with Go's transport error text; discovery requests
 * (`/apis/<group>/<version>`) are given 5 s, like kube-aggregator's discovery timeout.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { UserInfo } from '../apiserver/request-attributes.ts';
import { type BackendTransport, goTransportError } from './backend-transport.ts';
import { encodeQuery, forwardHeaders } from './identity-headers.ts';
import type { Endpoint } from './service-resolver.ts';

const DISCOVERY_TIMEOUT_MS = 5000;
const HOP_BY_HOP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'trailer', 'upgrade', 'te']);

/** Go's `http.Error`: plain text, nosniff, a trailing newline. */
export function plainError(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(`${text}\n`);
}

export interface ProxyTarget {
  endpoint: Endpoint;
  transport: BackendTransport;
}

export function proxyToBackend(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  user: UserInfo,
  target: ProxyTarget,
): Promise<void> {
  const { endpoint, transport } = target;
  const hostPort = `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
  const query = encodeQuery(url.searchParams);
  const headers = forwardHeaders(req.headers, user, {
    host: hostPort,
    ...(req.socket.remoteAddress ? { clientAddress: req.socket.remoteAddress } : {}),
  });
  const discovery = url.pathname.split('/').filter((s) => s !== '').length === 3;
  return new Promise<void>((resolve) => {
    const upstream = request({
      host: endpoint.host,
      port: endpoint.port,
      method: req.method ?? 'GET',
      path: url.pathname + (query ? `?${query}` : ''),
      headers,
      agent: transport.agent,
      servername: transport.serverName,
      ...(discovery ? { timeout: DISCOVERY_TIMEOUT_MS } : {}),
    });
    let answered = false;
    upstream.on('response', (backend) => {
      answered = true;
      for (const [name, value] of Object.entries(backend.headers)) {
        if (value === undefined || HOP_BY_HOP_RESPONSE.has(name) || name.startsWith('access-control-allow-')) continue;
        res.setHeader(name, value);
      }
      res.writeHead(backend.statusCode ?? 502);
      res.flushHeaders();
      backend.on('data', (chunk: Buffer) => {
        // A slow reader pauses the backend instead of buffering a watch without bound.
        if (!res.write(chunk)) {
          backend.pause();
          res.once('drain', () => backend.resume());
        }
      });
      backend.on('end', () => {
        res.end();
        resolve();
      });
      backend.on('error', () => {
        res.destroy();
        resolve();
      });
    });
    upstream.on('timeout', () => upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    upstream.on('error', (err) => {
      if (!answered) plainError(res, 503, goTransportError(err, hostPort, transport.serverName));
      else res.destroy();
      resolve();
    });
    // The client went away (e.g. a closed watch): stop the backend request too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
}
