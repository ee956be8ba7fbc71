/**
 * The TLS transport to one APIService's backend, built when the APIService changes: server name
 * `<service>.<namespace>.svc` (never the IP), trust `spec.caBundle` unless
 * `spec.insecureSkipTLSVerify`, the front-proxy client certificate, keep-alive connections.
 * Transport errors are rendered in the words Go's transport uses, since clients and logs of the
 * real thing show those.
 */
import { Agent, type AgentOptions } from 'node:https';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ServiceRef } from './service-resolver.ts';

export interface ClientCertificate {
  certPem: string;
  keyPem: string;
}

export interface BackendTransport {
  agent: Agent;
  /** SNI and verification name. */
  serverName: string;
}

/** Builds the transport; throws with the reason when `spec.caBundle` is unusable. */
export function buildTransport(apiService: KubeObject, ref: ServiceRef, client: ClientCertificate): BackendTransport {
  const spec = apiService.spec ?? {};
  const insecure = spec.insecureSkipTLSVerify === true;
  let ca: string | undefined;
  if (!insecure && typeof spec.caBundle === 'string' && spec.caBundle !== '') {
    ca = Buffer.from(spec.caBundle, 'base64').toString('utf8');
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
      throw new Error('unable to load root certificates: no certificates in caBundle');
  }
  const serverName = `${ref.name}.${ref.namespace}.svc`;
  const options: AgentOptions = {
    keepAlive: true,
    maxSockets: 64,
    cert: client.certPem,
    key: client.keyPem,
    servername: serverName,
    rejectUnauthorized: !insecure,
    ...(ca ? { ca } : {}),
  };
  return { agent: new Agent(options), serverName };
}

/** Options for a request that must not verify the backend (the availability probe). */
export function insecureAgent(client: ClientCertificate): Agent {
  return new Agent({ keepAlive: true, cert: client.certPem, key: client.keyPem, rejectUnauthorized: false });
}

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/** Go's wording of a dial/TLS/transport error towards `host:port`. */
export function goTransportError(err: unknown, hostPort: string, serverName: string): string {
  const e = err as NodeJS.ErrnoException & { reason?: string; cert?: { subjectaltname?: string } };
  const code = e?.code ?? '';
  if (code === 'ECONNREFUSED') return `dial tcp ${hostPort}: connect: connection refused`;
  if (code === 'EHOSTUNREACH') return `dial tcp ${hostPort}: connect: no route to host`;
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return `dial tcp ${hostPort}: i/o timeout`;
  if (code === 'ECONNRESET') return `read tcp ${hostPort}: read: connection reset by peer`;
  if (UNKNOWN_AUTHORITY.has(code))
    return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = (e.cert?.subjectaltname ?? '')
      .split(', ')
      .map((s) => s.replace(/^(DNS|IP Address):/, ''))
      .filter((s) => s !== '');
    return names.length > 0
      ? `tls: failed to verify certificate: x509: certificate is valid for ${names.join(', ')}, not ${serverName}`
      : `tls: failed to verify certificate: x509: certificate is not valid for any names, but wanted to match ${serverName}`;
  }
  return e instanceof Error ? e.message : String(err);
}
