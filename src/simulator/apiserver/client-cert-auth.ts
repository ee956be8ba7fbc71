/**
 * Default authentication: an X.509 client certificate that chains to one of the configured
 * client CAs (the TLS layer verifies it; `requestCert` without `rejectUnauthorized` lets other
 * requests through to get a proper 401). CN is the user name, each O a group.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from './request-attributes.ts';

function asList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export async function authenticateClientCert(req: IncomingMessage): Promise<UserInfo | undefined> {
  const socket = req.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function' || !socket.authorized) return undefined;
  const cert = socket.getPeerCertificate();
  const cn = asList(cert?.subject?.CN)[0];
  if (!cn) return undefined;
  const groups = asList(cert.subject.O);
  return { name: cn, groups: [...groups, 'system:authenticated'] };
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
