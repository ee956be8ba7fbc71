/**
 * The simulator's state directory: the PKI a kubeadm cluster keeps in /etc/kubernetes/pki, and
 * an admin kubeconfig. Valid material is reused across runs, so kubeconfigs handed out earlier
 * keep working; anything missing, unreadable, expiring or signed by another CA is re-issued.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { type CA, createCA, type IssueOptions, issueCertificate, type KeyPairPem, loadCA } from '../shared/tls/pki.ts';

export const DEFAULT_STATE_DIR = '.kube-metrics/sim';
export const CLUSTER_NAME = 'kube-metrics-sim';
export const ADMIN_USER = 'admin';

/** Material that expires within this window is replaced at start (ms). */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;
const CA_VALIDITY_DAYS = 3650;
const LEAF_VALIDITY_DAYS = 365;

export interface PkiPaths {
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  adminCert: string;
  adminKey: string;
  frontProxyCACert: string;
  frontProxyCAKey: string;
  frontProxyClientCert: string;
  frontProxyClientKey: string;
  kubeletCACert: string;
  kubeletCAKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

export interface SimulatorPki {
  /** Absolute state directory. */
  dir: string;
  /** Absolute `<dir>/pki`. */
  pkiDir: string;
  /** Absolute `<dir>/kubeconfig` (written by `writeKubeconfig`). */
  kubeconfigPath: string;
  paths: PkiPaths;
  /** Cluster CA: signs the serving certificate and client certificates the API server trusts. */
  ca: CA;
  apiserver: KeyPairPem;
  admin: KeyPairPem;
  /** Separate CA for the aggregation layer's front-proxy client (requestheader-client-ca-file). */
  frontProxyCA: CA;
  frontProxyClient: KeyPairPem;
  /** Signs simulated kubelets' serving certificates. */
  kubeletCA: CA;
  /** Service-account token signing key (RSA 2048 → RS256 JWTs, like kubeadm's sa.key). */
  serviceAccount: { privateKeyPem: string; publicKeyPem: string };
  /** Names of the files (re)written during this call, relative to `pkiDir`; empty when all were reused. */
  written: string[];
}

function pkiPaths(pkiDir: string): PkiPaths {
  const p = (f: string) => join(pkiDir, f);
  return {
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    apiserverCert: p('apiserver.crt'),
    apiserverKey: p('apiserver.key'),
    adminCert: p('admin.crt'),
    adminKey: p('admin.key'),
    frontProxyCACert: p('front-proxy-ca.crt'),
    frontProxyCAKey: p('front-proxy-ca.key'),
    frontProxyClientCert: p('front-proxy-client.crt'),
    frontProxyClientKey: p('front-proxy-client.key'),
    kubeletCACert: p('kubelet-ca.crt'),
    kubeletCAKey: p('kubelet-ca.key'),
    serviceAccountKey: p('sa.key'),
    serviceAccountPub: p('sa.pub'),
  };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`reading ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes through a temporary file so a crash never leaves half a key behind. */
async function writeSecure(path: string, data: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

function stillValid(cert: X509Certificate, now: number): boolean {
  return Date.parse(cert.validFrom) <= now && Date.parse(cert.validTo) - RENEW_BEFORE_MS > now;
}

async function ensureCA(certPath: string, keyPath: string, cn: string, written: string[], now: number): Promise<CA> {
  const [certPem, keyPem] = await Promise.all([readOptional(certPath), readOptional(keyPath)]);
  if (certPem && keyPem) {
    try {
      const ca = await loadCA(certPem, keyPem);
      if (stillValid(new X509Certificate(certPem), now)) {
        await chmod(keyPath, 0o600);
        return ca;
      }
    } catch {
      // Unusable CA files are replaced below, with every certificate they signed.
    }
  }
  const ca = await createCA(cn, CA_VALIDITY_DAYS);
  await writeSecure(certPath, ca.certPem, 0o644);
  await writeSecure(keyPath, ca.keyPem, 0o600);
  written.push(baseName(certPath), baseName(keyPath));
  return ca;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function sameNames(actual: string | undefined, wanted: string[]): boolean {
  const have = (actual ?? '')
    .split(', ')
    .filter((s) => s !== '')
    .sort();
  return JSON.stringify(have) === JSON.stringify([...wanted].sort());
}

async function ensureLeaf(
  ca: CA,
  certPath: string,
  keyPath: string,
  opts: IssueOptions,
  written: string[],
  now: number,
): Promise<KeyPairPem> {
  const [certPem, keyPem] = await Promise.all([readOptional(certPath), readOptional(keyPath)]);
  if (certPem && keyPem) {
    try {
      const cert = new X509Certificate(certPem);
      const caCert = new X509Certificate(ca.certPem);
      const wantedSans = [
        ...(opts.dnsNames ?? []).map((d) => `DNS:${d}`),
        ...(opts.ipAddresses ?? []).map((ip) => `IP Address:${ip}`),
      ];
      const keyMatches = createPublicKey(createPrivateKey(keyPem)).equals(cert.publicKey);
      if (
        keyMatches &&
        cert.checkIssued(caCert) &&
        cert.verify(caCert.publicKey) &&
        stillValid(cert, now) &&
        sameNames(cert.subjectAltName, wantedSans)
      ) {
        await chmod(keyPath, 0o600);
        return { certPem, keyPem };
      }
    } catch {
      // Unparseable files are simply re-issued.
    }
  }
  const pair = await issueCertificate(ca, { validityDays: LEAF_VALIDITY_DAYS, ...opts });
  await writeSecure(certPath, pair.certPem, 0o644);
  await writeSecure(keyPath, pair.keyPem, 0o600);
  written.push(baseName(certPath), baseName(keyPath));
  return pair;
}

async function ensureServiceAccountKey(
  paths: PkiPaths,
  written: string[],
): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const [privateKeyPem, publicKeyPem] = await Promise.all([
    readOptional(paths.serviceAccountKey),
    readOptional(paths.serviceAccountPub),
  ]);
  if (privateKeyPem && publicKeyPem) {
    try {
      const derived = createPublicKey(createPrivateKey(privateKeyPem));
      if (derived.equals(createPublicKey(publicKeyPem))) {
        await chmod(paths.serviceAccountKey, 0o600);
        return { privateKeyPem, publicKeyPem };
      }
    } catch {
      // Replaced below.
    }
  }
  const pair = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await writeSecure(paths.serviceAccountKey, pair.privateKey, 0o600);
  await writeSecure(paths.serviceAccountPub, pair.publicKey, 0o644);
  written.push('sa.key', 'sa.pub');
  return { privateKeyPem: pair.privateKey, publicKeyPem: pair.publicKey };
}

/**
 * Creates or reuses `<stateDir>/pki`. The kubeconfig is written separately, once the server's
 * port is known. `now` (ms since epoch) is injectable for expiry tests.
 */
export async function prepareStateDir(stateDir: string = DEFAULT_STATE_DIR, now = Date.now()): Promise<SimulatorPki> {
  const dir = resolve(stateDir);
  const pkiDir = join(dir, 'pki');
  try {
    await mkdir(pkiDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new Error(`cannot create state directory ${pkiDir}: ${(err as Error).message}`, { cause: err });
  }
  const paths = pkiPaths(pkiDir);
  const written: string[] = [];

  const [ca, frontProxyCA, kubeletCA] = await Promise.all([
    ensureCA(paths.caCert, paths.caKey, 'kubernetes', written, now),
    ensureCA(paths.frontProxyCACert, paths.frontProxyCAKey, 'front-proxy-ca', written, now),
    ensureCA(paths.kubeletCACert, paths.kubeletCAKey, 'kubelet-ca', written, now),
  ]);
  const [apiserver, admin, frontProxyClient, serviceAccount] = await Promise.all([
    ensureLeaf(
      ca,
      paths.apiserverCert,
      paths.apiserverKey,
      {
        commonName: 'kube-apiserver',
        usage: 'server',
        ipAddresses: ['127.0.0.1'],
        dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
      },
      written,
      now,
    ),
    ensureLeaf(
      ca,
      paths.adminCert,
      paths.adminKey,
      { commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: 'client' },
      written,
      now,
    ),
    ensureLeaf(
      frontProxyCA,
      paths.frontProxyClientCert,
      paths.frontProxyClientKey,
      { commonName: 'front-proxy-client', usage: 'client' },
      written,
      now,
    ),
    ensureServiceAccountKey(paths, written),
  ]);
  return {
    dir,
    pkiDir,
    kubeconfigPath: join(dir, 'kubeconfig'),
    paths,
    ca,
    apiserver,
    admin,
    frontProxyCA,
    frontProxyClient,
    kubeletCA,
    serviceAccount,
    written,
  };
}

const b64 = (pem: string) => Buffer.from(pem).toString('base64');

/** The admin kubeconfig for `serverUrl` (`https://127.0.0.1:<port>`), with every credential inlined. */
export function kubeconfigYaml(pki: Pick<SimulatorPki, 'ca' | 'admin'>, serverUrl: string): string {
  const context = `${ADMIN_USER}@${CLUSTER_NAME}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: CLUSTER_NAME, cluster: { server: serverUrl, 'certificate-authority-data': b64(pki.ca.certPem) } },
    ],
    users: [
      {
        name: ADMIN_USER,
        user: { 'client-certificate-data': b64(pki.admin.certPem), 'client-key-data': b64(pki.admin.keyPem) },
      },
    ],
    contexts: [{ name: context, context: { cluster: CLUSTER_NAME, user: ADMIN_USER, namespace: 'default' } }],
    'current-context': context,
    preferences: {},
  });
}

/**
 * A kubeconfig for the simulator that authenticates with a bearer token only (a ServiceAccount
 * token from TokenRequest): what a component running as its ServiceAccount is given.
 */
export function tokenKubeconfigYaml(
  pki: Pick<SimulatorPki, 'ca'>,
  serverUrl: string,
  user: string,
  token: string,
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: CLUSTER_NAME, cluster: { server: serverUrl, 'certificate-authority-data': b64(pki.ca.certPem) } },
    ],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: user, context: { cluster: CLUSTER_NAME, user, namespace: 'default' } }],
    'current-context': user,
  });
}

/** Writes `<dir>/kubeconfig` (mode 0600: it holds the admin key) and returns its absolute path. */
export async function writeKubeconfig(pki: SimulatorPki, serverUrl: string): Promise<string> {
  await writeSecure(pki.kubeconfigPath, kubeconfigYaml(pki, serverUrl), 0o600);
  return pki.kubeconfigPath;
}
