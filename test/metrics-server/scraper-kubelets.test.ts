import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { KubeletClient } from '../../src/metrics-server/kubelet-client/kubelet-client.ts';
import { Scraper } from '../../src/metrics-server/scraper/scraper.ts';
import { createMetricsServerMetrics } from '../../src/metrics-server/scraper/self-metrics.ts';
import { createLogger, type LogFields } from '../../src/shared/logging/logger.ts';
import { parseKubeletFaultsFlag } from '../../src/simulator/kubelet/faults.ts';
import { KubeletFleet } from '../../src/simulator/kubelet/kubelet-fleet.ts';
import {
  createTestPki,
  type TestPki,
  testAuthorize,
  testNode,
  testPod,
  testStore,
} from '../../src/simulator/kubelet/test-cluster.ts';

/** One healthy kubelet and one per fault kind that must drop only its own node. */
const NODES: Array<[string, string, string | undefined]> = [
  ['healthy', '127.0.93.1', undefined],
  ['down', '127.0.93.2', 'down'],
  ['timeout', '127.0.93.3', 'timeout'],
  ['http-500', '127.0.93.4', 'http-500'],
  ['garbage', '127.0.93.5', 'garbage'],
  ['wrong-cert', '127.0.93.6', 'wrong-cert'],
  ['reset', '127.0.93.7', 'reset'],
  ['zero-cpu', '127.0.93.8', 'zero-cpu'],
];

describe('Scraper + KubeletClient against simulated kubelets with faults', () => {
  let pki: TestPki;
  let fleet: KubeletFleet;
  const store = testStore();
  const clients: KubeletClient[] = [];

  before(async () => {
    pki = await createTestPki();
    for (const [name, ip] of NODES) {
      const node = testNode(name, ip);
      node.status.conditions = [{ type: 'Ready', status: 'True' }];
      store.create(node);
      store.create(testPod('default', `web-${name}`, name, new Date(Date.now() - 3_600_000).toISOString()));
    }
    fleet = new KubeletFleet({
      state: store,
      kubeletCA: pki.kubeletCA,
      clientCA: pki.clusterCA.certPem,
      auth: { authorize: testAuthorize, reviewToken: async () => undefined },
      kubeletPort: 0,
      faults: parseKubeletFaultsFlag(
        NODES.filter(([, , f]) => f)
          .map(([n, , f]) => `${n}=${f}`)
          .join(','),
      ),
      seed: 7,
      tickIntervalMs: 3_600_000,
    });
    await fleet.start();
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fleet.stop();
  });

  function run(insecure: boolean) {
    const lines: LogFields[] = [];
    const logger = createLogger({ verbosity: 0, format: 'json', sink: { write: (l) => lines.push(JSON.parse(l)) } });
    const kubelet = new KubeletClient({
      preferredAddressTypes: ['InternalIP', 'ExternalIP', 'Hostname'],
      useNodeStatusPort: true,
      tls: insecure
        ? { insecureSkipVerify: true, cert: pki.admin.certPem, key: pki.admin.keyPem }
        : { insecureSkipVerify: false, ca: pki.kubeletCA.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem },
      requestTimeoutMs: 1000,
    });
    clients.push(kubelet);
    const registry = new Registry();
    const scraper = new Scraper({
      nodes: { list: () => store.list('v1', 'Node') },
      kubelet,
      resolutionMs: 1500,
      requestTimeoutMs: 1000,
      logger,
      metrics: createMetricsServerMetrics(registry, 15),
    });
    return { scraper, lines, registry };
  }

  it('keeps the healthy node, drops each faulty one with its upstream reason', async () => {
    const { scraper, lines, registry } = run(false);
    const batch = await scraper.scrape();
    assert.deepEqual([...batch.nodes.keys()], ['healthy']);
    assert.deepEqual([...batch.pods.keys()], ['default/web-healthy']);
    assert.deepEqual([...(batch.pods.get('default/web-healthy')?.containers.keys() ?? [])], ['app', 'sidecar']);

    const port = (n: string) => store.get('v1', 'Node', undefined, n)?.status?.daemonEndpoints?.kubeletEndpoint?.Port;
    const reasons: Record<string, string> = Object.fromEntries(
      lines.filter((l) => l.node).map((l) => [l.node, `${l.msg}: ${l.err}`]),
    );
    assert.deepEqual(reasons, {
      down: `Failed to scrape node: Get "https://127.0.93.2:${port('down')}/metrics/resource": dial tcp 127.0.93.2:${port('down')}: connect: connection refused`,
      timeout: `Failed to scrape node, timeout to access kubelet: Get "https://127.0.93.3:${port('timeout')}/metrics/resource": context deadline exceeded`,
      'http-500': 'Failed to scrape node: request failed, status: "500 Internal Server Error"',
      garbage: reasons.garbage,
      'wrong-cert': `Failed to scrape node: Get "https://127.0.93.6:${port('wrong-cert')}/metrics/resource": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
      reset: reasons.reset,
    });
    assert.match(String(reasons.garbage), /^Failed to scrape node: failed parsing metrics: (?!failed parsing)/);
    assert.match(String(reasons.reset), /^Failed to scrape node: failed to read response body - /);
    // zero-cpu answers fine: the decoder drops the node, which is not a request failure.
    assert.equal(reasons['zero-cpu'], undefined);
    const text = await registry.metrics();
    assert.match(text, /metrics_server_kubelet_request_total\{success="true"\} 2/);
    assert.match(text, /metrics_server_kubelet_request_total\{success="false"\} 6/);
  });

  it('--kubelet-insecure-tls accepts the untrusted certificate', async () => {
    const { scraper } = run(true);
    const batch = await scraper.scrape();
    assert.deepEqual([...batch.nodes.keys()].sort(), ['healthy', 'wrong-cert']);
  });
});
