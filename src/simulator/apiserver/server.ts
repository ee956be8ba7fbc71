/**
 * The simulator's HTTPS API server: health and version endpoints, authentication and
 * authorization hooks, extension paths (the aggregation layer), discovery and OpenAPI, then the
 * resource API. A bad request is answered with a Status and never reaches shared state half-done.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import { ANONYMOUS, authenticateClientCert } from './client-cert-auth.ts';
import { startCrdController } from './crd-controller.ts';
import { type ExternalGroup, serveDiscovery } from './discovery.ts';
import { ApiError, statusFailure } from './errors.ts';
import type { ResourceHandler, TableBuilder } from './handler-types.ts';
import { ObjectStore } from './object-store.ts';
import { serveOpenApi } from './openapi.ts';
import {
  type AuthorizationDecision,
  forbiddenMessage,
  type RequestAttributes,
  type UserInfo,
} from './request-attributes.ts';
import { requestInfo, toAttributes } from './request-info.ts';
import { ResourceRegistry } from './resource-registry.ts';
import { RestHandler } from './rest-handler.ts';
import { buildTable } from './table.ts';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export const DEFAULT_VERSION: VersionInfo = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.5',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-09-09T00:00:00Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export interface PathHandlerContext {
  user: UserInfo;
  url: URL;
}

/** Handles every request under a path prefix, after authentication and authorization. */
export type PathHandler = (req: IncomingMessage, res: ServerResponse, ctx: PathHandlerContext) => void | Promise<void>;

export interface ApiServerOptions {
  /** PEM serving certificate and key; `ca` = client CAs whose certificates authenticate users. */
  tls: { cert: string; key: string; ca?: string[] };
  /** Change events kept for watch resumption (default 5000). */
  watchHistory?: number;
  logger?: Logger;
  version?: Partial<VersionInfo>;
  /** PEM published in every namespace's `kube-root-ca.crt` (default: the first client CA). */
  rootCaPem?: string;
  /** Interval of watch bookmarks, ms (default 30 s). */
  bookmarkIntervalMs?: number;
  /** Bytes a slow watcher may have pending before it is disconnected (default 64 MiB). */
  watchMaxBufferedBytes?: number;
  /** Table renderer for `as=Table` (default: the built-in kubectl printer columns). */
  buildTable?: TableBuilder;
}

/** Paths anyone may read, as kube-apiserver's `system:public-info-viewer` role allows. */
const PUBLIC_PATHS = /^\/(version|healthz|livez|readyz)(\/.*)?$/;
const HEALTH_CHECKS = [
  'ping',
  'log',
  'etcd',
  'poststarthook/start-apiextensions-controllers',
  'poststarthook/crd-informer-synced',
];

export class ApiServer {
  readonly registry: ResourceRegistry;
  readonly store: ObjectStore;
  readonly rest: RestHandler;
  /** Replaceable: resolves the user of a request, undefined = unauthenticated (401). */
  authenticate: (req: IncomingMessage) => Promise<UserInfo | undefined> = authenticateClientCert;
  /** Replaceable: decides every request (default: allow all, until RBAC). */
  authorize: (user: UserInfo, attributes: RequestAttributes) => Promise<AuthorizationDecision> = async () => ({
    allowed: true,
  });
  /** Groups served elsewhere (APIServices), listed in `/apis` discovery; the aggregation layer sets it. */
  extraDiscoveryGroups: ExternalGroup[] = [];
  readonly #options: ApiServerOptions;
  #serverAddress = '127.0.0.1:6443';
  readonly #version: VersionInfo;
  readonly #pathHandlers: { prefix: string; handler: PathHandler }[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #stopCrds: () => void;
  #server: Server | undefined;
  #log: Logger | undefined;

