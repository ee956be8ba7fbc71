import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createCA, issueCertificate } from '../../shared/tls/pki.ts';

export interface ServingCert {
  /** PEM: the serving certificate, followed by its CA when generated. */
  certPem: string;
  keyPem: string;
  /** Files the material came from or was written to. */
  certFile: string;
  keyFile: string;
  generated: boolean;
}

export interface ServingCertOptions {
  certDir: string;
  /** `--tls-cert-file` / `--tls-private-key-file`; both or neither. */
  certFile: string;
  keyFile: string;
  /** `--bind-address`; a specific address is added to the generated certificate's IP SANs. */
  bindAddress: string;
}

/**
 * The serving certificate: the given files, else `<cert-dir>/apiserver.crt` and `.key` when
 * both are readable, else a self-signed pair written there. Nobody is expected to verify it
 * (the APIService says `insecureSkipTLSVerify`), but it names localhost and 127.0.0.1 so local
 * clients with the CA can.
 */
export async function loadServingCert(o: ServingCertOptions): Promise<ServingCert> {
  if (o.certFile !== '' || o.keyFile !== '') {
    return {
      certPem: await readPem(o.certFile, 'serving certificate'),
      keyPem: await readPem(o.keyFile, 'serving key'),
      certFile: o.certFile,
      keyFile: o.keyFile,
      generated: false,
    };
  }
  const certFile = join(o.certDir, 'apiserver.crt');
  const keyFile = join(o.certDir, 'apiserver.key');
  const [certPem, keyPem] = await Promise.all([readOptional(certFile), readOptional(keyFile)]);
  if (certPem !== undefined && keyPem !== undefined) return { certPem, keyPem, certFile, keyFile, generated: false };
  const unix = Math.floor(Date.now() / 1000);
  const ca = await createCA(`localhost-ca@${unix}`, 365);
  const ips = ['127.0.0.1'];
  const bind = o.bindAddress;
  if (bind !== '' && bind !== '0.0.0.0' && bind !== '::' && isIP(bind) !== 0 && !ips.includes(bind)) ips.push(bind);
  const leaf = await issueCertificate(ca, {
    commonName: `localhost@${unix}`,
    dnsNames: ['localhost'],
    ipAddresses: ips,
    usage: 'server',
    validityDays: 365,
  });
  const chain = `${leaf.certPem.trimEnd()}\n${ca.certPem.trimEnd()}\n`;
  try {
    await mkdir(o.certDir, { recursive: true, mode: 0o755 });
    await writeFile(certFile, chain, { mode: 0o644 });
    await writeFile(keyFile, leaf.keyPem, { mode: 0o600 });
  } catch (err) {
    throw new Error(`failed to write self-signed cert to ${o.certDir}: ${(err as Error).message}`, { cause: err });
  }
  return { certPem: chain, keyPem: leaf.keyPem, certFile, keyFile, generated: true };
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`failed to read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
