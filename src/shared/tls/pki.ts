/**
 * A small certificate authority for the simulator, tests and demo: ECDSA P-256 keys through
 * WebCrypto, certificates built by @peculiar/x509. Keys are PKCS#8 PEM (what `node:tls` and
 * Go's `tls.X509KeyPair` accept); certificates are PEM.
 */
import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes, sign, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import {
  bitString,
  explicit,
  implicit,
  ipBytes,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  TRUE,
  time,
  unsignedInteger,
  utf8String,
} from './der.ts';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const crypto = webcrypto;
x509.cryptoProvider.set(crypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

const KEY_ALGORITHM: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
/** Certificates start one hour in the past, as client-go does, so small clock skews never reject them. */
const BACKDATE_MS = 60 * 60 * 1000;

export interface CA {
  certPem: string;
  keyPem: string;
  /** Distinguished name of the CA, for messages. */
  subject: string;
  /**
   * DER of the CA's subject name. Issued certificates copy it byte for byte as their issuer,
   * because Go chains certificates by comparing raw issuer and subject bytes.
   */
  subjectDer: ArrayBuffer;
  /** Expiry of the CA certificate. */
  notAfter: Date;
  /** Private key, imported once so issuing does not re-parse PEM. */
  signingKey: CryptoKey;
  /** The same key for node:crypto, which signs leaf certificates. */
  keyObject: KeyObject;
  /** Hex SHA-1 key id of the CA's public key, referenced by issued certificates. */
  keyId: string;
}

export type CertificateUsage = 'server' | 'client' | 'both';

export interface IssueOptions {
  commonName: string;
  /** Subject O values; Kubernetes reads them as the user's groups. */
  organizations?: string[];
  ipAddresses?: string[];
  dnsNames?: string[];
  usage: CertificateUsage;
  /** Lifetime in days from now (default 365). */
  validityDays?: number;
}

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

function serialNumber(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  // A positive DER INTEGER: clear the top bit, and keep the first byte non-zero.
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

function validity(validityDays: number): { notBefore: Date; notAfter: Date } {
  if (!Number.isFinite(validityDays) || validityDays <= 0) {
    throw new Error(`validityDays must be a positive number, got ${validityDays}`);
  }
  const now = Date.now();
  return { notBefore: new Date(now - BACKDATE_MS), notAfter: new Date(now + validityDays * DAY_MS) };
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

function name(commonName: string, organizations: string[] = []): x509.Name {
  if (commonName === '') throw new Error('certificate common name must not be empty');
  const json: x509.JsonName = [];
  for (const o of organizations) json.push({ O: [o] });
  json.push({ CN: [commonName] });
  return new x509.Name(json);
}

async function keyIdOf(publicKey: CryptoKey): Promise<string> {
  const ext = await x509.SubjectKeyIdentifierExtension.create(publicKey);
  return ext.keyId;
}

/** Creates a self-signed CA certificate and key (default validity 10 years). */
export async function createCA(commonName: string, validityDays = 3650): Promise<CA> {
  const keys = await generateKeys();
  const subject = name(commonName);
  const { notBefore, notAfter } = validity(validityDays);
  const keyId = await keyIdOf(keys.publicKey);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: subject,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      new x509.SubjectKeyIdentifierExtension(keyId),
    ],
  });
  return {
    certPem: cert.toString('pem'),
    keyPem: await exportKeyPem(keys.privateKey),
    subject: cert.subject,
    subjectDer: cert.subjectName.toArrayBuffer(),
    notAfter: cert.notAfter,
    signingKey: keys.privateKey,
    keyObject: KeyObject.from(keys.privateKey),
    keyId,
  };
}

