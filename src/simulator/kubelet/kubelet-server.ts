/**
 * One simulated kubelet's HTTPS listener on the node's IP and kubelet port. It asks for client
 * certificates without requiring them (Go's `RequestClientCert`), authenticates and authorizes
 * every path like the kubelet's filter, then serves cached payloads. Connection-level faults
 * (`down`, `timeout`, `slow`, `wrong-cert`) hit every path; body faults (`http-500`, `garbage`,
 * `truncated`, `reset`) hit the data endpoints (`/metrics/resource`, `/stats/summary`, `/pods`).
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { Logger } from '../../shared/logging/logger.ts';
import type { KeyPairPem } from '../../shared/tls/pki.ts';
import type { KubeletFault } from './faults.ts';
import { checkRequest, type KubeletAuth } from './kubelet-auth.ts';
import { hashSeed, Rng } from './random.ts';

/** What the listener serves; implemented by the simulated kubelet with cached buffers. */
export interface KubeletEndpoints {
  readonly nodeName: string;
  fault(): KubeletFault | undefined;
  /** `/metrics/resource` body; gzip-compressed when asked. */
  resourceMetrics(gzip: boolean): Buffer;
  resourceMetricsContentType(): string;
  summary(onlyCpuAndMemory: boolean): Buffer;
  /** PodList JSON of the pods bound to the node. */
  pods(): Buffer;
}

export interface KubeletServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  cert: KeyPairPem;
  /** PEM bundle client certificates are verified against (the cluster CA). */
  clientCA: string;
  auth: KubeletAuth;
  endpoints: KubeletEndpoints;
  logger?: Logger;
}

/** Go's kubelet server keeps idle connections 90 s; metrics-server reuses them across ticks. */
const IDLE_TIMEOUT_MS = 90_000;
const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json';

function sendText(res: ServerResponse, status: number, body: string): void {
  const buf = Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': TEXT,
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': buf.length,
  });
  res.end(buf);
}

export class KubeletServer {
  readonly #opts: KubeletServerOptions;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #rng: Rng;
  #port: number;
  #listening = false;
  #closed = false;

