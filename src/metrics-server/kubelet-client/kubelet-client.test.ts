import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import type { KubeObject } from '../../shared/kube/object.ts';
import { createCA, issueCertificate, type KeyPairPem } from '../../shared/tls/pki.ts';
import { KubeletClient, KubeletError, kubeletTlsFrom } from './kubelet-client.ts';

const BODY = '# TYPE node_cpu_usage_seconds_total counter\nnode_cpu_usage_seconds_total 12.5 1700000000000\n';

function node(name: string, port: number, path?: string, address = '127.0.0.1'): KubeObject {
  return {
    metadata: { name, ...(path ? { annotations: { 'metrics.k8s.io/resource-metrics-path': path } } : {}) },
    status: {
      addresses: [{ type: 'InternalIP', address }],
      daemonEndpoints: { kubeletEndpoint: { Port: port } },
    },
  };
}

interface Seen {
  authorization?: string;
  clientCN?: string;
}

function kubeletServer(pair: KeyPairPem, clientCA: string, seen: Seen): Server {
  return createServer(
    { cert: pair.certPem, key: pair.keyPem, ca: clientCA, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      seen.authorization = req.headers.authorization;
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      seen.clientCN = String(peer?.subject?.CN);
      switch (req.url) {
        case '/metrics/resource':
          res.end(BODY);
          return;
        case '/fail':
          res.writeHead(500).end('boom');
          return;
        case '/big':
          res.end('x'.repeat(2048));
          return;
        case '/big-chunked':
          res.write('x'.repeat(800));
          res.end('x'.repeat(800));
          return;
        case '/slow':
          return; // never answers
        default:
          res.writeHead(404).end();
      }
    },
  );
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe('KubeletClient over HTTPS', () => {
  const servers: Array<Server | ReturnType<typeof createHttpServer>> = [];
  const clients: KubeletClient[] = [];
  let ca: Awaited<ReturnType<typeof createCA>>;
  let clientPair: KeyPairPem;
  let goodPort = 0;
  let noIpSanPort = 0;
  let foreignPort = 0;
  let closedPort = 0;
  let plainPort = 0;
  const seen: Seen = {};

  before(async () => {
    ca = await createCA('kubelet-ca');
    const foreign = await createCA('someone-else');
    clientPair = await issueCertificate(ca, { commonName: 'metrics-server', usage: 'client' });
    const good = await issueCertificate(ca, { commonName: 'node-a', ipAddresses: ['127.0.0.1'], usage: 'server' });
    const noIp = await issueCertificate(ca, { commonName: 'node-b', dnsNames: ['node-b'], usage: 'server' });
    const untrusted = await issueCertificate(foreign, {
      commonName: 'node-c',
      ipAddresses: ['127.0.0.1'],
      usage: 'server',
    });
    for (const [pair, set] of [
      [good, (p: number) => (goodPort = p)],
      [noIp, (p: number) => (noIpSanPort = p)],
      [untrusted, (p: number) => (foreignPort = p)],
    ] as const) {
      const s = kubeletServer(pair, ca.certPem, seen);
      servers.push(s);
      set(await listen(s));
    }
    const closed = createHttpServer();
    closedPort = await listen(closed);
    await new Promise((r) => closed.close(r));
    const plain = createHttpServer((req, res) => {
      seen.authorization = req.headers.authorization;
      res.end(BODY);
    });
    servers.push(plain);
    plainPort = await listen(plain);
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  function client(opts: Partial<ConstructorParameters<typeof KubeletClient>[0]> = {}): KubeletClient {
    const c = new KubeletClient({
      useNodeStatusPort: true,
      tls: { ca: ca.certPem, cert: clientPair.certPem, key: clientPair.keyPem, insecureSkipVerify: false },
      authHeader: async () => 'Bearer sa-token',
      requestTimeoutMs: 2000,
      ...opts,
    });
    clients.push(c);
    return c;
  }

  it('fetches /metrics/resource with the bearer token and client certificate', async () => {
    const res = await client().getMetrics(node('node-a', goodPort));
    assert.equal(res.body.toString(), BODY);
    assert.equal(res.url, `https://127.0.0.1:${goodPort}/metrics/resource`);
    assert.equal(typeof res.requestTime, 'number');
    assert.equal(seen.authorization, 'Bearer sa-token');
    assert.equal(seen.clientCN, 'metrics-server');
  });

  const failures = [
    {
      name: 'kubelet cert without IP SANs reached by IP',
      port: () => noIpSanPort,
      path: undefined,
      failure: 'tls',
      message: (p: number) =>
        `Get "https://127.0.0.1:${p}/metrics/resource": tls: failed to verify certificate: x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs`,
    },
    {
      name: 'kubelet cert from an unknown CA',
      port: () => foreignPort,
      path: undefined,
      failure: 'tls',
      message: (p: number) =>
        `Get "https://127.0.0.1:${p}/metrics/resource": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    },
    {
      name: 'nothing listening',
      port: () => closedPort,
      path: undefined,
      failure: 'connect',
      message: (p: number) =>
        `Get "https://127.0.0.1:${p}/metrics/resource": dial tcp 127.0.0.1:${p}: connect: connection refused`,
    },
    {
      name: 'HTTP 500',
      port: () => goodPort,
      path: '/fail',
      failure: 'status',
      message: () => 'request failed, status: "500 Internal Server Error"',
    },
    {
      name: 'kubelet never answers',
      port: () => goodPort,
      path: '/slow',
      failure: 'timeout',
      message: (p: number) => `Get "https://127.0.0.1:${p}/slow": context deadline exceeded`,
    },
    {
      name: 'declared body over the cap',
      port: () => goodPort,
      path: '/big',
      failure: 'too-large',
      message: () => 'failed to read response body - response exceeds the 1 KiB limit on kubelet responses',
    },
    {
      name: 'chunked body over the cap',
      port: () => goodPort,
      path: '/big-chunked',
      failure: 'too-large',
      message: () => 'failed to read response body - response exceeds the 1 KiB limit on kubelet responses',
    },
  ];
  for (const c of failures) {
    it(`fails with Go's words: ${c.name}`, async () => {
      const kc = client({ requestTimeoutMs: 300, maxResponseBytes: 1024 });
      const port = c.port();
      await assert.rejects(kc.getMetrics(node('node-x', port, c.path)), (err: unknown) => {
        assert.ok(err instanceof KubeletError);
        assert.equal(err.message, c.message(port));
        assert.equal(err.failure, c.failure);
        assert.equal(err.node, 'node-x');
        return true;
      });
    });
  }

  it('a rejected kubelet stays rejected on the next connection (no session resumption)', async () => {
    const kc = client();
    for (let i = 0; i < 3; i++) {
      await assert.rejects(kc.getMetrics(node('node-b', noIpSanPort)), { failure: 'tls' });
    }
  });

  it('--kubelet-insecure-tls accepts any serving certificate', async () => {
    const kc = client({ tls: { insecureSkipVerify: true } });
    for (const port of [noIpSanPort, foreignPort]) {
      const res = await kc.getMetrics(node('node-b', port));
      assert.equal(res.body.toString(), BODY);
    }
  });

  it('an aborted tick reports context canceled', async () => {
    const controller = new AbortController();
    const pending = client().getMetrics(node('node-a', goodPort, '/slow'), controller.signal);
    controller.abort();
    await assert.rejects(pending, {
      failure: 'canceled',
      message: `Get "https://127.0.0.1:${goodPort}/slow": context canceled`,
    });
  });

  it('a kubelet stuck in the TLS handshake releases the request as soon as the tick aborts', async () => {
    // Accepts TCP and never answers the ClientHello: undici alone would wait for its connect timeout.
    const sockets: Socket[] = [];
    const tarpit = createNetServer((s) => sockets.push(s));
    await new Promise<void>((r) => tarpit.listen(0, '127.0.0.1', r));
    const port = (tarpit.address() as AddressInfo).port;
    try {
      const controller = new AbortController();
      const pending = client({ requestTimeoutMs: 60_000 }).getMetrics(node('node-t', port), controller.signal);
      while (sockets.length === 0) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      const outcome = await Promise.race([
        pending.then(
          () => 'resolved',
          (err: KubeletError) => err.failure,
        ),
        new Promise((r) => setTimeout(() => r('still waiting after 10 s'), 10_000).unref()),
      ]);
      assert.equal(outcome, 'canceled');
    } finally {
      for (const s of sockets) s.destroy();
      tarpit.close();
    }
  });

  it('plain HTTP (deprecated completely insecure) never sends the token', async () => {
    seen.authorization = 'unset';
    const res = await client({ scheme: 'http' }).getMetrics(node('node-p', plainPort));
    assert.equal(res.url, `http://127.0.0.1:${plainPort}/metrics/resource`);
    assert.equal(seen.authorization, undefined);
  });

  it('names the node when no address type matches', async () => {
    const n = node('node-z', goodPort);
    n.status.addresses = [{ type: 'Hostname', address: 'node-z' }];
    await assert.rejects(client({ preferredAddressTypes: ['InternalIP', 'ExternalIP'] }).getMetrics(n), {
      failure: 'address',
      node: 'node-z',
      message: 'no address matched types [InternalIP ExternalIP]',
    });
  });
});

describe('KubeletClient options', () => {
  const base = { tls: { insecureSkipVerify: true }, requestTimeoutMs: 1000 };
  const cases = [
    { name: 'timeout', opts: { ...base, requestTimeoutMs: 0 }, want: 'kubelet-request-timeout should be positive' },
    { name: 'port', opts: { ...base, defaultPort: 70000 }, want: 'kubelet-port 70000 is not a valid port' },
    {
      name: 'cap',
      opts: { ...base, maxResponseBytes: -1 },
      want: 'maxResponseBytes must be a positive integer, got -1',
    },
    {
      name: 'types',
      opts: { ...base, preferredAddressTypes: [] },
      want: 'kubelet-preferred-address-types must not be empty',
    },
    {
      name: 'bad PEM',
      opts: { ...base, tls: { insecureSkipVerify: false, cert: 'not a pem', key: 'nor this' } },
      want: /^unable to use the kubelet TLS material/,
    },
  ];
  for (const c of cases) {
    it(`rejects a bad ${c.name}`, () => {
      assert.throws(() => new KubeletClient(c.opts), { message: c.want });
    });
  }
});

describe('kubeletTlsFrom', () => {
  const cfg = { ca: 'CLUSTER-CA', cert: 'KC-CERT', key: 'KC-KEY' };
  const cases = [
    {
      name: 'defaults to the kubeconfig',
      flags: {},
      want: { insecureSkipVerify: false, ca: 'CLUSTER-CA', cert: 'KC-CERT', key: 'KC-KEY' },
    },
    {
      name: 'insecure drops the CA',
      flags: { insecureTls: true },
      want: { insecureSkipVerify: true, cert: 'KC-CERT', key: 'KC-KEY' },
    },
    {
      name: 'CA flag replaces',
      flags: { caPem: 'KUBELET-CA' },
      want: { insecureSkipVerify: false, ca: 'KUBELET-CA', cert: 'KC-CERT', key: 'KC-KEY' },
    },
    {
      name: 'client pair replaces',
      flags: { clientCertPem: 'C', clientKeyPem: 'K' },
      want: { insecureSkipVerify: false, ca: 'CLUSTER-CA', cert: 'C', key: 'K' },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(kubeletTlsFrom(cfg, c.flags), c.want));
});
