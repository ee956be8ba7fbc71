/**
 * Benchmark: metrics-server's scrape tick alone (KubeletClient + Scraper + decoder), against
 * simulated kubelets in their own process, so only the scraper's CPU and memory are measured here.
 * Reports per tick: wall time (stagger included), CPU in this process, CPU per node, RSS.
 * Run: `node --expose-gc --import tsx bench/scraper-tick.ts [nodes] [podsPerNode] [ticks]` (default 1000 x 30, 5).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KubeletClient } from '../src/metrics-server/kubelet-client/kubelet-client.ts';
import { Scraper } from '../src/metrics-server/scraper/scraper.ts';
import type { KubeObject } from '../src/shared/kube/object.ts';

interface Ready {
  type: 'ready';
  nodes: { name: string; ip: string; port: number }[];
  kubeletCAPem: string;
  client: { certPem: string; keyPem: string };
}

const MB = 1024 * 1024;

async function child(nodes: number, pods: number): Promise<void> {
  const { startStandaloneFleet } = await import('../src/simulator/kubelet/standalone-fleet.ts');
  const fleet = await startStandaloneFleet({ nodes, podsPerNode: pods, seed: 1, ipPrefix: '127.78' });
  const ready: Ready = { type: 'ready', nodes: fleet.nodes, kubeletCAPem: fleet.kubeletCAPem, client: fleet.client };
  process.send?.(ready);
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') void fleet.stop().then(() => process.exit(0));
  });
}

/** With `--expose-gc`: the heap that survives a full collection, i.e. what the scraper keeps. */
function heapAfterGc(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return '';
  gc();
  const m = process.memoryUsage();
  return `, after GC: heap ${(m.heapUsed / MB).toFixed(0)} MB, external ${(m.external / MB).toFixed(0)} MB, rss ${(m.rss / MB).toFixed(0)} MB`;
}

function nodeObject(n: Ready['nodes'][number]): KubeObject {
  return {
    metadata: { name: n.name },
    status: {
      addresses: [{ type: 'InternalIP', address: n.ip }],
      daemonEndpoints: { kubeletEndpoint: { Port: n.port } },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

async function parent(nodes: number, pods: number, ticks: number): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const proc = fork(self, ['--child', String(nodes), String(pods)], { execArgv: ['--import', 'tsx'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    proc.once('message', (m: Ready) => resolve(m));
    proc.once('exit', (code) => reject(new Error(`kubelet process exited with ${code}`)));
  });
  const nodeObjects = ready.nodes.map(nodeObject);
  const kubelet = new KubeletClient({
    useNodeStatusPort: true,
    preferredAddressTypes: ['InternalIP'],
    tls: { ca: ready.kubeletCAPem, cert: ready.client.certPem, key: ready.client.keyPem, insecureSkipVerify: false },
    requestTimeoutMs: 10_000,
  });
  const scraper = new Scraper({ nodes: { list: () => nodeObjects }, kubelet, resolutionMs: 15_000 });
  console.log(`scraper tick: ${nodes} nodes x ${pods} pods (x2 containers), stagger ${scraper.staggerMs(nodes)} ms`);
  const rss0 = process.memoryUsage().rss / MB;
  for (let t = 0; t < ticks; t++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const batch = await scraper.scrape();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `  tick ${t + 1}${t === 0 ? ' (TLS handshakes)' : ''}: ${wall.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU ` +
        `(${((cpuMs * 1000) / nodes).toFixed(0)} µs/node), ${batch.nodes.size} nodes, ${batch.pods.size} pods, ` +
        `rss ${(process.memoryUsage().rss / MB).toFixed(0)} MB (start ${rss0.toFixed(0)} MB)${heapAfterGc()}`,
    );
  }
  await kubelet.close();
  proc.send({ type: 'stop' });
  await new Promise((r) => proc.once('exit', r));
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(Number(args[1]), Number(args[2]));
} else {
  await parent(Number(args[0] ?? 1000), Number(args[1] ?? 30), Number(args[2] ?? 5));
}
