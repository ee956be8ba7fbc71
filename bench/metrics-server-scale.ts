/**
 * metrics-server at scale, measured piece by piece: the simulated kubelets run in processes of their
 * own (sharded), and this process holds only our kubelet client, scraper and storage, so its CPU and
 * memory are ours. Three measurements:
 * - `measureScraperScale`: real ticks at the metric resolution (CPU, wall, RSS per tick; then what
 *   storage and the kubelet connections hold, each released in turn under a full GC);
 * - `measureTlsSocketCost`: N idle TLS connections alone, and the same through undici (one origin each);
 * - `measureBinaryScale`: the real `kube-metrics metrics-server` (dist build when present) against the
 *   simulator's API server and kubelets, sampled from /proc.
 * Run: `node --expose-gc --import tsx bench/metrics-server-scale.ts [scraper|sockets|binary] [nodes] [podsPerNode] [ticks]`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect, createSecureContext, type TLSSocket } from 'node:tls';
import { Agent } from 'undici';
import { KubeletClient } from '../src/metrics-server/kubelet-client/kubelet-client.ts';
import { Scraper } from '../src/metrics-server/scraper/scraper.ts';
import { MetricsStorage } from '../src/metrics-server/storage/storage.ts';
import { parseGoDuration } from '../src/shared/duration.ts';
import type { KubeObject } from '../src/shared/kube/object.ts';
import { freePort, timedGet, waitFor } from './http-probe.ts';
import { percentile, sampleProcess, sleep } from './proc-stats.ts';
import { RESULTS_DIR, startService } from './service-process.ts';
import { type KubeletGroup, startKubeletGroup, startSimProcess } from './sim-process.ts';

const MB = 2 ** 20;

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export interface TickSample {
  wallMs: number;
  cpuMs: number;
  nodes: number;
  pods: number;
  storeMs: number;
  rssMb: number;
}

export interface ScraperScaleResult {
  nodes: number;
  podsPerNode: number;
  resolutionSeconds: number;
  staggerMs: number;
  kubeletProcesses: number;
  before: MemorySample;
  ticks: TickSample[];
  /** Over the warm ticks (all but the first). */
  warm: { wallMsP50: number; wallMsMax: number; cpuMsP50: number; cpuUsPerNodeP50: number; millicoresPerNode: number };
  /** After the last tick, full GC: everything, then without storage, then without connections. */
  afterGc: MemorySample;
  withoutStorage: MemorySample;
  withoutConnections: MemorySample;
  /** Heap held by storage (2 points per node and container), bytes per node. */
  storageBytesPerNode: number;
  /** RSS released by closing the kubelet connections, KB per node. */
  connectionRssKbPerNode: number;
}

function memory(): MemorySample {
  const m = process.memoryUsage();
  return {
    rssMb: m.rss / MB,
    heapUsedMb: m.heapUsed / MB,
    heapTotalMb: m.heapTotal / MB,
    externalMb: m.external / MB,
    arrayBuffersMb: m.arrayBuffers / MB,
  };
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc: the memory breakdown needs full collections');
  gc();
  gc();
}

