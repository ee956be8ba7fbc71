/**
 * Ours against upstream kube-state-metrics on the same seeded simulator (API server in its own
 * process, no churn): time to the first complete scrape (every pod's `kube_pod_info` present),
 * CPU spent until then, RSS, scrape time (median of repeated full scrapes), scrape time of one of
 * 10 shards, and a series-by-series diff of the two `/metrics` bodies grouped by family.
 * Each contender is synced and measured while the other is idle (2 cores shared).
 * Run: `node --import tsx bench/compare-ksm.ts <upstream-binary> [nodes] [podsPerNode]`
 * (default 5000 x 30). Full diff in bench/results/ksm-diff.txt, bodies in bench/results/*.prom.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { diffExpositions, type FamilyDiff, formatDiff, isClean } from './exposition-diff.ts';
import { countLines, freePort, timedGet, waitFor } from './http-probe.ts';
import { percentile, sampleProcess, sleep } from './proc-stats.ts';
import { RESULTS_DIR, type ServiceProcess, startOurs, startService } from './service-process.ts';
import { type SimProcess, startSimProcess } from './sim-process.ts';

export interface KsmContender {
  name: string;
  /** Spawn to the first scrape holding every seeded pod, ms. */
  syncMs: number;
  /** Process CPU until then, s. */
  syncCpuSeconds: number;
  rssMb: number;
  peakRssMb: number;
  bodyBytes: number;
  series: number;
  scrapeMsP50: number;
  scrapeMsMin: number;
  /** CPU per scrape in the server process, ms. */
  scrapeCpuMs: number;
  shardScrapeMsP50?: number;
  shardBodyBytes?: number;
  shardRssMb?: number;
}

export interface KsmCompareResult {
  nodes: number;
  podsPerNode: number;
  pods: number;
  simulatorSeedMs: number;
  upstream?: KsmContender;
  ours?: KsmContender;
  ratios?: Record<string, number>;
  diff?: { families: number; identical: number; differing: string[] };
  churn?: ChurnFigures;
}

export interface ChurnFigures {
  /** Churn engine rate asked for, actions/s (each may write several objects). */
  churnPerSecond: number;
  seconds: number;
  /** API server writes during the phase (resourceVersion delta) per second: the watch events on offer. */
  writesPerSecond: number;
  /** Per contender: share of a core spent, and the event rate that share implies per CPU second. */
  contenders: Record<string, { cpuPercent: number; eventsPerCpuSecond: number }>;
}

type Starter = (name: string, args: string[]) => ServiceProcess;

/** A family's differences with at most 20 examples of each kind (the full lists can be millions). */
function trimDiff(d: FamilyDiff): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d };
  for (const k of ['onlyUpstream', 'onlyOurs', 'labelOrder', 'values', 'spelling'] as const) {
    out[k] = d[k].slice(0, 20);
    out[`${k}Count`] = d[k].length;
  }
  return out;
}

export const oursAvailable = (): boolean =>
  existsSync(new URL('../src/kube-state-metrics/command.ts', import.meta.url));

async function scrapeUntilComplete(url: string, expectedPods: number, timeoutMs: number): Promise<Buffer> {
  return waitFor(
    `${url} to list ${expectedPods} pods`,
    async () => {
      const r = await timedGet(url);
      return r.status === 200 && countLines(r.body, 'kube_pod_info{') >= expectedPods ? r.body : undefined;
    },
    timeoutMs,
    250,
  );
}

async function measure(
  name: string,
  start: Starter,
  kubeconfig: string,
  expectedPods: number,
  scrapes: number,
  extraArgs: string[] = [],
): Promise<{ contender: KsmContender; body: Buffer; proc: ServiceProcess; url: string }> {
  const port = await freePort();
  const telemetry = await freePort();
  const proc = start(name, [
    `--kubeconfig=${kubeconfig}`,
    '--host=127.0.0.1',
    `--port=${port}`,
    '--telemetry-host=127.0.0.1',
    `--telemetry-port=${telemetry}`,
    ...extraArgs,
  ]);
  const url = `http://127.0.0.1:${port}/metrics`;
  try {
    const body = await scrapeUntilComplete(url, expectedPods, 600_000);
    const syncMs = performance.now() - proc.startedAt;
    const syncCpuSeconds = sampleProcess(proc.pid).cpuSeconds;
    await sleep(2000);
    const times: number[] = [];
    const cpu0 = sampleProcess(proc.pid).cpuSeconds;
    let last = body;
    for (let i = 0; i < scrapes; i++) {
      const r = await timedGet(url);
      times.push(r.ms);
      last = r.body;
    }
    const s = sampleProcess(proc.pid);
    return {
      contender: {
        name,
        syncMs,
        syncCpuSeconds,
        rssMb: s.rssMb,
        peakRssMb: s.peakRssMb,
        bodyBytes: last.length,
        series: countSeries(last),
        scrapeMsP50: percentile(times, 50),
        scrapeMsMin: Math.min(...times),
        scrapeCpuMs: ((s.cpuSeconds - cpu0) * 1000) / scrapes,
      },
      body: last,
      proc,
      url,
    };
  } catch (err) {
    await proc.stop();
    throw new Error(`${name}: ${(err as Error).message} (log: ${proc.logPath})`, { cause: err });
  }
}

