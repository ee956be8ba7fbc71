/**
 * The request headers kube-aggregator sends to a backend: the caller's headers minus hop-by-hop
 * headers, credentials (`Authorization`, `Impersonate-*`) and any identity headers the caller
 * forged (`X-Remote-User`/`-Uid`/`-Group`/`-Extra-*`), plus the authenticated identity as
 * front-proxy headers: one `X-Remote-Group` line per group, one `X-Remote-Extra-<key>` line per
 * value with the key escaped like client-go, header names in Go's canonical form.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { UserInfo } from '../apiserver/request-attributes.ts';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** RFC 7230 token characters other than letters and digits; `%` is escaped although it is one. */
const TOKEN_PUNCTUATION = new Set("!#$&'*+-.^_`|~");

/** client-go's escaping of an extra key for a header name: non-token bytes and `%` become `%XX`. */
export function escapeExtraKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const c = String.fromCharCode(byte);
    const alnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    out += alnum || TOKEN_PUNCTUATION.has(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's `http.CanonicalHeaderKey`: upper-case first letter and letters after `-`, the rest lower-case. */
export function canonicalHeaderKey(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

function isIdentityHeader(name: string): boolean {
  return (
    name === 'x-remote-user' ||
    name === 'x-remote-uid' ||
    name === 'x-remote-group' ||
    name.startsWith('x-remote-extra-') ||
    name === 'authorization' ||
    name.startsWith('impersonate-')
  );
}

export interface ForwardOptions {
  /** `host:port` of the backend. */
  host: string;
  /** Address of the client, appended to X-Forwarded-For. */
  clientAddress?: string;
  /** Send X-Remote-Uid (RemoteRequestHeaderUID, on by default in 1.33). */
  sendUid?: boolean;
}

export function forwardHeaders(incoming: IncomingHttpHeaders, user: UserInfo, o: ForwardOptions): OutgoingHttpHeaders {
  const connectionListed = new Set(
    String(incoming.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s !== ''),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || name === 'host' || HOP_BY_HOP.has(name) || connectionListed.has(name)) continue;
    if (isIdentityHeader(name)) continue;
    out[name] = value;
  }
  if (o.clientAddress) {
    const prior = incoming['x-forwarded-for'];
    out['x-forwarded-for'] = prior ? `${String(prior)}, ${o.clientAddress}` : o.clientAddress;
  }
  out.host = o.host;
  out['X-Remote-User'] = user.name;
  if (o.sendUid !== false && user.uid) out['X-Remote-Uid'] = user.uid;
  if (user.groups.length > 0) out['X-Remote-Group'] = [...user.groups];
  for (const [key, values] of Object.entries(user.extra ?? {})) {
    if (values.length > 0) out[canonicalHeaderKey(`X-Remote-Extra-${escapeExtraKey(key)}`)] = [...values];
  }
  return out;
}

/** Go's `url.QueryEscape`. */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The query string as Go's `url.Values.Encode()` re-encodes it: keys sorted, values in order. */
export function encodeQuery(params: URLSearchParams): string {
  const keys = [...new Set(params.keys())].sort();
  const parts: string[] = [];
  for (const k of keys) for (const v of params.getAll(k)) parts.push(`${queryEscape(k)}=${queryEscape(v)}`);
  return parts.join('&');
}