function nodeObject(n: { name: string; ip: string; port: number }): KubeObject {
  return {
    metadata: { name: n.name },
    status: {
      addresses: [{ type: 'InternalIP', address: n.ip }],
      daemonEndpoints: { kubeletEndpoint: { Port: n.port } },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

interface Fleet {
  kubelets: KubeletGroup;
  pki: { ca: string; cert: string; key: string };
}

async function startFleet(nodes: number, podsPerNode: number, processes: number, port: number): Promise<Fleet> {
  const stateDir = join(RESULTS_DIR, 'state-ms-scale');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const kubelets = await startKubeletGroup({ stateDir, nodes, podsPerNode, kubeletPort: port }, processes);
  const pki = join(stateDir, 'pki');
  const read = (f: string) => readFileSync(join(pki, f), 'utf8');
  return { kubelets, pki: { ca: read('kubelet-ca.crt'), cert: read('admin.crt'), key: read('admin.key') } };
}

/** Ticks of our scraper + storage in this process against sharded kubelet processes. */
export async function measureScraperScale(
  options: {
    nodes?: number;
    podsPerNode?: number;
    ticks?: number;
    resolutionSeconds?: number;
    kubeletProcesses?: number;
    maxStaggerMs?: number;
    log?: (line: string) => void;
  } = {},
): Promise<ScraperScaleResult> {
  const nodes = options.nodes ?? 5000;
  const podsPerNode = options.podsPerNode ?? 30;
  const ticks = options.ticks ?? 6;
  const resolutionMs = (options.resolutionSeconds ?? 15) * 1000;
  const processes = options.kubeletProcesses ?? 4;
  const log = options.log ?? (() => {});
  const fleet = await startFleet(nodes, podsPerNode, processes, 21351);
  try {
    fullGc();
    const before = memory();
    const nodeObjects = fleet.kubelets.nodes.map(nodeObject);
    let kubelet: KubeletClient | undefined = new KubeletClient({
      useNodeStatusPort: true,
      preferredAddressTypes: ['InternalIP'],
      tls: { ca: fleet.pki.ca, cert: fleet.pki.cert, key: fleet.pki.key, insecureSkipVerify: false },
      requestTimeoutMs: 10_000,
    });
    let storage: MetricsStorage | undefined = new MetricsStorage({ resolutionMs });
    const scraper = new Scraper({
      nodes: { list: () => nodeObjects },
      kubelet,
      resolutionMs,
      ...(options.maxStaggerMs !== undefined ? { maxStaggerMs: options.maxStaggerMs } : {}),
    });
    const samples: TickSample[] = [];
    for (let t = 0; t < ticks; t++) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const batch = await scraper.scrape();
      const wallMs = performance.now() - t0;
      const s0 = performance.now();
      storage.store(batch);
      const storeMs = performance.now() - s0;
      const cpu = process.cpuUsage(cpu0);
      const sample: TickSample = {
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        nodes: batch.nodes.size,
        pods: batch.pods.size,
        storeMs,
        rssMb: process.memoryUsage().rss / MB,
      };
      samples.push(sample);
      log(
        `tick ${t + 1}: ${wallMs.toFixed(0)} ms wall, ${sample.cpuMs.toFixed(0)} ms CPU, ${sample.nodes} nodes, ` +
          `${sample.pods} pods, store ${storeMs.toFixed(1)} ms, rss ${sample.rssMb.toFixed(0)} MB`,
      );
      const rest = resolutionMs - (performance.now() - t0);
      if (t < ticks - 1 && rest > 0) await sleep(rest);
    }
    fullGc();
    const afterGc = memory();
    storage = undefined;
    fullGc();
    const withoutStorage = memory();
    await kubelet.close();
    kubelet = undefined;
    fullGc();
    await sleep(200);
    fullGc();
    const withoutConnections = memory();
    const warm = samples.slice(1);
    const cpuMsP50 = percentile(
      warm.map((s) => s.cpuMs),
      50,
    );
    return {
      nodes,
      podsPerNode,
      resolutionSeconds: resolutionMs / 1000,
      staggerMs: scraper.staggerMs(nodes),
      kubeletProcesses: processes,
      before,
      ticks: samples,
      warm: {
        wallMsP50: percentile(
          warm.map((s) => s.wallMs),
          50,
        ),
        wallMsMax: Math.max(...warm.map((s) => s.wallMs)),
        cpuMsP50,
        cpuUsPerNodeP50: (cpuMsP50 * 1000) / nodes,
        millicoresPerNode: (cpuMsP50 / resolutionMs / nodes) * 1000,
      },
      afterGc,
      withoutStorage,
      withoutConnections,
      storageBytesPerNode: ((afterGc.heapUsedMb - withoutStorage.heapUsedMb) * MB) / nodes,
      connectionRssKbPerNode: ((withoutStorage.rssMb - withoutConnections.rssMb) * 1024) / nodes,
    };
  } finally {
    await fleet.kubelets.stop();
  }
}

export interface SocketCostResult {
  connections: number;
  /** Per idle connection, KB: raw `tls.connect` sockets (one shared context). */
  rawTls: { rssKb: number; externalKb: number; heapKb: number };
  /** Per origin, KB: one undici Client (via Agent, connections: 1) after one request each. */
  undici: { rssKb: number; externalKb: number; heapKb: number };
}

/** What one idle kubelet connection costs: raw TLS sockets, then through undici. */
export async function measureTlsSocketCost(
  options: { connections?: number; kubeletProcesses?: number } = {},
): Promise<SocketCostResult> {
  const n = options.connections ?? 2000;
  const fleet = await startFleet(n, 1, options.kubeletProcesses ?? 2, 21352);
  const per = (a: MemorySample, b: MemorySample) => ({
    rssKb: ((b.rssMb - a.rssMb) * 1024) / n,
    externalKb: ((b.externalMb - a.externalMb) * 1024) / n,
    heapKb: ((b.heapUsedMb - a.heapUsedMb) * 1024) / n,
  });
  try {
    const context = createSecureContext({ ca: fleet.pki.ca, cert: fleet.pki.cert, key: fleet.pki.key });
    fullGc();
    const m0 = memory();
    const sockets: TLSSocket[] = [];
    for (const node of fleet.kubelets.nodes) {
      sockets.push(
        await new Promise<TLSSocket>((resolve, reject) => {
          const s = connect({ host: node.ip, port: node.port, secureContext: context, rejectUnauthorized: false });
          s.once('secureConnect', () => resolve(s));
          s.once('error', reject);
        }),
      );
    }
    fullGc();
    const m1 = memory();
    for (const s of sockets) s.destroy();
    sockets.length = 0;
    await sleep(500);
    fullGc();
    const m2 = memory();
    const client = new KubeletClient({
      useNodeStatusPort: true,
      preferredAddressTypes: ['InternalIP'],
      tls: { ca: fleet.pki.ca, cert: fleet.pki.cert, key: fleet.pki.key, insecureSkipVerify: false },
      requestTimeoutMs: 30_000,
    });
    const nodes = fleet.kubelets.nodes.map(nodeObject);
    for (let i = 0; i < nodes.length; i += 100) {
      await Promise.all(nodes.slice(i, i + 100).map((node) => client.getMetrics(node)));
    }
    fullGc();
    const m3 = memory();
    await client.close();
    return { connections: n, rawTls: per(m0, m1), undici: per(m2, m3) };
  } finally {
    await fleet.kubelets.stop();
  }
}

export interface BinaryScaleResult {
  command: string;
  nodes: number;
  podsPerNode: number;
  /** Scrape durations of the measured ticks (from the `-v=1` "Scrape finished" log), ms. */
  tickMs: number[];
  nodeCounts: number[];
  cpuSecondsPerTick: number;
  millicoresPerNode: number;
  rssMb: number;
  rssMbPerNode: number;
  /** RSS at the end of each measured tick window, MB. */
  rssMbSamples: number[];
  /** From its `/metrics` after the last tick: heap used/total, external, RSS, MB. */
  selfMetrics: Record<string, number>;
  peakRssMb: number;
}

function scrapeLog(path: string): { ms: number; nodes: number }[] {
  const out: { ms: number; nodes: number }[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /"Scrape finished" duration="([^"]+)" nodeCount=(\d+)/.exec(line);
    if (m) out.push({ ms: parseGoDuration(m[1] as string), nodes: Number(m[2]) });
  }
  return out;
}