/** Rebuilds a CA from its PEM files; fails when the key does not belong to the certificate. */
export async function loadCA(certPem: string, keyPem: string): Promise<CA> {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(certPem);
  } catch (err) {
    throw new Error(`CA certificate is not valid PEM: ${(err as Error).message}`, { cause: err });
  }
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  if (!basic?.ca) throw new Error(`certificate ${cert.subject} is not a CA (basicConstraints CA:FALSE or missing)`);
  let signingKey: CryptoKey;
  try {
    const der = x509.PemConverter.decodeFirst(keyPem);
    signingKey = await crypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, true, ['sign']);
  } catch (err) {
    throw new Error(`CA key for ${cert.subject} is not a PKCS#8 ECDSA P-256 PEM key: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const publicKey = await cert.publicKey.export(KEY_ALGORITHM, ['verify'], crypto);
  const probe = new Uint8Array([1, 2, 3]);
  const signature = await crypto.subtle.sign(SIGNING_ALGORITHM, signingKey, probe);
  if (!(await crypto.subtle.verify(SIGNING_ALGORITHM, publicKey, signature, probe))) {
    throw new Error(`CA key does not match certificate ${cert.subject}`);
  }
  return {
    certPem: cert.toString('pem'),
    keyPem,
    subject: cert.subject,
    subjectDer: cert.subjectName.toArrayBuffer(),
    notAfter: cert.notAfter,
    signingKey,
    keyObject: createPrivateKey(keyPem),
    keyId: await keyIdOf(publicKey),
  };
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};
const ECDSA_SHA256 = sequence(oid(OID.ecdsaWithSha256));

function nameDer(commonName: string, organizations: string[]): Buffer {
  if (commonName === '') throw new Error('certificate common name must not be empty');
  const rdn = (type: string, value: string) => set(sequence(oid(type), utf8String(value)));
  return sequence(...organizations.map((o) => rdn(OID.organization, o)), rdn(OID.commonName, commonName));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), TRUE, octetString(value)) : sequence(oid(id), octetString(value));
}

function subjectAltNames(opts: IssueOptions): Buffer | undefined {
  const names: Buffer[] = [];
  for (const dns of opts.dnsNames ?? []) {
    if (dns === '' || !/^[\x21-\x7e]+$/.test(dns)) {
      throw new Error(`invalid DNS name ${JSON.stringify(dns)} for certificate ${opts.commonName}`);
    }
    names.push(implicit(2, Buffer.from(dns, 'ascii')));
  }
  for (const ip of opts.ipAddresses ?? []) {
    if (isIP(ip) === 0) throw new Error(`invalid IP address ${JSON.stringify(ip)} for certificate ${opts.commonName}`);
    names.push(implicit(7, ipBytes(ip)));
  }
  return names.length > 0 ? extension(OID.subjectAltName, false, sequence(...names)) : undefined;
}

function extendedUsages(usage: CertificateUsage): string[] {
  switch (usage) {
    case 'server':
      return [OID.serverAuth];
    case 'client':
      return [OID.clientAuth];
    case 'both':
      return [OID.serverAuth, OID.clientAuth];
    default:
      throw new Error(`unknown certificate usage ${JSON.stringify(usage)}`);
  }
}

function pem(der: Buffer, label: string): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

/**
 * Issues a leaf certificate signed by `ca`, with a fresh P-256 key. Encoded directly in DER and
 * signed with node:crypto (about ten times faster than going through the ASN.1 library).
 */
export async function issueCertificate(ca: CA, opts: IssueOptions): Promise<KeyPairPem> {
  const usages = extendedUsages(opts.usage);
  const subject = nameDer(opts.commonName, opts.organizations ?? []);
  const san = subjectAltNames(opts);
  const { notBefore } = validity(opts.validityDays ?? 365);
  let { notAfter } = validity(opts.validityDays ?? 365);
  // A leaf never outlives its CA: verifiers would reject the chain after the CA expires anyway.
  if (notAfter > ca.notAfter) notAfter = ca.notAfter;
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const extensions = [
    extension(OID.basicConstraints, true, sequence()),
    // digitalSignature (bit 0) and keyEncipherment (bit 2): 0b101 followed by 5 unused bits.
    extension(OID.keyUsage, true, bitString(Buffer.from([0xa0]), 5)),
    extension(OID.extKeyUsage, false, sequence(...usages.map(oid))),
    extension(OID.authorityKeyId, false, sequence(implicit(0, Buffer.from(ca.keyId, 'hex')))),
  ];
  if (san) extensions.push(san);
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    ECDSA_SHA256,
    Buffer.from(ca.subjectDer),
    sequence(time(notBefore), time(notAfter)),
    subject,
    keys.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, { key: ca.keyObject, dsaEncoding: 'der' });
  const cert = sequence(tbs, ECDSA_SHA256, bitString(signature));
  return {
    certPem: pem(cert, 'CERTIFICATE'),
    keyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
