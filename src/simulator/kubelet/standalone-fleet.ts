/**
 * A kubelet fleet with its own store, CAs and synthetic nodes and pods, for benchmarks that run
 * the kubelets in a process of their own (so the scraper's costs and the simulator's are measured
 * apart). Nodes get consecutive loopback addresses under `ipPrefix`.
 */
import type { KeyPairPem } from '../../shared/tls/pki.ts';
import type { KubeletFault } from './faults.ts';
import { KubeletFleet } from './kubelet-fleet.ts';
import { createTestPki, testAuthorize, testNode, testStore } from './test-cluster.ts';

export interface StandaloneFleetOptions {
  nodes: number;
  podsPerNode: number;
  seed?: number | string;
  /** Port every kubelet binds (default 10250; 0 = a free port per node). */
  kubeletPort?: number;
  /** First two octets of the node addresses (default `127.77`); up to 250 x 250 nodes. */
  ipPrefix?: string;
  faults?: Map<string, KubeletFault>;
}

export interface StandaloneFleet {
  fleet: KubeletFleet;
  nodes: { name: string; ip: string; port: number }[];
  /** PEM that verifies every kubelet's serving certificate. */
  kubeletCAPem: string;
  /** A client certificate every kubelet accepts (CN admin, O system:masters). */
  client: KeyPairPem;
  /** Time to start (certificates, listeners), ms. */
  startMs: number;
  /** Heap used by the kubelets alone (after minus before start, after GC when exposed), MB. */
  fleetHeapMb: number;
  stop(): Promise<void>;
}

export function nodeIp(prefix: string, i: number): string {
  return `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}

export async function startStandaloneFleet(opts: StandaloneFleetOptions): Promise<StandaloneFleet> {
  if (!Number.isInteger(opts.nodes) || opts.nodes < 1 || opts.nodes > 62_500) {
    throw new Error(`nodes must be an integer between 1 and 62500, got ${opts.nodes}`);
  }
  const prefix = opts.ipPrefix ?? '127.77';
  const pki = await createTestPki();
  const store = testStore();
  const now = Date.now();
  const startedAt = new Date(now - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  for (let j = 0; j < Math.min(10, opts.podsPerNode); j++) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${j}` } });
  }
  for (let i = 0; i < opts.nodes; i++) {
    const name = `sim-node-${i}`;
    store.create(testNode(name, nodeIp(prefix, i)));
    for (let j = 0; j < opts.podsPerNode; j++) {
      store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { namespace: `ns-${j % 10}`, name: `${name}-pod-${j}` },
        spec: {
          nodeName: name,
          containers: [
            { name: 'app', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } } },
            { name: 'sidecar', resources: { requests: { cpu: '5m', memory: '16Mi' } } },
          ],
        },
        status: {
          phase: 'Running',
          startTime: startedAt,
          containerStatuses: ['app', 'sidecar'].map((c) => ({
            name: c,
            ready: true,
            restartCount: 0,
            state: { running: { startedAt } },
          })),
        },
      });
    }
  }
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const fleet = new KubeletFleet({
    state: store,
    kubeletCA: pki.kubeletCA,
    clientCA: pki.clusterCA.certPem,
    auth: { authorize: testAuthorize },
    kubeletPort: opts.kubeletPort ?? 10250,
    seed: opts.seed ?? 0,
    publishPort: false,
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  await fleet.start();
  const startMs = performance.now() - t0;
  globalThis.gc?.();
  const fleetHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const nodes = fleet.nodeNames().map((name) => {
    const k = fleet.kubelet(name);
    return { name, ip: k?.endpoint.ip ?? '', port: k?.port ?? 0 };
  });
  return {
    fleet,
    nodes,
    kubeletCAPem: pki.kubeletCA.certPem,
    client: pki.admin,
    startMs,
    fleetHeapMb,
    stop: () => fleet.stop(),
  };
}
