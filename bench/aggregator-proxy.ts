/**
 * Benchmark: requests per second through the simulator's aggregation layer (authentication,
 * RBAC, the APIService proxy with front-proxy TLS to a trivial HTTPS backend) compared with the
 * same backend called directly, with `concurrency` requests in flight (default 2,000 requests,
 * 16 in flight), as the admin certificate and as a ServiceAccount token.
 * Run: `node --import tsx bench/aggregator-proxy.ts [requests] [concurrency]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createCA, issueCertificate } from '../src/shared/tls/pki.ts';
import { startSimulator } from '../src/simulator/simulator.ts';

async function drive(url: string, agent: Agent, total: number, concurrency: number, headers: Record<string, string>) {
  let next = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t = performance.now();
        const res = await request(url, { dispatcher: agent, headers });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    perSecond: total / ((performance.now() - t0) / 1000),
    p50: latencies[Math.floor(latencies.length / 2)]!,
    p99: latencies[Math.floor(latencies.length * 0.99)]!,
  };
}

export async function benchAggregatorProxy(total = 2000, concurrency = 16) {
  const dir = await mkdtemp(join(tmpdir(), 'km-bench-aggregator-'));
  const sim = await startSimulator({ stateDir: join(dir, 'state'), port: 0, nodes: 0, controllers: false });
  const ca = await createCA('bench-backend-ca');
  const serving = await issueCertificate(ca, { commonName: 'b', dnsNames: ['b.default.svc'], usage: 'server' });
  const body = JSON.stringify({ kind: 'WidgetList', apiVersion: 'bench.example.io/v1', metadata: {}, items: [] });
  const backend = createServer(
    { cert: serving.certPem, key: serving.keyPem, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        req.url === '/apis/bench.example.io/v1'
          ? JSON.stringify({ kind: 'APIResourceList', groupVersion: 'bench.example.io/v1', resources: [] })
          : body,
      );
    },
  );
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const port = (backend.address() as AddressInfo).port;
  sim.state.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bench', namespace: 'default' } });
  sim.state.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'bench' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'bench', namespace: 'default' }],
  });
  sim.state.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'b', namespace: 'default' },
    spec: { ports: [{ name: 'https', port: 443 }] },
  });
  sim.state.create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'b-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'b' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['127.0.0.1'] }],
    ports: [{ name: 'https', port }],
  });
  sim.state.create({
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1.bench.example.io' },
    spec: {
      group: 'bench.example.io',
      version: 'v1',
      service: { namespace: 'default', name: 'b' },
      caBundle: Buffer.from(ca.certPem).toString('base64'),
    },
  });
  await sim.aggregator.checkNow('v1.bench.example.io');
  const token = sim.auth.tokens.issue({
    namespace: 'default',
    name: 'bench',
    uid: sim.state.get('v1', 'ServiceAccount', 'default', 'bench')!.metadata.uid!,
    audiences: sim.auth.tokens.apiAudiences,
    expirationSeconds: 3600,
  }).token;
  const admin = new Agent({
    connections: concurrency,
    connect: { ca: sim.pki.ca.certPem, cert: sim.pki.admin.certPem, key: sim.pki.admin.keyPem },
  });
  const plain = new Agent({ connections: concurrency, connect: { ca: sim.pki.ca.certPem } });
  const direct = new Agent({ connections: concurrency, connect: { rejectUnauthorized: false } });
  const path = '/apis/bench.example.io/v1/namespaces/default/widgets';
  try {
    // Warm-up: JIT, TLS sessions and the proxy's keep-alive connections to the backend.
    await drive(sim.url + path, admin, 300, concurrency, {});
    await drive(sim.url + path, plain, 300, concurrency, { authorization: `Bearer ${token}` });
    return {
      direct: await drive(`https://127.0.0.1:${port}${path}`, direct, total, concurrency, {}),
      serviceAccountToken: await drive(sim.url + path, plain, total, concurrency, { authorization: `Bearer ${token}` }),
      adminCert: await drive(sim.url + path, admin, total, concurrency, {}),
    };
  } finally {
    await Promise.all([admin.close(), plain.close(), direct.close()]);
    await sim.stop();
    backend.closeAllConnections();
    await new Promise((resolve) => backend.close(resolve));
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchAggregatorProxy(Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 16));
  for (const [name, x] of Object.entries(r)) {
    console.log(`${name}: ${x.perSecond.toFixed(0)} req/s, p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms`);
  }
}
