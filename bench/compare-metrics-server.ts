/**
 * metrics-server side by side, on one set of simulated kubelets in their own process (5,000 nodes x
 * 30 pods by default) and an API server in another: upstream's binary, ours, and Debian's
 * Prometheus scraping the same kubelets, each alone for `ticks` resolutions (CPU and RSS from
 * /proc, tick durations from the "Scrape finished" log lines at -v=1, API latencies over HTTPS);
 * then upstream and ours together, and a comparison of what both serve.
 * Run: `node --import tsx bench/compare-metrics-server.ts <upstream-binary> [nodes] [podsPerNode] [ticks]`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { freePort, timedGet, waitFor } from './http-probe.ts';
import { diffServed, goDurationMs, type ServedDiff, summarizeServed } from './metrics-api-diff.ts';
import { percentile, sampleProcess, sleep } from './proc-stats.ts';
import { RESULTS_DIR, type ServiceProcess, startOurs, startService } from './service-process.ts';
import { type KubeletGroup, startKubeletGroup, startSimProcess } from './sim-process.ts';

export interface MsContender {
  name: string;
  /** Ticks measured (after the first full one, whose TLS handshakes are reported apart). */
  ticks: number;
  cpuSecondsPerTick: number;
  /** Millicores per node: CPU seconds per tick / resolution / nodes x 1000. */
  millicoresPerNode: number;
  rssMb: number;
  rssMbPerNode: number;
  tickMsP50?: number;
  tickMsP99?: number;
  /** CPU until ready (first tick stored), s. */
  firstTickCpuSeconds?: number;
  /** Nodes scraped by each tick before the first complete one. */
  warmupNodeCounts?: number[];
  /** CPU the kubelet process spent serving this contender, per tick, s. */
  kubeletCpuSecondsPerTick: number;
  namespaceListMsP50?: number;
  fullPodListMsP50?: number;
  fullPodListBytes?: number;
  nodeListMsP50?: number;
  /** Prometheus only: targets up at the end. */
  targetsUp?: number;
}

export interface MsCompareResult {
  nodes: number;
  podsPerNode: number;
  pods: number;
  resolutionSeconds: number;
  simulatorSeedMs: number;
  /** The kubelet fleet is spread over this many processes. */
  kubeletProcesses: number;
  kubeletStartMs: number;
  kubeletRssMb: number;
  /** Kubelet process CPU per 15 s with nobody scraping (housekeeping: payload rebuilds), s. */
  kubeletIdleCpuSecondsPerTick: number;
  upstream?: MsContender;
  ours?: MsContender;
  prometheus?: MsContender;
  ratios?: Record<string, number>;
  served?: { nodes: ServedDiff; pods: ServedDiff };
  /** Phases that failed, with the reason (the others' figures stand). */
  errors?: Record<string, string>;
}

export const oursAvailable = (): boolean => existsSync(new URL('../src/metrics-server/command.ts', import.meta.url));

interface Env {
  stateDir: string;
  kubeconfig: string;
  kubeletCA: string;
  adminCert: string;
  adminKey: string;
  kubelets: KubeletGroup;
  nodes: number;
  resolutionSeconds: number;
  namespace: string;
}

function msArgs(env: Env, port: number, certDir: string): string[] {
  return [
    `--kubeconfig=${env.kubeconfig}`,
    `--authentication-kubeconfig=${env.kubeconfig}`,
    `--authorization-kubeconfig=${env.kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${certDir}`,
    `--metric-resolution=${env.resolutionSeconds}s`,
    `--kubelet-certificate-authority=${env.kubeletCA}`,
    '--kubelet-preferred-address-types=InternalIP',
    '--kubelet-use-node-status-port',
    '-v=1',
  ];
}

