/**
 * Reference acceptance scenarios that need a cluster: 15 (kubectl top arithmetic, with every
 * installed kubectl through the simulator's aggregation layer in front of our HTTPS server and
 * storage holding scenario 1's two scrapes) and 16 (`--node-selector` through informer, scraper
 * and API of a whole in-process metrics-server against the simulated kubelets).
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { decodeResourceMetrics } from '../../src/metrics-server/decoder/resource-decoder.ts';
import { metricsServerFlags } from '../../src/metrics-server/options/options.ts';
import { DelegatingAuthenticator } from '../../src/metrics-server/server/authentication.ts';
import { DelegatingAuthorizer } from '../../src/metrics-server/server/authorization.ts';
import { buildConfig } from '../../src/metrics-server/server/config.ts';
import { MetricsHttpsServer } from '../../src/metrics-server/server/https-server.ts';
import { MetricsServer } from '../../src/metrics-server/server/metrics-server.ts';
import { loadServingCert } from '../../src/metrics-server/server/serving-cert.ts';
import { MetricsStorage } from '../../src/metrics-server/storage/storage.ts';
import type { KubeObject } from '../../src/shared/kube/object.ts';
import { matchLabels } from '../../src/shared/kube/selectors.ts';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { httpsGet, kubectlBinaries, ROOT, run, waitFor } from './e2e-helpers.ts';

const T = 1_754_300_000_000;

function scrape(cpu: string, memory: string, at: number) {
  const body = `node_cpu_usage_seconds_total ${cpu} ${at}\nnode_memory_working_set_bytes ${memory} ${at}\n`;
  const decoded = decodeResourceMetrics(body, 'node-a', at);
  assert.ok(decoded.ok);
  return decoded.batch;
}

describe('scenario 15: kubectl top node arithmetic through the aggregation layer', () => {
  const kubectls = kubectlBinaries();
  let dir: string;
  let sim: Simulator;
  let server: MetricsHttpsServer;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    if (kubectls.length === 0) throw new Error('no kubectl.1.NN binaries beside the kubectl on PATH');
    dir = await mkdtemp(join(tmpdir(), 'ms-top-'));
    sim = await startSimulator({ stateDir: join(dir, 'sim'), port: 0, nodes: 0, controllers: false });
    env = { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: sim.kubeconfigPath };
    const nodeA: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-a', labels: { 'kubernetes.io/hostname': 'node-a' } },
      status: {
        capacity: { cpu: '2', memory: '8048652Ki', pods: '110' },
        allocatable: { cpu: '2', memory: '8048652Ki', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      },
    };
    sim.state.create(nodeA);
    const storage = new MetricsStorage({ resolutionMs: 15_000 });
    storage.store(scrape('12345.678901234', '2.642362368e+09', T));
    storage.store(scrape('12347.084492794', '2.642362368e+09', T + 15_000));
    const cert = await loadServingCert({
      certDir: join(dir, 'certs'),
      certFile: '',
      keyFile: '',
      bindAddress: '127.0.0.1',
    });
    const frontProxyCa = sim.pki.frontProxyCA.certPem;
    server = new MetricsHttpsServer({
      tls: { certPem: cert.certPem, keyPem: cert.keyPem, clientCaPems: [frontProxyCa] },
      authenticator: new DelegatingAuthenticator({
        config: {
          clientCAs: [],
          requestHeader: {
            cas: [new X509Certificate(frontProxyCa)],
            allowedNames: ['front-proxy-client'],
            usernameHeaders: ['X-Remote-User'],
            groupHeaders: ['X-Remote-Group'],
            extraHeadersPrefix: ['X-Remote-Extra-'],
            uidHeaders: [],
          },
        },
        cacheTtlMs: 10_000,
      }),
      // The aggregator forwards the admin's groups (system:masters); anybody else is refused.
      authorizer: new DelegatingAuthorizer({
        alwaysAllowPaths: [],
        reviewer: async () => ({ allowed: false, reason: '' }),
        allowedTtlMs: 0,
        deniedTtlMs: 0,
      }),
      health: [],
      registry: new Registry(),
      api: {
        storage,
        nodes: {
          list: (selector) => sim.state.list('v1', 'Node').filter((n) => matchLabels(selector, n.metadata.labels)),
          get: (name) => sim.state.get('v1', 'Node', undefined, name),
        },
        pods: { list: () => [], get: () => undefined },
      },
      version: 'v0.1.0',
      maxInflight: 0,
      maxMutatingInflight: 0,
      requestTimeoutMs: 60_000,
    });
    const { port } = await server.listen(0, '127.0.0.1');
    const kubectl = kubectls[kubectls.length - 1]!.path;
    const manifests = [
      await readFile(join(ROOT, 'deploy/metrics-server/service.yaml'), 'utf8'),
      await readFile(join(ROOT, 'deploy/metrics-server/apiservice.yaml'), 'utf8'),
      [
        'apiVersion: discovery.k8s.io/v1',
        'kind: EndpointSlice',
        'metadata:',
        '  name: metrics-server-local',
        '  namespace: kube-system',
        '  labels: {kubernetes.io/service-name: metrics-server}',
        'addressType: IPv4',
        'endpoints: [{addresses: ["127.0.0.1"], conditions: {ready: true}}]',
        `ports: [{name: https, port: ${port}, protocol: TCP}]`,
      ].join('\n'),
    ].join('\n---\n');
    const applied = await run(kubectl, ['apply', '-f', '-'], env, manifests);
    assert.equal(applied.code, 0, applied.stderr);
    await waitFor('APIService Available', 30_000, async () => {
      const r = await run(
        kubectl,
        [
          'get',
          'apiservice',
          'v1beta1.metrics.k8s.io',
          '-o',
          'jsonpath={.status.conditions[?(@.type=="Available")].status}',
        ],
        env,
      );
      return r.stdout === 'True' ? true : undefined;
    });
  });

  after(async () => {
    await server?.close();
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const { minor, path } of kubectls) {
    it(`kubectl 1.${minor} top node prints node-a 94m 4% 2519Mi 32%`, async () => {
      for (const args of [
        ['top', 'node'],
        ['top', 'node', 'node-a'],
      ]) {
        const r = await run(path, args, env);
        assert.equal(r.code, 0, r.stderr);
        const lines = r.stdout
          .trim()
          .split('\n')
          .map((l) => l.trim().split(/\s+/));
        assert.deepEqual(lines, [
          minor >= 32
            ? ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']
            : ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'],
          ['node-a', '94m', '4%', '2519Mi', '32%'],
        ]);
      }
    });
  }

  it('the raw NodeMetrics behind it is scenario 1', async () => {
    const r = await httpsGet(`${sim.url}/apis/metrics.k8s.io/v1beta1/nodes/node-a`, {
      cert: sim.pki.admin.certPem,
      key: sim.pki.admin.keyPem,
    });
    const body = JSON.parse(r.body);
    assert.deepEqual(
      { timestamp: body.timestamp, window: body.window, usage: body.usage },
      { timestamp: '2025-08-04T09:33:35Z', window: '15s', usage: { cpu: '93706104n', memory: '2580432Ki' } },
    );
  });
});

describe('scenario 16: --node-selector through the informer, scraper and API', () => {
  let dir: string;
  let sim: Simulator;
  let ms: MetricsServer;
  let skipped: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ms-selector-'));
    sim = await startSimulator({
      stateDir: join(dir, 'sim'),
      port: 0,
      nodes: 3,
      podsPerNode: 2,
      kubelets: true,
      kubeletPort: 0,
    });
    const node = sim.state.list('v1', 'Node')[1] as KubeObject;
    skipped = node.metadata.name as string;
    sim.state.update({
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, skipKey: 'skipValue' } },
    });
    const { flags, options } = metricsServerFlags();
    const k = sim.kubeconfigPath;
    flags.parse([
      `--kubeconfig=${k}`,
      `--authentication-kubeconfig=${k}`,
      `--authorization-kubeconfig=${k}`,
      '--secure-port=0',
      '--bind-address=127.0.0.1',
      `--cert-dir=${join(dir, 'certs')}`,
      '--kubelet-insecure-tls',
      '--kubelet-use-node-status-port',
      '--kubelet-preferred-address-types=InternalIP',
      '--metric-resolution=10s',
      '--kubelet-request-timeout=4s',
      '--node-selector=skipKey!=skipValue',
    ]);
    ms = new MetricsServer(await buildConfig(options()), { version: 'v0.1.0' });
    await ms.start();
    await waitFor('the first tick', 20_000, async () => (ms.manager.ticks >= 1 ? true : undefined));
  });

  after(async () => {
    await ms?.stop();
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the unselected node is never scraped and its NodeMetrics is not found', async () => {
    const others = sim.state
      .list('v1', 'Node')
      .map((n) => n.metadata.name as string)
      .filter((n) => n !== skipped)
      .sort();
    const scraped = [
      ...(await ms.registry.metrics()).matchAll(
        /^metrics_server_kubelet_last_request_time_seconds\{node="([^"]+)"\}/gm,
      ),
    ]
      .map((m) => m[1])
      .sort();
    assert.deepEqual(scraped, others);
    const base = `https://127.0.0.1:${ms.address?.port}/apis/metrics.k8s.io/v1beta1/nodes`;
    const admin = { cert: sim.pki.admin.certPem, key: sim.pki.admin.keyPem };
    const got = await httpsGet(`${base}/${skipped}`, admin);
    assert.equal(got.status, 404);
    assert.equal(JSON.parse(got.body).reason, 'NotFound');
    const list = JSON.parse((await httpsGet(base, admin)).body) as { items: { metadata: { name: string } }[] };
    assert.ok(!list.items.some((i) => i.metadata.name === skipped));
  });
});