  constructor(options: ApiServerOptions) {
    this.#options = options;
    this.#log = options.logger;
    this.#version = { ...DEFAULT_VERSION, ...options.version };
    this.registry = new ResourceRegistry();
    this.store = new ObjectStore({
      registry: this.registry,
      ...(options.watchHistory !== undefined ? { watchHistory: options.watchHistory } : {}),
      rootCaPem: options.rootCaPem ?? options.tls.ca?.[0] ?? '',
    });
    this.rest = new RestHandler({
      store: this.store,
      buildTable: options.buildTable ?? buildTable,
      ...(options.bookmarkIntervalMs !== undefined ? { bookmarkIntervalMs: options.bookmarkIntervalMs } : {}),
      ...(options.watchMaxBufferedBytes !== undefined ? { watchMaxBufferedBytes: options.watchMaxBufferedBytes } : {}),
    });
    this.#stopCrds = startCrdController(this.store, this.registry);
    // `kubectl auth whoami`: the authenticated user, as the authenticator saw it.
    this.rest.registerVirtual('authentication.k8s.io', 'selfsubjectreviews', ({ user }) => ({
      status: 201,
      body: {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: {
          userInfo: {
            username: user.name,
            groups: user.groups,
            ...(user.uid ? { uid: user.uid } : {}),
            ...(user.extra ? { extra: user.extra } : {}),
          },
        },
      },
    }));
  }

  /** Runs `handler` for every path starting with `prefix`, before discovery and resources. */
  registerPathHandler(prefix: string, handler: PathHandler): () => void {
    const entry = { prefix, handler };
    this.#pathHandlers.push(entry);
    this.#pathHandlers.sort((a, b) => b.prefix.length - a.prefix.length);
    return () => {
      const i = this.#pathHandlers.indexOf(entry);
      if (i >= 0) this.#pathHandlers.splice(i, 1);
    };
  }

  registerSubresource(resource: string, subresource: string, handler: ResourceHandler): void {
    this.rest.registerSubresource(resource, subresource, handler);
  }

  registerVirtual(group: string, resource: string, handler: ResourceHandler): void {
    this.rest.registerVirtual(group, resource, handler);
  }

  closeAllWatches(): void {
    this.rest.closeAllWatches();
  }

  sendBookmarks(): void {
    this.rest.sendBookmarks();
  }