/** "Scrape finished" log lines (-v=1): duration in ms and nodes scraped, oldest first. */
function scrapeLog(logPath: string): { ms: number; nodes: number }[] {
  const out: { ms: number; nodes: number }[] = [];
  for (const line of readFileSync(logPath, 'utf8').split('\n')) {
    if (!line.includes('Scrape finished')) continue;
    const m = /duration="?([0-9.]+(?:ms|s|µs|us|m[0-9.]+s))"?/.exec(line);
    const n = /nodeCount=(\d+)/.exec(line);
    if (m?.[1]) out.push({ ms: goDurationMs(m[1]), nodes: Number(n?.[1] ?? Number.NaN) });
  }
  return out;
}

function tickDurations(logPath: string): number[] {
  return scrapeLog(logPath).map((t) => t.ms);
}

async function runMetricsServer(
  name: string,
  env: Env,
  start: (args: string[]) => ServiceProcess,
  ticks: number,
): Promise<{ contender: MsContender; proc: ServiceProcess; base: string; agent: Agent }> {
  const port = await freePort();
  const certDir = join(RESULTS_DIR, `${name}-certs`);
  rmSync(certDir, { recursive: true, force: true });
  mkdirSync(certDir, { recursive: true });
  const proc = start(msArgs(env, port, certDir));
  const base = `https://127.0.0.1:${port}`;
  const agent = new Agent({
    connections: 2,
    connectTimeout: 60_000,
    connect: {
      rejectUnauthorized: false,
      cert: readFileSync(env.adminCert, 'utf8'),
      key: readFileSync(env.adminKey, 'utf8'),
    },
  });
  const resolutionMs = env.resolutionSeconds * 1000;
  try {
    // Ready = the first tick stored (upstream's readyz needs one full tick).
    await waitFor(
      `${name} /readyz`,
      async () => {
        if (proc.exited()) throw new Error(`exited, see ${proc.logPath}`);
        return (await timedGet(`${base}/readyz`, agent)).status === 200 ? true : undefined;
      },
      300_000,
      1000,
    );
    const firstTickCpuSeconds = sampleProcess(proc.pid).cpuSeconds;
    // Cold ticks (TLS handshakes; nodes that time out reconnect next tick) are not the steady state:
    // measure from the first tick that reached every node, aligned on its end.
    await waitFor(
      `${name} to scrape all ${env.nodes} nodes in one tick`,
      async () => {
        const log = scrapeLog(proc.logPath);
        return (log[log.length - 1]?.nodes ?? 0) >= env.nodes * 0.99 ? true : undefined;
      },
      600_000,
      100,
    );
    const warmup = scrapeLog(proc.logPath).map((t) => t.nodes);
    const cpu0 = sampleProcess(proc.pid).cpuSeconds;
    const k0 = env.kubelets.cpuSeconds();
    const ticksBefore = tickDurations(proc.logPath).length;
    const t0 = performance.now();
    await sleep(resolutionMs * ticks);
    const elapsedTicks = (performance.now() - t0) / resolutionMs;
    const s = sampleProcess(proc.pid);
    const k1 = env.kubelets.cpuSeconds();
    const durations = tickDurations(proc.logPath).slice(ticksBefore);
    const cpuSecondsPerTick = (s.cpuSeconds - cpu0) / elapsedTicks;
    const contender: MsContender = {
      name,
      ticks: durations.length,
      cpuSecondsPerTick,
      millicoresPerNode: (cpuSecondsPerTick / env.resolutionSeconds / env.nodes) * 1000,
      rssMb: s.rssMb,
      rssMbPerNode: s.rssMb / env.nodes,
      firstTickCpuSeconds,
      warmupNodeCounts: warmup,
      kubeletCpuSecondsPerTick: (k1 - k0) / elapsedTicks,
      ...(durations.length > 0 ? { tickMsP50: percentile(durations, 50), tickMsP99: percentile(durations, 99) } : {}),
    };
    const latency = async (path: string, runs: number) => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const r = await timedGet(`${base}${path}`, agent, 'application/json');
        if (r.status !== 200)
          throw new Error(`${name} GET ${path}: HTTP ${r.status} ${r.body.toString().slice(0, 200)}`);
        times.push(r.ms);
        bytes = r.body.length;
      }
      return { p50: percentile(times, 50), bytes };
    };
    contender.namespaceListMsP50 = (
      await latency(`/apis/metrics.k8s.io/v1beta1/namespaces/${env.namespace}/pods`, 20)
    ).p50;
    const full = await latency('/apis/metrics.k8s.io/v1beta1/pods', 5);
    contender.fullPodListMsP50 = full.p50;
    contender.fullPodListBytes = full.bytes;
    contender.nodeListMsP50 = (await latency('/apis/metrics.k8s.io/v1beta1/nodes', 5)).p50;
    return { contender, proc, base, agent };
  } catch (err) {
    await proc.stop();
    await agent.close();
    throw new Error(`${name}: ${(err as Error).message} (log: ${proc.logPath})`, { cause: err });
  }
}