/**
 * The real `kube-metrics metrics-server` (`node dist/cli.js` when built, else through tsx) against
 * the simulator's API server and sharded kubelets; CPU and RSS from /proc over `ticks` ticks
 * after the first tick that reached every node.
 */
export async function measureBinaryScale(
  options: {
    nodes?: number;
    podsPerNode?: number;
    ticks?: number;
    kubeletProcesses?: number;
    /** A built `dist/cli.js` to run (another build, e.g. a baseline); default this repo's. */
    cli?: string;
    /** Node flags for the server process (e.g. `--max-old-space-size=256`). */
    nodeArgs?: string[];
    /** Distinguishes concurrent runs: state directory, kubelet port and log name. */
    instance?: number;
    log?: (line: string) => void;
  } = {},
): Promise<BinaryScaleResult> {
  const nodes = options.nodes ?? 5000;
  const podsPerNode = options.podsPerNode ?? 30;
  const ticks = options.ticks ?? 6;
  const log = options.log ?? (() => {});
  const instance = options.instance ?? 0;
  const stateDir = join(RESULTS_DIR, `state-ms-binary${instance || ''}`);
  const kubeletPort = 21353 + instance;
  const logName = `ms-scale${instance || ''}`;
  const nodeArgs = options.nodeArgs ?? [];
  const api = await startSimProcess({ mode: 'api', stateDir, nodes, podsPerNode, kubeletPort });
  let kubelets: KubeletGroup | undefined;
  let proc: ReturnType<typeof startService> | undefined;
  try {
    kubelets = await startKubeletGroup({ stateDir, nodes, podsPerNode, kubeletPort }, options.kubeletProcesses ?? 4);
    log(`simulator up: ${api.ready.pods} pods, kubelets in ${kubelets.pids.length} processes`);
    const dist = options.cli ?? new URL('../dist/cli.js', import.meta.url).pathname;
    const useDist = existsSync(dist);
    const command = [
      'node',
      ...nodeArgs,
      ...(useDist ? [dist] : ['--import', 'tsx', 'bench/kube-metrics-cli.ts']),
    ].join(' ');
    const port = await freePort();
    const certDir = join(RESULTS_DIR, `${logName}-certs`);
    rmSync(certDir, { recursive: true, force: true });
    const kubeconfig = api.ready.kubeconfigPath ?? '';
    const args = [
      'metrics-server',
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${port}`,
      `--cert-dir=${certDir}`,
      '--metric-resolution=15s',
      `--kubelet-certificate-authority=${join(stateDir, 'pki', 'kubelet-ca.crt')}`,
      '--kubelet-preferred-address-types=InternalIP',
      '--kubelet-use-node-status-port',
      '-v=1',
    ];
    proc = useDist
      ? startService(logName, process.execPath, [...nodeArgs, dist, ...args])
      : startService(logName, process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/kube-metrics-cli.ts', ...args]);
    const logPath = proc.logPath;
    const running = proc;
    await waitFor(
      `metrics-server to scrape all ${nodes} nodes in one tick`,
      async () => {
        if (running.exited()) throw new Error(`exited, see ${logPath}`);
        const l = scrapeLog(logPath);
        return (l[l.length - 1]?.nodes ?? 0) >= nodes * 0.99 ? true : undefined;
      },
      600_000,
      100,
    );
    const done = scrapeLog(logPath).length;
    const cpu0 = sampleProcess(proc.pid).cpuSeconds;
    const t0 = performance.now();
    const rssSamples: number[] = [];
    for (let t = 0; t < ticks; t++) {
      await sleep(15_000);
      rssSamples.push(sampleProcess(proc.pid).rssMb);
      log(`tick window ${t + 1}: rss ${rssSamples[t]?.toFixed(0)} MB`);
    }
    const elapsedTicks = (performance.now() - t0) / 15_000;
    const s = sampleProcess(proc.pid);
    const measured = scrapeLog(logPath).slice(done);
    const cpuSecondsPerTick = (s.cpuSeconds - cpu0) / elapsedTicks;
    // Its own view of its memory (prom-client's process metrics), read as the admin (system:masters).
    const pki = join(stateDir, 'pki');
    const agent = new Agent({
      connect: {
        rejectUnauthorized: false,
        cert: readFileSync(join(pki, 'admin.crt'), 'utf8'),
        key: readFileSync(join(pki, 'admin.key'), 'utf8'),
      },
    });
    const selfMetrics: Record<string, number> = {};
    try {
      const text = (await timedGet(`https://127.0.0.1:${port}/metrics`, agent)).body.toString();
      for (const name of [
        'nodejs_heap_size_used_bytes',
        'nodejs_heap_size_total_bytes',
        'nodejs_external_memory_bytes',
        'process_resident_memory_bytes',
      ]) {
        const m = new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text);
        if (m) selfMetrics[name.replace(/_bytes$/, 'Mb')] = Number(m[1]) / MB;
      }
    } catch (err) {
      // Best effort: a server too busy to answer still has its /proc figures reported.
      log(`reading /metrics failed: ${(err as Error).message}`);
    } finally {
      await agent.close();
    }
    return {
      command,
      nodes,
      podsPerNode,
      tickMs: measured.map((t) => t.ms),
      nodeCounts: measured.map((t) => t.nodes),
      cpuSecondsPerTick,
      millicoresPerNode: (cpuSecondsPerTick / 15 / nodes) * 1000,
      rssMb: s.rssMb,
      rssMbPerNode: s.rssMb / nodes,
      rssMbSamples: rssSamples,
      selfMetrics,
      peakRssMb: s.peakRssMb,
    };
  } finally {
    await proc?.stop();
    await kubelets?.stop();
    await api.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [what = 'scraper', nodes, pods, ticks] = process.argv.slice(2);
  // Diagnostic: a V8 flag set at run time (e.g. `V8_FLAGS=--heap-growing-percent=20`).
  if (process.env.V8_FLAGS) (await import('node:v8')).setFlagsFromString(process.env.V8_FLAGS);
  const log = (line: string) => console.log(`  ${line}`);
  const n = nodes ? Number(nodes) : undefined;
  const common = {
    ...(n ? { nodes: n } : {}),
    ...(pods ? { podsPerNode: Number(pods) } : {}),
    ...(ticks ? { ticks: Number(ticks) } : {}),
    log,
  };
  const result =
    what === 'sockets'
      ? await measureTlsSocketCost(n ? { connections: n } : {})
      : what === 'binary'
        ? await measureBinaryScale({
            ...common,
            ...(process.env.MS_CLI ? { cli: process.env.MS_CLI } : {}),
            ...(process.env.MS_NODE_ARGS ? { nodeArgs: process.env.MS_NODE_ARGS.split(' ') } : {}),
            ...(process.env.MS_INSTANCE ? { instance: Number(process.env.MS_INSTANCE) } : {}),
          })
        : await measureScraperScale({
            ...common,
            ...(process.env.MAX_STAGGER_MS ? { maxStaggerMs: Number(process.env.MAX_STAGGER_MS) } : {}),
          });
  console.log(JSON.stringify(result, null, 1));
}
