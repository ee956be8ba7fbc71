/**
 * Delegated authentication in upstream's order: front-proxy request headers (client certificate
 * from the requestheader CA, CN in the allowed names), client certificates from the client CA,
 * bearer tokens through TokenReview (cached), then anonymous. Presented but invalid credentials
 * are a 401; anonymous applies only when nothing was presented.
 */

import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { TtlCache } from './ttl-cache.ts';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

export interface RequestHeaderConfig {
  /** CAs the front-proxy client certificate must be issued by. */
  cas: X509Certificate[];
  /** Accepted CNs; empty accepts any certificate from `cas`. */
  allowedNames: string[];
  usernameHeaders: string[];
  groupHeaders: string[];
  extraHeadersPrefix: string[];
  uidHeaders: string[];
}

export interface AuthenticationConfig {
  requestHeader?: RequestHeaderConfig;
  clientCAs: X509Certificate[];
}

/** Reviews a bearer token; the delegating server calls the core API server's TokenReview. */
export type TokenReviewer = (token: string) => Promise<{ authenticated: boolean; user?: UserInfo; error?: string }>;

export type AuthenticationResult = { ok: true; user: UserInfo } | { ok: false; reason: string };

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'], extra: {} };

/** Request headers with every value kept apart (Node's `headersDistinct`): groups arrive one per line. */
export type DistinctHeaders = Record<string, string[] | undefined>;

export interface RequestCredentials {
  headers: DistinctHeaders;
  /** The TLS socket, for the client certificate. */
  socket: unknown;
}

/** Parses a PEM bundle into certificates; a bundle without any is an error naming `what`. */
export function parseCertificates(pem: string, what: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error(`${what}: no certificate found`);
  return blocks.map((b, i) => {
    try {
      return new X509Certificate(b);
    } catch (err) {
      throw new Error(`${what}: certificate ${i + 1}: ${(err as Error).message}`, { cause: err });
    }
  });
}

function issuedBy(cert: X509Certificate, cas: readonly X509Certificate[], now: number): boolean {
  if (Date.parse(cert.validFrom) > now || Date.parse(cert.validTo) < now) return false;
  return cas.some((ca) => {
    try {
      return cert.checkIssued(ca) && cert.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
}

function commonName(cert: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
}

function organizations(cert: X509Certificate): string[] {
  return [...cert.subject.matchAll(/(?:^|\n)O=([^\n]*)/g)].map((m) => m[1] ?? '');
}

function headerValues(headers: DistinctHeaders, name: string): string[] {
  return (headers[name.toLowerCase()] ?? []).filter((x) => x !== '');
}

export class DelegatingAuthenticator {
  #config: AuthenticationConfig;
  readonly #review: TokenReviewer | undefined;
  readonly #cache: TtlCache<{ authenticated: boolean; user?: UserInfo; error?: string }>;
  readonly #now: () => number;
  readonly #cacheTtl: number;

  constructor(options: {
    config: AuthenticationConfig;
    tokenReviewer?: TokenReviewer;
    /** `--authentication-token-webhook-cache-ttl`, ms. */
    cacheTtlMs: number;
    now?: () => number;
  }) {
    this.#config = options.config;
    this.#review = options.tokenReviewer;
    this.#now = options.now ?? Date.now;
    this.#cache = new TtlCache(10_000, this.#now);
    this.#cacheTtl = options.cacheTtlMs;
  }

  /** Swaps CAs and header settings (the authentication ConfigMap changed). */
  setConfig(config: AuthenticationConfig): void {
    this.#config = config;
  }

  get config(): AuthenticationConfig {
    return this.#config;
  }

  async authenticate(req: RequestCredentials): Promise<AuthenticationResult> {
    const errors: string[] = [];
    const cert = peerCertificate(req.socket);
    const now = this.#now();
    const rh = this.#config.requestHeader;
    if (cert && rh) {
      if (!issuedBy(cert, rh.cas, now)) {
        errors.push('x509: certificate signed by unknown authority');
      } else if (rh.allowedNames.length > 0 && !rh.allowedNames.includes(commonName(cert))) {
        errors.push(`x509: subject with cn=${commonName(cert)} is not in the allowed list`);
      } else {
        const user = fromHeaders(req.headers, rh);
        if (user) return { ok: true, user };
      }
    }
    if (cert && this.#config.clientCAs.length > 0) {
      if (issuedBy(cert, this.#config.clientCAs, now)) {
        return { ok: true, user: { name: commonName(cert), groups: organizations(cert), extra: {} } };
      }
      errors.push('verifying certificate: x509: certificate signed by unknown authority');
    }
    const auth = req.headers.authorization?.[0];
    if (auth !== undefined && /^bearer\s/i.test(auth)) {
      const token = auth.slice(7).trim();
      if (token !== '' && this.#review) {
        const result = await this.#reviewCached(token);
        if (result.authenticated && result.user) return { ok: true, user: result.user };
        errors.push(result.error ?? 'invalid bearer token');
      } else {
        errors.push('invalid bearer token');
      }
    }
    if (errors.length > 0) return { ok: false, reason: errors.join(', ') };
    // Identity headers without a front-proxy certificate are forged: refuse rather than serve anonymously.
    if (rh?.usernameHeaders.some((h) => headerValues(req.headers, h).length > 0)) {
      return { ok: false, reason: 'request header identity without a verified front-proxy client certificate' };
    }
    return { ok: true, user: ANONYMOUS };
  }

  async #reviewCached(token: string): Promise<{ authenticated: boolean; user?: UserInfo; error?: string }> {
    const cached = this.#cache.get(token);
    if (cached) return cached;
    let result: { authenticated: boolean; user?: UserInfo; error?: string };
    try {
      result = await (this.#review as TokenReviewer)(token);
    } catch (err) {
      // Not cached: a failing TokenReview must not lock a valid token out for the whole TTL.
      return { authenticated: false, error: `token review failed: ${(err as Error).message}` };
    }
    this.#cache.set(token, result, this.#cacheTtl);
    return result;
  }
}

function peerCertificate(socket: unknown): X509Certificate | undefined {
  const s = socket as Partial<TLSSocket> | undefined;
  if (!s || typeof s.getPeerX509Certificate !== 'function') return undefined;
  try {
    return s.getPeerX509Certificate() ?? undefined;
  } catch {
    return undefined;
  }
}

function fromHeaders(headers: DistinctHeaders, rh: RequestHeaderConfig): UserInfo | undefined {
  let name = '';
  for (const h of rh.usernameHeaders) {
    const v = headerValues(headers, h)[0];
    if (v) {
      name = v;
      break;
    }
  }
  if (name === '') return undefined;
  const groups: string[] = [];
  for (const h of rh.groupHeaders) groups.push(...headerValues(headers, h));
  const extra: Record<string, string[]> = {};
  const prefixes = rh.extraHeadersPrefix.map((p) => p.toLowerCase());
  for (const [header, value] of Object.entries(headers)) {
    const prefix = prefixes.find((p) => header.startsWith(p));
    if (!prefix || value === undefined) continue;
    let key = header.slice(prefix.length);
    try {
      key = decodeURIComponent(key);
    } catch {
      // Undecodable keys are kept as sent.
    }
    const values = extra[key.toLowerCase()] ?? [];
    values.push(...value);
    extra[key.toLowerCase()] = values;
  }
  const user: UserInfo = { name, groups, extra };
  for (const h of rh.uidHeaders) {
    const v = headerValues(headers, h)[0];
    if (v) {
      user.uid = v;
      break;
    }
  }
  return user;
}
