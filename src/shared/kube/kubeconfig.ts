import { readFile } from 'node:fs/promises';
import type https from 'node:https';
import { isIPv6 } from 'node:net';

/**
 * Connection material for one API server, independent of how it was found. The only module that
 * touches `@kubernetes/client-node`; it is imported lazily because loading it costs ~450 ms and
 * ~40 MB of heap, which unit tests and the in-cluster path never need.
 */
export interface ClientConfig {
  /** Base URL without a trailing slash, e.g. `https://10.96.0.1:443`. */
  server: string;
  /** PEM. */
  ca?: string;
  /** PEM client certificate. */
  cert?: string;
  /** PEM private key for `cert`. */
  key?: string;
  /** TLS SNI / name to verify (`tls-server-name`). */
  servername?: string;
  rejectUnauthorized: boolean;
  /** The `Authorization` header value, re-read when its source rotates (token files, exec plugins). */
  authHeader(): Promise<string | undefined>;
}

export interface LoadKubeconfigOptions {
  /** `--kubeconfig`; when empty the in-cluster service account is used. */
  kubeconfigPath?: string;
  /** Force the in-cluster service account even if a kubeconfig path is set. */
  inCluster?: boolean;
  /** `--master` / `--apiserver`: overrides the server URL of whatever config is loaded. */
  masterUrl?: string;
  /** For tests: where `token` and `ca.crt` live. */
  serviceAccountDir?: string;
  /** For tests: replaces `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Token files are projected and rotated by the kubelet; client-go re-reads them every minute. */
const TOKEN_REFRESH_MS = 60_000;

export async function loadKubeconfig(options: LoadKubeconfigOptions = {}): Promise<ClientConfig> {
  const env = options.env ?? process.env;
  let config: ClientConfig;
  if (options.inCluster || !options.kubeconfigPath) {
    if (!options.inCluster && !env.KUBERNETES_SERVICE_HOST && options.masterUrl) {
      config = { server: trimSlash(options.masterUrl), rejectUnauthorized: true, authHeader: async () => undefined };
    } else {
      config = await loadInCluster(options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR, env);
    }
  } else {
    config = await loadFromFile(options.kubeconfigPath);
  }
  if (options.masterUrl) config.server = trimSlash(options.masterUrl);
  return config;
}

async function loadInCluster(dir: string, env: NodeJS.ProcessEnv): Promise<ClientConfig> {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw new Error(
      'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined (or pass --kubeconfig)',
    );
  }
  const tokenFile = `${dir}/token`;
  const caFile = `${dir}/ca.crt`;
  const ca = await readText(caFile, 'service account CA');
  const token = createTokenFileReader(tokenFile);
  await token(); // fail at startup, not on the first request, when the token is missing
  return {
    server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`,
    ca,
    rejectUnauthorized: true,
    authHeader: async () => `Bearer ${await token()}`,
  };
}

/** Reads a bearer token file, caching it for a minute so rotated tokens are picked up. */
export function createTokenFileReader(file: string, now: () => number = Date.now): () => Promise<string> {
  let cached: string | undefined;
  let readAt = Number.NEGATIVE_INFINITY;
  return async () => {
    if (cached !== undefined && now() - readAt < TOKEN_REFRESH_MS) return cached;
    try {
      const token = (await readText(file, 'service account token')).trim();
      if (!token) throw new Error(`service account token file ${file} is empty`);
      cached = token;
      readAt = now();
    } catch (err) {
      // Keep serving the last good token through a transient read failure during rotation.
      if (cached === undefined) throw err;
    }
    return cached;
  };
}

async function loadFromFile(path: string): Promise<ClientConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (err) {
    throw new Error(`unable to load kubeconfig ${path}: ${(err as Error).message}`, { cause: err });
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig ${path}: no cluster for current context "${kc.getCurrentContext()}"`);
  const opts: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (err) {
    throw new Error(`kubeconfig ${path}: ${(err as Error).message}`, { cause: err });
  }
  const config: ClientConfig = {
    server: trimSlash(cluster.server),
    rejectUnauthorized: !cluster.skipTLSVerify,
    authHeader: cachedAuthHeader(async () => {
      const fresh: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(fresh);
      return authorizationOf(fresh);
    }, authorizationOf(opts)),
  };
  const ca = pem(opts.ca);
  const cert = pem(opts.cert);
  const key = pem(opts.key);
  if (ca) config.ca = ca;
  if (cert) config.cert = cert;
  if (key) config.key = key;
  if (opts.servername) config.servername = opts.servername;
  return config;
}

/**
 * client-node 1.4 re-runs exec plugins whose credential lacks an expiry on every call, so the
 * header is refreshed at most once a minute.
 */
function cachedAuthHeader(
  refresh: () => Promise<string | undefined>,
  initial: string | undefined,
): () => Promise<string | undefined> {
  let value = initial;
  let at = Date.now();
  return async () => {
    if (Date.now() - at >= TOKEN_REFRESH_MS) {
      at = Date.now();
      try {
        value = await refresh();
      } catch {
        // A failing refresh keeps the previous credential; the API server will say 401 if it expired.
      }
    }
    return value;
  };
}

function authorizationOf(opts: https.RequestOptions): string | undefined {
  const headers = opts.headers as Record<string, unknown> | undefined;
  const value = headers?.Authorization ?? headers?.authorization;
  if (typeof value === 'string' && value) return value;
  if (opts.auth) return `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  return undefined;
}

function pem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => pem(v) ?? '').join('\n') || undefined;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  return undefined;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`unable to read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
