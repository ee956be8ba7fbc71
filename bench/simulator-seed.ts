/**
 * Benchmark: seeding the simulator (default 5,000 nodes x 30 pods = 150,000 pods plus their
 * controllers and everything around them). Reports generation time, load time into the API
 * server's store, RSS per stored object, churn cost with the controllers running, and the cost
 * of issuing one kubelet serving certificate.
 * Run: `node --expose-gc --import tsx bench/simulator-seed.ts [nodes] [podsPerNode]`.
 */

import { createCA, issueCertificate } from '../src/shared/tls/pki.ts';
import { ObjectStore } from '../src/simulator/apiserver/object-store.ts';
import { startControllers } from '../src/simulator/controllers/controllers.ts';
import { createChurn } from '../src/simulator/seed/churn.ts';
import { generateCluster, loadCluster } from '../src/simulator/seed/generate-cluster.ts';

export interface SeedBenchResult {
  nodes: number;
  podsPerNode: number;
  objects: number;
  pods: number;
  /** Time to generate the objects, ms. */
  generateMs: number;
  /** Time to create them in an ObjectStore, ms. */
  loadMs: number;
  /** RSS growth from before generation to after loading (objects dropped), MB. */
  rssMb: number;
  /** That growth divided by the stored objects, bytes. */
  rssBytesPerObject: number;
  /** Churn steps per second of CPU, controllers included. */
  churnStepsPerSecond: number;
  /** Mean cost of one ECDSA P-256 serving certificate with an IP SAN, ms. */
  certMs: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function benchSeed(
  options: { nodes?: number; podsPerNode?: number; churnSteps?: number; certs?: number } = {},
): Promise<SeedBenchResult> {
  const nodes = options.nodes ?? 5000;
  const podsPerNode = options.podsPerNode ?? 30;
  gc();
  const rssBefore = process.memoryUsage().rss;
  let t = performance.now();
  let objects = generateCluster({ nodes, podsPerNode, seed: 1, now: Date.now() });
  const generateMs = performance.now() - t;
  const count = objects.length;
  const pods = objects.filter((o) => o.kind === 'Pod').length;
  const store = new ObjectStore();
  t = performance.now();
  loadCluster(store, objects);
  const loadMs = performance.now() - t;
  objects = [];
  gc();
  const rssGrowth = process.memoryUsage().rss - rssBefore;

  const controllers = startControllers(store, { seed: 1, bindDelayMs: 1, startDelayMs: 1 });
  const churn = createChurn(store, { seed: 1 });
  const steps = options.churnSteps ?? 2000;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) {
    churn.step();
    if (i % 100 === 99) await controllers.whenIdle();
  }
  await controllers.whenIdle();
  const cpu = process.cpuUsage(cpu0);
  churn.stop();
  controllers.stop();

  const ca = await createCA('bench-ca');
  const certs = options.certs ?? 200;
  t = performance.now();
  for (let i = 0; i < certs; i++) {
    await issueCertificate(ca, {
      commonName: `node-${i}`,
      usage: 'server',
      ipAddresses: ['127.0.1.1'],
      dnsNames: [`node-${i}`],
    });
  }
  const certMs = (performance.now() - t) / certs;

  return {
    nodes,
    podsPerNode,
    objects: count,
    pods,
    generateMs,
    loadMs,
    rssMb: rssGrowth / 1e6,
    rssBytesPerObject: rssGrowth / count,
    churnStepsPerSecond: steps / ((cpu.user + cpu.system) / 1e6),
    certMs,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const nodes = Number(process.argv[2] ?? 5000);
  const podsPerNode = Number(process.argv[3] ?? 30);
  const r = await benchSeed({ nodes, podsPerNode });
  console.log(
    [
      `simulator seed: ${r.nodes} nodes x ${r.podsPerNode} pods = ${r.pods} pods, ${r.objects} objects`,
      `  generate ${r.generateMs.toFixed(0)} ms, load into store ${r.loadMs.toFixed(0)} ms`,
      `  RSS +${r.rssMb.toFixed(0)} MB = ${r.rssBytesPerObject.toFixed(0)} B per stored object${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
      `  churn with controllers: ${r.churnStepsPerSecond.toFixed(0)} steps per CPU second`,
      `  kubelet serving certificate: ${r.certMs.toFixed(2)} ms each`,
    ].join('\n'),
  );
}
