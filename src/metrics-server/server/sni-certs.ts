/**
 * `--tls-sni-cert-key`: extra serving certificates chosen by the TLS server name. Explicit names
 * win over names taken from the certificate (DNS SANs, else the CN); exact names win over
 * `*.domain` wildcards, which match exactly one label.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';
import type { NamedCertKey } from '../options/options.ts';

export interface SniCertificate {
  certPem: string;
  keyPem: string;
  /** Names given on the command line; empty means the certificate's own names. */
  names: string[];
}

export async function readSniCertificates(pairs: readonly NamedCertKey[]): Promise<SniCertificate[]> {
  return Promise.all(
    pairs.map(async (p) => {
      const read = async (file: string, what: string) => {
        try {
          return await readFile(file, 'utf8');
        } catch (err) {
          throw new Error(`failed to read --tls-sni-cert-key ${what} ${file}: ${(err as NodeJS.ErrnoException).code}`, {
            cause: err,
          });
        }
      };
      return { certPem: await read(p.certFile, 'certificate'), keyPem: await read(p.keyFile, 'key'), names: p.names };
    }),
  );
}

function certificateNames(pem: string): string[] {
  const cert = new X509Certificate(pem);
  const dns = (cert.subjectAltName ?? '')
    .split(', ')
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  if (dns.length > 0) return dns;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  return cn ? [cn] : [];
}

/** A Node `SNICallback` over the SNI certificates; unknown names get the default certificate. */
export function sniCallback(
  certs: readonly SniCertificate[],
  base: SecureContextOptions,
): (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void {
  const explicit = new Map<string, SecureContext>();
  const extracted = new Map<string, SecureContext>();
  for (const c of certs) {
    const ctx = createSecureContext({ ...base, cert: c.certPem, key: c.keyPem });
    const target = c.names.length > 0 ? explicit : extracted;
    for (const name of c.names.length > 0 ? c.names : certificateNames(c.certPem)) {
      const key = name.toLowerCase();
      if (!target.has(key)) target.set(key, ctx);
    }
  }
  const lookup = (name: string): SecureContext | undefined => {
    for (const table of [explicit, extracted]) {
      const exact = table.get(name);
      if (exact) return exact;
    }
    const dot = name.indexOf('.');
    if (dot < 0) return undefined;
    const wildcard = `*${name.slice(dot)}`;
    return explicit.get(wildcard) ?? extracted.get(wildcard);
  };
  return (servername, cb) => cb(null, lookup(servername.toLowerCase()));
}