function countSeries(body: Buffer): number {
  let n = 0;
  let lineStart = 0;
  for (let i = body.indexOf(10); i !== -1; i = body.indexOf(10, i + 1)) {
    if (i > lineStart && body[lineStart] !== 35) n++;
    lineStart = i + 1;
  }
  return n;
}

async function shardScrape(
  name: string,
  start: Starter,
  kubeconfig: string,
  scrapes: number,
): Promise<{ p50: number; bytes: number; rssMb: number }> {
  const port = await freePort();
  const telemetry = await freePort();
  const proc = start(`${name}-shard`, [
    `--kubeconfig=${kubeconfig}`,
    '--host=127.0.0.1',
    `--port=${port}`,
    '--telemetry-host=127.0.0.1',
    `--telemetry-port=${telemetry}`,
    '--shard=0',
    '--total-shards=10',
  ]);
  const url = `http://127.0.0.1:${port}/metrics`;
  try {
    // A shard holds about a tenth of the pods: wait until two scrapes a second apart agree.
    let previous = -1;
    await waitFor(
      `${name} shard 0/10 to settle`,
      async () => {
        const r = await timedGet(url);
        const n = countLines(r.body, 'kube_pod_info{');
        const settled = n > 0 && n === previous;
        previous = n;
        return settled ? true : undefined;
      },
      600_000,
      1000,
    );
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < scrapes; i++) {
      const r = await timedGet(url);
      times.push(r.ms);
      bytes = r.body.length;
    }
    return { p50: percentile(times, 50), bytes, rssMb: sampleProcess(proc.pid).rssMb };
  } finally {
    await proc.stop();
  }
}