  constructor(opts: KubeletServerOptions) {
    this.#opts = opts;
    this.#port = opts.port;
    this.#rng = new Rng(hashSeed('garbage', opts.endpoints.nodeName));
    this.#server = createServer(
      {
        cert: opts.cert.certPem,
        key: opts.cert.keyPem,
        ca: opts.clientCA,
        requestCert: true,
        rejectUnauthorized: false,
        maxHeaderSize: 1 << 20,
      },
      (req, res) => {
        this.#handle(req, res).catch((err: unknown) => {
          opts.logger?.error('Kubelet request failed', { node: opts.endpoints.nodeName, err });
          if (!res.headersSent) sendText(res, 500, 'Internal Error: simulated kubelet failure');
          else res.destroy();
        });
      },
    );
    this.#server.keepAliveTimeout = IDLE_TIMEOUT_MS;
    this.#server.requestTimeout = 0;
    this.#server.on('secureConnection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    // A client that aborts the handshake (or talks plain HTTP) must not reach the error log as a crash.
    this.#server.on('tlsClientError', () => {});
  }

  get port(): number {
    return this.#port;
  }

  get listening(): boolean {
    return this.#listening;
  }

  /** `host:port` for messages. */
  get address(): string {
    return this.#opts.host.includes(':') ? `[${this.#opts.host}]:${this.#port}` : `${this.#opts.host}:${this.#port}`;
  }

  /** Binds (again, after {@link stopListening}); the first bound port is kept for later re-binds. */
  listen(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`kubelet ${this.#opts.endpoints.nodeName} is closed`));
    if (this.#listening) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        this.#server.off('listening', onListening);
        reject(
          new Error(`kubelet ${this.#opts.endpoints.nodeName}: cannot listen on ${this.address}: ${err.message}`, {
            cause: err,
          }),
        );
      };
      const onListening = () => {
        this.#server.off('error', onError);
        const addr = this.#server.address();
        if (addr && typeof addr === 'object') this.#port = addr.port;
        this.#listening = true;
        resolve();
      };
      this.#server.once('error', onError);
      this.#server.once('listening', onListening);
      this.#server.listen({ host: this.#opts.host, port: this.#port, backlog: 511 });
    });
  }

  /** Connection refused from now on: stop accepting and drop open connections (fault `down`). */
  stopListening(): Promise<void> {
    if (!this.#listening) return Promise.resolve();
    this.#listening = false;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.dropConnections();
    return closed;
  }

  /** Serves another certificate; open connections are dropped so keep-alive clients see it at once. */
  setCertificate(pair: KeyPairPem): void {
    this.#server.setSecureContext({
      cert: pair.certPem,
      key: pair.keyPem,
      ca: this.#opts.clientCA,
    });
    this.dropConnections();
  }

  dropConnections(): void {
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    await this.stopListening();
  }

  #delay(ms: number, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve(!res.destroyed);
      }, ms);
      this.#timers.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        this.#timers.delete(timer);
        resolve(false);
      });
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { endpoints, auth } = this.#opts;
    let fault = endpoints.fault();
    // Accept and hold: the client's own deadline is the only way out.
    if (fault?.kind === 'timeout') return;
    if (fault?.kind === 'slow' && fault.delayMs > 0) {
      if (!(await this.#delay(fault.delayMs, res))) return;
      fault = endpoints.fault();
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'https://kubelet.invalid');
    } catch {
      sendText(res, 400, 'Bad Request');
      return;
    }
    const path = url.pathname;
    const checked = await checkRequest(auth, req, path, endpoints.nodeName);
    if (!checked.ok) {
      sendText(res, checked.status, checked.body);
      return;
    }
    const method = req.method ?? 'GET';
    const allowed = (...methods: string[]): boolean => {
      if (methods.includes(method)) return true;
      sendText(res, 405, 'Method Not Allowed');
      return false;
    };
    switch (path) {
      case '/healthz':
        if (allowed('GET', 'HEAD')) sendText(res, 200, 'ok');
        break;
      case '/metrics/resource':
        if (allowed('GET')) {
          const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
          this.#sendData(res, fault, () => endpoints.resourceMetrics(false), endpoints.resourceMetricsContentType(), {
            gzip,
            body: () => endpoints.resourceMetrics(true),
          });
        }
        break;
      case '/stats/summary':
        if (allowed('GET', 'POST')) {
          // Exactly one value equal to "true" switches to CPU and memory only.
          const only = url.searchParams.getAll('only_cpu_and_memory');
          const onlyCpuAndMemory = only.length === 1 && only[0] === 'true';
          this.#sendData(res, fault, () => endpoints.summary(onlyCpuAndMemory), JSON_TYPE);
        }
        break;
      case '/pods':
      case '/pods/':
        if (allowed('GET')) this.#sendData(res, fault, () => endpoints.pods(), JSON_TYPE);
        break;
      default:
        sendText(res, 404, '404 page not found\n');
    }
  }

  #sendData(
    res: ServerResponse,
    fault: KubeletFault | undefined,
    identity: () => Buffer,
    contentType: string,
    compressed?: { gzip: boolean; body: () => Buffer },
  ): void {
    switch (fault?.kind) {
      case 'http-500':
        sendText(res, 500, 'Internal Error: simulated kubelet fault http-500');
        return;
      case 'garbage': {
        const length = Math.max(64, identity().length);
        const junk = Buffer.alloc(length);
        for (let i = 0; i < length; i++) junk[i] = Math.floor(this.#rng.next() * 256);
        res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': length });
        res.end(junk);
        return;
      }
      case 'truncated': {
        // A well-formed response whose body simply stops halfway (no Content-Length to contradict it).
        const body = identity();
        res.writeHead(200, { 'Content-Type': contentType });
        res.end(body.subarray(0, Math.floor(body.length / 2)));
        return;
      }
      case 'reset': {
        const body = identity();
        res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
        return;
      }
      default: {
        const gzip = compressed?.gzip === true;
        const body = gzip && compressed ? compressed.body() : identity();
        const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Content-Length': body.length };
        if (gzip) headers['Content-Encoding'] = 'gzip';
        res.writeHead(200, headers);
        res.end(body);
      }
    }
  }
}
