/**
 * Benchmark: simulated kubelets in their own process (N nodes x P pods), scraped over HTTPS the way
 * metrics-server does (one GET /metrics/resource per node, gzip, keep-alive connections reused
 * across rounds). Reports the kubelet process's start time, memory, CPU per housekeeping period,
 * and CPU per full scrape round (cold = with TLS handshakes, warm = reused connections).
 * Run: `node --import tsx bench/kubelet-fleet.ts [nodes] [podsPerNode]` (default 5000 x 30).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

interface Ready {
  type: 'ready';
  nodes: { name: string; ip: string; port: number }[];
  kubeletCAPem: string;
  client: { certPem: string; keyPem: string };
  startMs: number;
  fleetHeapMb: number;
  rssMb: number;
  heapMb: number;
}

interface Usage {
  type: 'usage';
  /** Process CPU (user + system), ms. */
  cpuMs: number;
  rssMb: number;
  heapMb: number;
}

const MB = 1024 * 1024;

function usage(): Usage {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  return { type: 'usage', cpuMs: (cpu.user + cpu.system) / 1000, rssMb: mem.rss / MB, heapMb: mem.heapUsed / MB };
}

async function child(nodes: number, pods: number): Promise<void> {
  const { startStandaloneFleet } = await import('../src/simulator/kubelet/standalone-fleet.ts');
  const fleet = await startStandaloneFleet({ nodes, podsPerNode: pods, seed: 1 });
  globalThis.gc?.();
  const u = usage();
  const ready: Ready = {
    type: 'ready',
    nodes: fleet.nodes,
    kubeletCAPem: fleet.kubeletCAPem,
    client: fleet.client,
    startMs: fleet.startMs,
    fleetHeapMb: fleet.fleetHeapMb,
    rssMb: u.rssMb,
    heapMb: u.heapMb,
  };
  process.send?.(ready);
  // An orphan would keep thousands of listeners bound: leave with the parent.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'usage') process.send?.(usage());
    if (msg.type === 'stop') void fleet.stop().then(() => process.exit(0));
  });
}

function ask(proc: ReturnType<typeof fork>): Promise<Usage> {
  return new Promise((resolve) => {
    const on = (m: Usage) => {
      if (m.type !== 'usage') return;
      proc.off('message', on);
      resolve(m);
    };
    proc.on('message', on);
    proc.send({ type: 'usage' });
  });
}

async function scrapeRound(
  agent: Agent,
  nodes: Ready['nodes'],
  concurrency: number,
): Promise<{ ms: number; bytes: number; failures: number; firstFailure?: string }> {
  let next = 0;
  let bytes = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const t0 = performance.now();
  const worker = async () => {
    while (next < nodes.length) {
      const n = nodes[next++];
      if (!n) break;
      try {
        const res = await request(`https://${n.ip}:${n.port}/metrics/resource`, {
          dispatcher: agent,
          headers: { 'accept-encoding': 'gzip' },
        });
        const body = await res.body.arrayBuffer();
        if (res.statusCode !== 200) {
          failures++;
          firstFailure ??= `${n.name} ${n.ip}:${n.port}: HTTP ${res.statusCode}`;
        }
        bytes += body.byteLength;
      } catch (err) {
        failures++;
        firstFailure ??= `${n.name} ${n.ip}:${n.port}: ${(err as Error & { code?: string }).code ?? (err as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms: performance.now() - t0, bytes, failures, ...(firstFailure ? { firstFailure } : {}) };
}

async function parent(nodes: number, pods: number): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const proc = fork(self, ['--child', String(nodes), String(pods)], {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.KUBELET_BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KUBELET_BENCH_PROF}`] : []),
    ],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    proc.once('message', (m: Ready) => resolve(m));
    proc.once('exit', (code) => reject(new Error(`kubelet process exited with ${code}`)));
  });
  console.log(`kubelets: ${nodes} nodes x ${pods} pods (x2 containers)`);
  console.log(`  start (certificates + listeners): ${(ready.startMs / 1000).toFixed(1)} s`);
  console.log(
    `  memory after start: rss ${ready.rssMb.toFixed(0)} MB, heap ${ready.heapMb.toFixed(0)} MB (incl. the object store; kubelets alone ${ready.fleetHeapMb.toFixed(0)} MB = ${((ready.fleetHeapMb * 1024) / nodes).toFixed(0)} KiB/node)`,
  );

  const idle0 = await ask(proc);
  await new Promise((r) => setTimeout(r, 20_000));
  const idle1 = await ask(proc);
  console.log(
    `  housekeeping (no scrapes), 20 s: ${(idle1.cpuMs - idle0.cpuMs).toFixed(0)} ms CPU (${((idle1.cpuMs - idle0.cpuMs) / 200).toFixed(1)}% of a core)`,
  );

  const agent = new Agent({
    connections: 1,
    keepAliveTimeout: 120_000,
    connect: { ca: ready.kubeletCAPem, cert: ready.client.certPem, key: ready.client.keyPem },
  });
  for (const round of ['cold', 'warm', 'warm']) {
    const before = await ask(proc);
    const r = await scrapeRound(agent, ready.nodes, 200);
    const afterRound = await ask(proc);
    console.log(
      `  scrape round (${round}): ${r.ms.toFixed(0)} ms wall, kubelet CPU ${(afterRound.cpuMs - before.cpuMs).toFixed(0)} ms, ` +
        `${(r.bytes / MB).toFixed(1)} MB gzip, ${r.failures} failures${r.firstFailure ? ` (first: ${r.firstFailure})` : ''}, rss ${afterRound.rssMb.toFixed(0)} MB`,
    );
  }
  await agent.close();
  proc.send({ type: 'stop' });
  await new Promise((r) => proc.once('exit', r));
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(Number(args[1]), Number(args[2]));
} else {
  await parent(Number(args[0] ?? 5000), Number(args[1] ?? 30));
}
