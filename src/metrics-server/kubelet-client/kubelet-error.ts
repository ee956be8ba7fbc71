import type { X509Certificate } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { isIP } from 'node:net';

/**
 * Why a kubelet request failed. Messages reproduce the Go wording metrics-server logs (users
 * search for `x509: cannot validate certificate for ... because it doesn't contain any IP SANs`,
 * `context deadline exceeded`, `connect: connection refused`), wrapped as Go's `url.Error`
 * (`Get "https://10.0.0.1:10250/metrics/resource": ...`) where upstream wraps them.
 */
export type KubeletFailure =
  | 'address' // no usable node address
  | 'connect' // DNS, refused, unreachable, reset
  | 'tls' // certificate verification
  | 'timeout' // --kubelet-request-timeout or the tick deadline
  | 'canceled' // shutdown
  | 'status' // non-200 answer
  | 'too-large' // body over the response size cap
  | 'read'; // body broke off

export class KubeletError extends Error {
  override readonly name = 'KubeletError';
  readonly node: string;
  /** The URL asked, when an address was found. */
  readonly url: string | undefined;
  readonly failure: KubeletFailure;
  readonly statusCode: number | undefined;

  constructor(
    init: { node: string; url?: string; failure: KubeletFailure; message: string; statusCode?: number },
    options?: ErrorOptions,
  ) {
    super(init.message, options);
    this.node = init.node;
    this.url = init.url;
    this.failure = init.failure;
    this.statusCode = init.statusCode;
  }
}

/** Go's `resp.Status`: the code and the reason phrase the server sent (`500 Internal Server Error`). */
export function statusText(code: number, reason?: string): string {
  return `${code} ${reason || STATUS_CODES[code] || 'status code ' + code}`;
}

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/** A TLS verification failure, already in Go's words; thrown by the kubelet connector. */
export class CertificateError extends Error {
  override readonly name = 'CertificateError';
}

/**
 * Verifies a kubelet's certificate in Go's order (validity period, then the host name, then the
 * chain), so a self-signed kubelet cert reached by IP reports the IP SAN problem like upstream,
 * not the unknown authority Node's own order would report.
 */
export function verifyPeer(
  host: string,
  cert: X509Certificate | undefined,
  authorizationError: string | undefined,
): CertificateError | undefined {
  const prefix = 'tls: failed to verify certificate: ';
  if (authorizationError === 'CERT_HAS_EXPIRED' || authorizationError === 'CERT_NOT_YET_VALID') {
    return new CertificateError(`${prefix}x509: certificate has expired or is not yet valid`);
  }
  const hostError = hostnameError(host, cert);
  if (hostError) return new CertificateError(prefix + hostError);
  if (authorizationError) {
    if (UNKNOWN_AUTHORITY.has(authorizationError)) {
      return new CertificateError(`${prefix}x509: certificate signed by unknown authority`);
    }
    return new CertificateError(`${prefix}x509: ${authorizationError}`);
  }
  return undefined;
}

/** Go's `x509.HostnameError` text, or undefined when the certificate covers `host`. */
export function hostnameError(host: string, cert: X509Certificate | undefined): string | undefined {
  if (cert) {
    // Go ignores the subject CN (since 1.15) and only allows whole left-most label wildcards.
    const ok = isIP(host)
      ? cert.checkIP(host) !== undefined
      : cert.checkHost(host.replace(/\.$/, ''), { subject: 'never', partialWildcards: false }) !== undefined;
    if (ok) return undefined;
  }
  const sans = parseSubjectAltName(cert?.subjectAltName ?? '');
  if (isIP(host)) {
    if (sans.ips.length === 0)
      return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
    return `x509: certificate is valid for ${sans.ips.map(goIp).join(', ')}, not ${host}`;
  }
  if (sans.dns.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${sans.dns.join(', ')}, not ${host}`;
}

function parseSubjectAltName(text: string): { dns: string[]; ips: string[] } {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const part of text.split(/,\s*/)) {
    if (part.startsWith('DNS:')) dns.push(part.slice(4));
    else if (part.startsWith('IP Address:')) ips.push(part.slice(11));
  }
  return { dns, ips };
}

/** OpenSSL prints IPv6 SANs expanded (`FD00:0:0:0:0:0:0:5`); Go prints them compressed (`fd00::5`). */
function goIp(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}

/** Go's dial error wording for Node's socket error codes. */
export function transportMessage(err: Error & { code?: string }, hostPort: string, host: string): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${hostPort}: connect: connection refused`;
    case 'EHOSTUNREACH':
      return `dial tcp ${hostPort}: connect: no route to host`;
    case 'ENETUNREACH':
      return `dial tcp ${hostPort}: connect: network is unreachable`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `dial tcp ${hostPort}: i/o timeout`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${host}: no such host`;
    case 'ECONNRESET':
      return `read tcp ${hostPort}: read: connection reset by peer`;
    case 'UND_ERR_SOCKET':
      return 'EOF';
    case 'EPIPE':
      return `write tcp ${hostPort}: write: broken pipe`;
    default:
      return err.code ? `${err.message} (${err.code})` : err.message;
  }
}