async function resourceVersion(api: SimProcess): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const { Agent } = await import('undici');
  const pki = join(dirname(api.ready.kubeconfigPath ?? ''), 'pki');
  const agent = new Agent({
    connect: {
      ca: readFileSync(join(pki, 'ca.crt'), 'utf8'),
      cert: readFileSync(join(pki, 'admin.crt'), 'utf8'),
      key: readFileSync(join(pki, 'admin.key'), 'utf8'),
    },
  });
  try {
    const r = await timedGet(`${api.ready.url}/api/v1/namespaces?limit=1`, agent);
    return Number(
      (JSON.parse(r.body.toString()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
    );
  } finally {
    await agent.close();
  }
}

/** Churn on the API server while the contenders watch: their CPU per applied write. */
async function churnPhase(
  api: SimProcess,
  contenders: ServiceProcess[],
  churnPerSecond: number,
  seconds: number,
): Promise<ChurnFigures> {
  const rv0 = await resourceVersion(api);
  const cpu0 = contenders.map((p) => sampleProcess(p.pid).cpuSeconds);
  const t0 = performance.now();
  api.churn(churnPerSecond);
  await sleep(seconds * 1000);
  api.churn(0);
  const elapsed = (performance.now() - t0) / 1000;
  const rv1 = await resourceVersion(api);
  const writesPerSecond = (rv1 - rv0) / elapsed;
  const out: ChurnFigures = { churnPerSecond, seconds: elapsed, writesPerSecond, contenders: {} };
  contenders.forEach((p, i) => {
    const cpu = sampleProcess(p.pid).cpuSeconds - (cpu0[i] ?? 0);
    out.contenders[p.name] = { cpuPercent: (cpu / elapsed) * 100, eventsPerCpuSecond: (rv1 - rv0) / cpu };
  });
  return out;
}

export async function compareKsm(options: {
  upstreamBinary?: string;
  nodes?: number;
  podsPerNode?: number;
  scrapes?: number;
  shards?: boolean;
  ours?: boolean;
  /** Churn actions per second for the events phase (0 = skip). */
  churn?: number;
}): Promise<KsmCompareResult> {
  const nodes = options.nodes ?? 5000;
  const podsPerNode = options.podsPerNode ?? 30;
  const scrapes = options.scrapes ?? 10;
  const upstreamBinary = options.upstreamBinary;
  const withOurs = (options.ours ?? true) && oursAvailable();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const api = await startSimProcess({
    mode: 'api',
    stateDir: join(RESULTS_DIR, 'state-ksm'),
    nodes,
    podsPerNode,
    kubeletPort: 21250,
  });
  const result: KsmCompareResult = {
    nodes,
    podsPerNode,
    pods: api.ready.pods,
    simulatorSeedMs: api.ready.startMs,
  };
  const kubeconfig = api.ready.kubeconfigPath ?? '';
  // Controllers finish binding and starting seeded pods shortly after seeding.
  await sleep(5000);
  const running: ServiceProcess[] = [];
  try {
    const startUpstream: Starter = (name, args) => startService(name, upstreamBinary ?? '', args);
    const startOursKsm: Starter = (name, args) => startOurs(name, ['kube-state-metrics', ...args]);
    let upBody: Buffer | undefined;
    let ourBody: Buffer | undefined;
    let upUrl = '';
    let ourUrl = '';
    if (upstreamBinary) {
      const m = await measure('ksm-upstream', startUpstream, kubeconfig, result.pods, scrapes);
      running.push(m.proc);
      result.upstream = m.contender;
      upBody = m.body;
      upUrl = m.url;
    }
    if (withOurs) {
      const m = await measure('ksm-ours', startOursKsm, kubeconfig, result.pods, scrapes);
      running.push(m.proc);
      result.ours = m.contender;
      ourBody = m.body;
      ourUrl = m.url;
    }
    // Final bodies back to back, so both describe the same cluster state.
    if (upUrl) upBody = (await timedGet(upUrl)).body;
    if (ourUrl) ourBody = (await timedGet(ourUrl)).body;
    if (upBody) writeFileSync(join(RESULTS_DIR, 'ksm-upstream.prom'), upBody);
    if (ourBody) writeFileSync(join(RESULTS_DIR, 'ksm-ours.prom'), ourBody);
    if ((options.churn ?? 500) > 0 && running.length > 0) {
      result.churn = await churnPhase(api, running, options.churn ?? 500, 30);
    }
    for (const p of running.splice(0)) await p.stop();
    if (upBody && ourBody) {
      const diffs: FamilyDiff[] = diffExpositions(upBody, ourBody);
      writeFileSync(join(RESULTS_DIR, 'ksm-diff.txt'), `${formatDiff(diffs, 10)}\n`);
      writeFileSync(
        join(RESULTS_DIR, 'ksm-diff.json'),
        JSON.stringify(diffs.filter((d) => !isClean(d)).map(trimDiff), null, 1),
      );
      const dirty = diffs.filter((d) => !isClean(d));
      result.diff = {
        families: diffs.length,
        identical: diffs.length - dirty.length,
        differing: dirty.map((d) => d.family),
      };
    }
    if (options.shards ?? true) {
      if (upstreamBinary && result.upstream) {
        const s = await shardScrape('ksm-upstream', startUpstream, kubeconfig, scrapes);
        Object.assign(result.upstream, { shardScrapeMsP50: s.p50, shardBodyBytes: s.bytes, shardRssMb: s.rssMb });
      }
      if (withOurs && result.ours) {
        const s = await shardScrape('ksm-ours', startOursKsm, kubeconfig, scrapes);
        Object.assign(result.ours, { shardScrapeMsP50: s.p50, shardBodyBytes: s.bytes, shardRssMb: s.rssMb });
      }
    }
    if (result.upstream && result.ours) {
      const u = result.upstream;
      const o = result.ours;
      result.ratios = {
        scrape: o.scrapeMsP50 / u.scrapeMsP50,
        sync: o.syncMs / u.syncMs,
        syncCpu: o.syncCpuSeconds / u.syncCpuSeconds,
        rss: o.rssMb / u.rssMb,
        ...(o.shardScrapeMsP50 && u.shardScrapeMsP50 ? { shardScrape: o.shardScrapeMsP50 / u.shardScrapeMsP50 } : {}),
      };
    }
    return result;
  } finally {
    for (const p of running) await p.stop();
    await api.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [binary, nodes, pods] = process.argv.slice(2);
  if (!binary) {
    process.stderr.write('Usage: compare-ksm.ts <upstream kube-state-metrics binary> [nodes] [podsPerNode]\n');
    process.exit(1);
  }
  const r = await compareKsm({
    upstreamBinary: binary,
    nodes: Number(nodes ?? 5000),
    podsPerNode: Number(pods ?? 30),
    shards: false,
  });
  console.log(
    JSON.stringify({ ...r, diff: r.diff ? { ...r.diff, differing: r.diff.differing.length } : undefined }, null, 1),
  );
  if (existsSync(join(RESULTS_DIR, 'ksm-diff.txt'))) {
    const { readFileSync } = await import('node:fs');
    console.log(readFileSync(join(RESULTS_DIR, 'ksm-diff.txt'), 'utf8'));
  }
}