  async listen(port: number, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    if (this.#server) throw new Error('ApiServer is already listening');
    const tls = this.#options.tls;
    const server = createServer({
      cert: tls.cert,
      key: tls.key,
      ...(tls.ca && tls.ca.length > 0 ? { ca: tls.ca } : {}),
      requestCert: true,
      rejectUnauthorized: false,
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.#serve(req, res).catch((err: unknown) => this.#fail(res, err, req));
    });
    server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    server.on('tlsClientError', (err) => this.#log?.debug({ err }, 'TLS handshake failed'));
    server.on('clientError', (err, socket) => {
      this.#log?.debug({ err }, 'Malformed HTTP request');
      socket.destroy();
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.#serverAddress = `${shownHost}:${addr.port}`;
    this.#publishEndpoint(addr.port);
    return { port: addr.port, url: `https://${shownHost}:${addr.port}` };
  }

  /** Points `default/kubernetes` (Service targetPort, Endpoints, EndpointSlice) at the port actually bound. */
  #publishEndpoint(port: number): void {
    const s = this.store;
    const svc = s.get('v1', 'Service', 'default', 'kubernetes');
    if (svc?.spec?.ports?.[0]) {
      svc.spec.ports[0].targetPort = port;
      s.update(svc);
    }
    const ep = s.get('v1', 'Endpoints', 'default', 'kubernetes');
    if (ep?.subsets?.[0]?.ports?.[0]) {
      ep.subsets[0].ports[0].port = port;
      s.update(ep);
    }
    const slice = s.get('discovery.k8s.io/v1', 'EndpointSlice', 'default', 'kubernetes');
    if (slice?.ports?.[0]) {
      slice.ports[0].port = port;
      s.update(slice);
    }
  }

  /** Ends watches, stops listening and closes every connection. */
  async close(): Promise<void> {
    this.#stopCrds();
    this.rest.closeAllWatches();
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    await closed;
  }

  #send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
    res.statusCode = status;
    res.setHeader('Content-Type', contentType);
    res.end(body);
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'https://apiserver.invalid');
    } catch {
      throw new ApiError(400, 'BadRequest', `malformed request URL: ${JSON.stringify(req.url)}`);
    }
    const method = req.method ?? 'GET';
    let user = await this.authenticate(req);
    if (!user) {
      if (!PUBLIC_PATHS.test(url.pathname)) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
      user = ANONYMOUS;
    }
    const info = requestInfo(method, url);
    const attrs = toAttributes(info, url);
    if (!(user === ANONYMOUS && PUBLIC_PATHS.test(url.pathname))) {
      const decision = await this.authorize(user, attrs);
      if (!decision.allowed) {
        throw new ApiError(
          403,
          'Forbidden',
          forbiddenMessage(user, attrs, decision.reason),
          attrs.resourceRequest ? { name: attrs.name, group: attrs.apiGroup, kind: attrs.resource } : {},
        );
      }
    }
    this.#log?.debug({ method, path: url.pathname, user: user.name }, 'Request');
    const path = url.pathname;
    if (path === '/version' || path === '/version/') {
      this.#send(res, 200, 'application/json', JSON.stringify(this.#version, null, 2));
      return;
    }
    const health = /^\/(healthz|livez|readyz)(?:\/(.*))?$/.exec(path);
    if (health) {
      this.#health(res, health[1]!, health[2], url.searchParams.has('verbose'));
      return;
    }
    for (const { prefix, handler } of this.#pathHandlers) {
      if (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) {
        await handler(req, res, { user, url });
        return;
      }
    }
    const accept = req.headers.accept ?? '';
    const discovery = serveDiscovery(path, accept, this.registry, this.extraDiscoveryGroups, {
      serverAddress: this.#serverAddress,
    });
    if (discovery) {
      this.#send(res, discovery.status, discovery.contentType, discovery.body);
      return;
    }
    const openapi = serveOpenApi(path, accept, this.registry);
    if (openapi) {
      for (const [k, v] of Object.entries(openapi.headers ?? {})) res.setHeader(k, v);
      this.#send(res, openapi.status, openapi.contentType, openapi.body);
      return;
    }
    if (!info.resourceRequest)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
    await this.rest.handle(req, res, url, info, user);
  }

  #health(res: ServerResponse, kind: string, check: string | undefined, verbose: boolean): void {
    if (check !== undefined && check !== '') {
      if (!HEALTH_CHECKS.includes(check)) {
        this.#send(res, 404, 'text/plain; charset=utf-8', '404 page not found\n');
        return;
      }
      this.#send(res, 200, 'text/plain; charset=utf-8', 'ok');
      return;
    }
    if (!verbose) {
      this.#send(res, 200, 'text/plain; charset=utf-8', 'ok');
      return;
    }
    const lines = HEALTH_CHECKS.map((c) => `[+]${c} ok`);
    this.#send(res, 200, 'text/plain; charset=utf-8', `${lines.join('\n')}\n${kind} check passed\n`);
  }

  #fail(res: ServerResponse, err: unknown, req: IncomingMessage): void {
    if (res.headersSent) {
      this.#log?.warn({ err, path: req.url }, 'Request failed after the response started');
      res.destroy();
      return;
    }
    if (err instanceof ApiError) {
      this.#send(res, err.code, 'application/json', JSON.stringify(err.toStatus()));
      return;
    }
    this.#log?.error({ err, method: req.method, path: req.url }, 'Internal error');
    const status = statusFailure(
      500,
      'InternalError',
      `Internal error occurred: ${(err as Error)?.message ?? String(err)}`,
    );
    this.#send(res, 500, 'application/json', JSON.stringify(status));
  }
}
