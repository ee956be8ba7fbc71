/**
 * Test harness for the simulator API server: a fresh CA, serving and admin certificates, a
 * server on 127.0.0.1:0, and an undici client speaking to it with the admin certificate.
 */
import { Agent, request } from 'undici';
import { createCA, issueCertificate } from '../../src/shared/tls/pki.ts';
import { ApiServer, type ApiServerOptions } from '../../src/simulator/apiserver/server.ts';

export interface Harness {
  server: ApiServer;
  url: string;
  caPem: string;
  admin: { certPem: string; keyPem: string };
  agent: Agent;
  anonymous: Agent;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  watch(path: string, headers?: Record<string, string>): Promise<WatchReader>;
  close(): Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is when a string or Buffer; JSON-encoded otherwise. */
  contentType?: string;
  headers?: Record<string, string>;
  agent?: Agent;
}

export interface CallResult {
  status: number;
  contentType: string;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are arbitrary JSON
  json: any;
}

export interface WatchReader {
  status: number;
  /** Resolves with the next event, or undefined when the stream ended. */
  // biome-ignore lint/suspicious/noExplicitAny: watch events are arbitrary JSON
  next(): Promise<any | undefined>;
  close(): void;
}

export async function startHarness(options: Partial<ApiServerOptions> = {}): Promise<Harness> {
  const ca = await createCA('kube-metrics-test-ca');
  const serving = await issueCertificate(ca, {
    commonName: 'kube-apiserver',
    ipAddresses: ['127.0.0.1'],
    usage: 'server',
  });
  const admin = await issueCertificate(ca, { commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
  const server = new ApiServer({ tls: { cert: serving.certPem, key: serving.keyPem, ca: [ca.certPem] }, ...options });
  const { url } = await server.listen(0);
  const agent = new Agent({ connect: { ca: ca.certPem, cert: admin.certPem, key: admin.keyPem } });
  const anonymous = new Agent({ connect: { ca: ca.certPem } });

  const call = async (method: string, path: string, o: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...o.headers };
    let body: string | Buffer | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' || Buffer.isBuffer(o.body) ? o.body : JSON.stringify(o.body);
      headers['content-type'] = o.contentType ?? 'application/json';
    }
    const res = await request(url + path, { method: method as 'GET', headers, body, dispatcher: o.agent ?? agent });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), text, json };
  };

  const watch = async (path: string, headers: Record<string, string> = {}): Promise<WatchReader> => {
    const controller = new AbortController();
    const res = await request(url + path, { method: 'GET', headers, dispatcher: agent, signal: controller.signal });
    const lines: string[] = [];
    let buffered = '';
    let ended = false;
    let wake: (() => void) | undefined;
    res.body.setEncoding('utf8');
    res.body.on('data', (chunk: string) => {
      buffered += chunk;
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        lines.push(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf('\n');
      }
      wake?.();
    });
    const finish = (): void => {
      ended = true;
      wake?.();
    };
    res.body.on('end', finish);
    res.body.on('error', finish);
    return {
      status: res.statusCode,
      async next() {
        while (lines.length === 0 && !ended) await new Promise<void>((r) => (wake = r));
        const line = lines.shift();
        return line === undefined ? undefined : JSON.parse(line);
      },
      close() {
        controller.abort();
      },
    };
  };

  return {
    server,
    url,
    caPem: ca.certPem,
    admin,
    agent,
    anonymous,
    call,
    watch,
    async close() {
      await server.close();
      await agent.close();
      await anonymous.close();
    },
  };
}
