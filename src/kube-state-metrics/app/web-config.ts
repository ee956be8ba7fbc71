/**
 * `--tls-config`: the exporter-toolkit web configuration file, applied to both listeners.
 * Supported: `tls_server_config` (`cert_file`/`key_file` or inline `cert`/`key`, `client_ca_file`,
 * `client_auth_type`, `min_version`, `max_version`) and `http_server_config.headers`. File paths
 * are relative to the config file, as exporter-toolkit resolves them. `basic_auth_users` needs
 * bcrypt, which is not available here: refused with a clear error rather than silently open.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SecureVersion } from 'node:tls';
import { parse as parseYaml } from 'yaml';

export interface WebConfig {
  tls?: {
    cert: string;
    key: string;
    ca?: string;
    requestCert: boolean;
    rejectUnauthorized: boolean;
    minVersion?: SecureVersion;
    maxVersion?: SecureVersion;
  };
  headers: Record<string, string>;
}

const TLS_VERSIONS: Record<string, SecureVersion> = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
};

/** exporter-toolkit's client_auth_type values -> [requestCert, rejectUnauthorized]. */
const CLIENT_AUTH: Record<string, [boolean, boolean]> = {
  NoClientCert: [false, false],
  RequestClientCert: [true, false],
  RequireAnyClientCert: [true, false],
  VerifyClientCertIfGiven: [true, false],
  RequireAndVerifyClientCert: [true, true],
};

const str = (v: unknown, what: string): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new Error(`${what} must be a string`);
  return v;
};

export async function loadWebConfig(file: string): Promise<WebConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read --tls-config ${file}: ${(err as Error).message}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = (parseYaml(text) ?? {}) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`--tls-config ${file}: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`--tls-config ${file}: expected a map`);
  const base = dirname(resolve(file));
  const read = async (path: string, what: string) => {
    try {
      return await readFile(resolve(base, path), 'utf8');
    } catch (err) {
      throw new Error(`--tls-config ${file}: cannot read ${what} ${path}: ${(err as Error).message}`);
    }
  };
  if (doc.basic_auth_users !== undefined && doc.basic_auth_users !== null) {
    throw new Error(`--tls-config ${file}: basic_auth_users is not supported (bcrypt is unavailable)`);
  }
  const out: WebConfig = { headers: {} };
  const http = doc.http_server_config as { headers?: unknown } | undefined;
  if (http?.headers && typeof http.headers === 'object') {
    for (const [k, v] of Object.entries(http.headers)) out.headers[k] = String(v);
  }
  const tls = doc.tls_server_config as Record<string, unknown> | undefined;
  if (!tls || typeof tls !== 'object') return out;
  const certFile = str(tls.cert_file, 'tls_server_config.cert_file');
  const keyFile = str(tls.key_file, 'tls_server_config.key_file');
  const cert = str(tls.cert, 'tls_server_config.cert') ?? (certFile ? await read(certFile, 'cert_file') : undefined);
  const key = str(tls.key, 'tls_server_config.key') ?? (keyFile ? await read(keyFile, 'key_file') : undefined);
  if (!cert || !key) throw new Error(`--tls-config ${file}: tls_server_config needs both a certificate and a key`);
  const caFile = str(tls.client_ca_file, 'tls_server_config.client_ca_file');
  const authType = str(tls.client_auth_type, 'tls_server_config.client_auth_type') ?? 'NoClientCert';
  const auth = CLIENT_AUTH[authType];
  if (!auth) throw new Error(`--tls-config ${file}: invalid client_auth_type ${JSON.stringify(authType)}`);
  if (auth[1] && !caFile) {
    throw new Error(`--tls-config ${file}: client_ca_file is required for client_auth_type ${authType}`);
  }
  const version = (v: unknown, what: string) => {
    const s = str(v, what);
    if (s === undefined) return undefined;
    const mapped = TLS_VERSIONS[s];
    if (!mapped) throw new Error(`--tls-config ${file}: unknown TLS version ${s}`);
    return mapped;
  };
  const minVersion = version(tls.min_version, 'min_version') ?? 'TLSv1.2';
  const maxVersion = version(tls.max_version, 'max_version');
  out.tls = {
    cert,
    key,
    ...(caFile ? { ca: await read(caFile, 'client_ca_file') } : {}),
    requestCert: auth[0],
    rejectUnauthorized: auth[1],
    minVersion,
    ...(maxVersion ? { maxVersion } : {}),
  };
  return out;
}