function prometheusConfig(env: Env, targets: string[]): string {
  return [
    'global:',
    `  scrape_interval: ${env.resolutionSeconds}s`,
    `  scrape_timeout: ${Math.min(10, env.resolutionSeconds)}s`,
    'scrape_configs:',
    '  - job_name: kubelet-resource',
    '    scheme: https',
    '    metrics_path: /metrics/resource',
    '    tls_config:',
    `      ca_file: ${env.kubeletCA}`,
    `      cert_file: ${env.adminCert}`,
    `      key_file: ${env.adminKey}`,
    '    static_configs:',
    '      - targets:',
    ...targets.map((t) => `          - ${t}`),
    '',
  ].join('\n');
}

async function runPrometheus(binary: string, env: Env, ticks: number): Promise<MsContender> {
  const dir = join(RESULTS_DIR, 'prometheus');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const targets = env.kubelets.nodes.map((n) => `${n.ip}:${n.port}`);
  writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(env, targets));
  const port = await freePort();
  const proc = startService('prometheus', binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const resolutionMs = env.resolutionSeconds * 1000;
  const query = async (q: string) => {
    const r = await timedGet(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
    const json = JSON.parse(r.body.toString()) as { data?: { result?: { value?: [number, string] }[] } };
    return Number(json.data?.result?.[0]?.value?.[1] ?? Number.NaN);
  };
  try {
    // Warm-up: one full round of scrapes (TLS handshakes, series creation).
    await waitFor(
      'prometheus to scrape every kubelet once',
      async () => ((await query('count(up == 1)')) >= targets.length * 0.99 ? true : undefined),
      300_000,
      2000,
    );
    const firstTickCpuSeconds = sampleProcess(proc.pid).cpuSeconds;
    await sleep(resolutionMs);
    const cpu0 = sampleProcess(proc.pid).cpuSeconds;
    const k0 = env.kubelets.cpuSeconds();
    const t0 = performance.now();
    await sleep(resolutionMs * ticks);
    const elapsedTicks = (performance.now() - t0) / resolutionMs;
    const s = sampleProcess(proc.pid);
    const k1 = env.kubelets.cpuSeconds();
    const cpuSecondsPerTick = (s.cpuSeconds - cpu0) / elapsedTicks;
    const up = await query('count(up == 1)');
    const scrapeP50 = await query('quantile(0.5, scrape_duration_seconds)');
    const scrapeP99 = await query('quantile(0.99, scrape_duration_seconds)');
    return {
      name: 'prometheus',
      ticks: Math.round(elapsedTicks),
      cpuSecondsPerTick,
      millicoresPerNode: (cpuSecondsPerTick / env.resolutionSeconds / env.nodes) * 1000,
      rssMb: s.rssMb,
      rssMbPerNode: s.rssMb / env.nodes,
      firstTickCpuSeconds,
      kubeletCpuSecondsPerTick: (k1 - k0) / elapsedTicks,
      // Per-target scrape durations (not a tick: Prometheus spreads targets over the interval).
      tickMsP50: scrapeP50 * 1000,
      tickMsP99: scrapeP99 * 1000,
      targetsUp: up,
    };
  } finally {
    await proc.stop();
  }
}

async function servedLists(base: string, agent: Agent): Promise<{ nodes: never[]; pods: never[] }> {
  const get = async (path: string) => {
    const r = await timedGet(`${base}${path}`, agent, 'application/json');
    return (JSON.parse(r.body.toString()) as { items: never[] }).items;
  };
  return {
    nodes: await get('/apis/metrics.k8s.io/v1beta1/nodes'),
    pods: await get('/apis/metrics.k8s.io/v1beta1/pods'),
  };
}

export async function compareMetricsServer(options: {
  upstreamBinary?: string;
  prometheusBinary?: string;
  nodes?: number;
  podsPerNode?: number;
  ticks?: number;
  resolutionSeconds?: number;
  ours?: boolean;
  kubeletProcesses?: number;
}): Promise<MsCompareResult> {
  const kubeletProcesses = options.kubeletProcesses ?? 5;
  const nodes = options.nodes ?? 5000;
  const podsPerNode = options.podsPerNode ?? 30;
  const ticks = options.ticks ?? 5;
  const resolutionSeconds = options.resolutionSeconds ?? 15;
  const withOurs = (options.ours ?? true) && oursAvailable();
  const stateDir = join(RESULTS_DIR, 'state-ms');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const kubeletPort = 21251;
  const api = await startSimProcess({ mode: 'api', stateDir, nodes, podsPerNode, kubeletPort });
  let kubelets: KubeletGroup | undefined;
  const running: { proc: ServiceProcess; agent: Agent; base: string }[] = [];
  try {
    kubelets = await startKubeletGroup({ stateDir, nodes, podsPerNode, kubeletPort }, kubeletProcesses);
    const k0 = kubelets.cpuSeconds();
    await sleep(15_000);
    const idle = kubelets.cpuSeconds() - k0;
    const pki = join(stateDir, 'pki');
    // The namespace an HPA would query: the one holding the most seeded pods.
    const pods = JSON.parse(
      (await timedGet(`${api.ready.url}/api/v1/pods?limit=500`, adminAgent(pki))).body.toString(),
    ) as { items: { metadata: { namespace: string } }[] };
    const counts = new Map<string, number>();
    for (const p of pods.items) counts.set(p.metadata.namespace, (counts.get(p.metadata.namespace) ?? 0) + 1);
    const namespace = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'default';
    const env: Env = {
      stateDir,
      kubeconfig: api.ready.kubeconfigPath ?? '',
      kubeletCA: join(pki, 'kubelet-ca.crt'),
      adminCert: join(pki, 'admin.crt'),
      adminKey: join(pki, 'admin.key'),
      kubelets,
      nodes,
      resolutionSeconds,
      namespace,
    };
    const result: MsCompareResult = {
      nodes,
      podsPerNode,
      pods: api.ready.pods,
      resolutionSeconds,
      simulatorSeedMs: api.ready.startMs,
      kubeletProcesses,
      kubeletStartMs: kubelets.startMs,
      kubeletRssMb: kubelets.rssMb(),
      kubeletIdleCpuSecondsPerTick: (idle * resolutionSeconds) / 15,
    };
    const upstreamBinary = options.upstreamBinary;
    const startUp = (args: string[]) => startService('ms-upstream', upstreamBinary ?? '', args);
    const startUpAgain = (args: string[]) => startService('ms-upstream-2', upstreamBinary ?? '', args);
    const startOur = (args: string[]) =>
      startOurs(
        'ms-ours',
        ['metrics-server', ...args],
        process.env.BENCH_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`] : [],
      );
    // Each phase records its failure and the run goes on; partial results are saved as they come.
    const errors: Record<string, string> = {};
    const save = () =>
      writeFileSync(join(RESULTS_DIR, 'ms-compare.partial.json'), JSON.stringify({ ...result, errors }, null, 1));
    const phase = async (name: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (err) {
        errors[name] = (err as Error).message;
      }
      save();
    };
    if (upstreamBinary) {
      await phase('upstream', async () => {
        const r = await runMetricsServer('ms-upstream', env, startUp, ticks);
        result.upstream = r.contender;
        await r.proc.stop();
        await r.agent.close();
      });
    }
    if (withOurs) {
      await phase('ours', async () => {
        const r = await runMetricsServer('ms-ours', env, startOur, ticks);
        result.ours = r.contender;
        running.push(r);
      });
      const r = running[0];
      if (upstreamBinary && r) {
        // Both at once for the served-data comparison (figures above were taken alone).
        await phase('served', async () => {
          const u = await runMetricsServer('ms-upstream-2', env, startUpAgain, 1);
          running.push(u);
          const [ul, ol] = [await servedLists(u.base, u.agent), await servedLists(r.base, r.agent)];
          result.served = {
            nodes: diffServed('nodes', ul.nodes, ol.nodes),
            pods: diffServed('pods', ul.pods, ol.pods),
          };
          writeFileSync(
            join(RESULTS_DIR, 'ms-served-diff.txt'),
            `${summarizeServed(result.served.nodes, 10)}\n${summarizeServed(result.served.pods, 10)}\n`,
          );
        });
      }
      for (const x of running.splice(0)) {
        await x.proc.stop();
        await x.agent.close();
      }
    }
    if (options.prometheusBinary) {
      const binary = options.prometheusBinary;
      await phase('prometheus', async () => {
        result.prometheus = await runPrometheus(binary, env, ticks);
      });
    }
    if (Object.keys(errors).length > 0) result.errors = errors;
    const o = result.ours;
    if (o) {
      result.ratios = {
        ...(result.upstream && {
          cpuVsUpstream: o.cpuSecondsPerTick / result.upstream.cpuSecondsPerTick,
          rssVsUpstream: o.rssMb / result.upstream.rssMb,
        }),
        ...(result.prometheus && { cpuVsPrometheus: o.cpuSecondsPerTick / result.prometheus.cpuSecondsPerTick }),
      };
    }
    if (result.served) {
      // Full lists are summarised; the example lines are in ms-served-diff.txt.
      for (const d of [result.served.nodes, result.served.pods]) {
        d.onlyUpstream = d.onlyUpstream.slice(0, 20);
        d.onlyOurs = d.onlyOurs.slice(0, 20);
        d.valueDiffs = d.valueDiffs.slice(0, 20);
        d.formatDiffs = d.formatDiffs.slice(0, 20);
        d.containerSetDiffs = d.containerSetDiffs.slice(0, 20);
      }
    }
    return result;
  } finally {
    for (const x of running) {
      await x.proc.stop();
      await x.agent.close();
    }
    await kubelets?.stop();
    await api.stop();
  }
}

function adminAgent(pki: string): Agent {
  return new Agent({
    connect: {
      ca: readFileSync(join(pki, 'ca.crt'), 'utf8'),
      cert: readFileSync(join(pki, 'admin.crt'), 'utf8'),
      key: readFileSync(join(pki, 'admin.key'), 'utf8'),
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [binary, nodes, pods, ticks] = process.argv.slice(2);
  const r = await compareMetricsServer({
    ...(binary && binary !== '-' ? { upstreamBinary: binary } : {}),
    ...(process.env.PROMETHEUS ? { prometheusBinary: process.env.PROMETHEUS } : {}),
    nodes: Number(nodes ?? 5000),
    podsPerNode: Number(pods ?? 30),
    ticks: Number(ticks ?? 5),
  });
  console.log(JSON.stringify(r, null, 1));
}
