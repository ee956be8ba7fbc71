/**
 * kube-state-metrics at scale: one seeded simulator API server (its own process, no kubelets),
 * then each contender started as a child process in turn, `runs` times, interleaved so machine
 * load hits all of them alike. Per run: spawn to the first scrape holding every seeded pod
 * (`kube_pod_info` lines), RSS right after and 3 s later (VmRSS, VmHWM), scrape time over
 * repeated full scrapes, body size; medians over runs. Contenders all watch the same simulator,
 * so their bodies can be compared byte for byte (the simulator's timestamps depend on its start).
 * Run: `node --import tsx bench/ksm-scale.ts [nodes] [podsPerNode] [runs] [upstream-binary]`;
 * `KSM_SCALE_DIST=<dir>` adds a compiled tree (`<dir>/cli.js`) as a contender (repeatable with `,`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { countLines, freePort, timedGet, waitFor } from './http-probe.ts';
import { percentile, sampleProcess, sleep } from './proc-stats.ts';
import { RESULTS_DIR, startService } from './service-process.ts';
import { startSimProcess } from './sim-process.ts';

export interface KsmScaleContender {
  name: string;
  command: string;
  /** Arguments before the kube-state-metrics flags (e.g. `['dist/cli.js', 'kube-state-metrics']`). */
  args: string[];
}

export interface KsmScaleRun {
  /** Spawn to the first scrape listing every seeded pod, ms. */
  syncMs: number;
  /** utime + stime until then, s. */
  syncCpuSeconds: number;
  /** VmRSS at sync, MB. */
  rssAtSyncMb: number;
  /** VmRSS 3 s after sync (after the measured scrapes), MB. */
  rssMb: number;
  /** VmHWM at the end, MB. */
  peakRssMb: number;
  bodyBytes: number;
  scrapeMsP50: number;
  /** Server CPU per scrape, ms. */
  scrapeCpuMs: number;
}

export interface KsmScaleFigures extends Omit<KsmScaleRun, never> {
  name: string;
  runs: KsmScaleRun[];
}

export interface KsmScaleResult {
  nodes: number;
  podsPerNode: number;
  pods: number;
  /** Median time to page through and parse every pod with a bare client (the API server's share of a sync), ms. */
  podListFloorMs: number;
  contenders: KsmScaleFigures[];
  /** Whether each contender's final body equals the first contender's (bodies in `<outDir>/ksm-scale-<name>.prom`). */
  identicalBodies: Record<string, boolean>;
}

export interface KsmScaleOptions {
  nodes?: number;
  podsPerNode?: number;
  runs?: number;
  scrapes?: number;
  contenders: KsmScaleContender[];
  /** Where bodies go (`<dir>/ksm-scale-<name>.prom`); default bench/results. */
  outDir?: string;
}

/** Our compiled CLI (`npm run build`), or the sources through tsx when `dist/` is absent. */
export function oursContender(name = 'ours', distDir = join(import.meta.dirname, '..', 'dist')): KsmScaleContender {
  const cli = join(distDir, 'cli.js');
  if (existsSync(cli)) return { name, command: process.execPath, args: [cli, 'kube-state-metrics'] };
  return {
    name,
    command: process.execPath,
    args: ['--import', 'tsx', join(import.meta.dirname, 'kube-metrics-cli.ts'), 'kube-state-metrics'],
  };
}

export function upstreamContender(binary: string): KsmScaleContender {
  return { name: 'upstream', command: binary, args: [] };
}

/**
 * The pod LIST has returned (ours: `kube_state_metrics_list_total`), or the pod watch that
 * replaces it has started (upstream v2.20 lists through a watch: `kube_state_metrics_watch_total`).
 */
const POD_LIST_DONE = '{resource="*v1.Pod",result="success"}';

/**
 * The floor under any contender's sync: paging through every pod (500 per page, as client-go
 * does) and parsing each page, nothing else. Ms.
 */
async function listFloorMs(kubeconfig: string): Promise<number> {
  const { loadKubeconfig } = await import('../src/shared/kube/kubeconfig.ts');
  const { KubeApiClient } = await import('../src/shared/kube/api-client.ts');
  const client = new KubeApiClient({ config: await loadKubeconfig({ kubeconfigPath: kubeconfig }) });
  try {
    const t0 = performance.now();
    let cont: string | undefined;
    do {
      const page = await client.list('/api/v1/pods', { limit: 500, ...(cont ? { continue: cont } : {}) });
      cont = page.metadata?.continue || undefined;
    } while (cont);
    return performance.now() - t0;
  } finally {
    await client.close();
  }
}

async function runOnce(
  c: KsmScaleContender,
  kubeconfig: string,
  pods: number,
  scrapes: number,
  bodyPath: string,
): Promise<{ run: KsmScaleRun; bodyHash: string }> {
  const port = await freePort();
  const telemetry = await freePort();
  const proc = startService(`ksm-scale-${c.name}`, c.command, [
    ...c.args,
    `--kubeconfig=${kubeconfig}`,
    '--host=127.0.0.1',
    `--port=${port}`,
    '--telemetry-host=127.0.0.1',
    `--telemetry-port=${telemetry}`,
  ]);
  const url = `http://127.0.0.1:${port}/metrics`;
  try {
    // The telemetry port says cheaply when the pod list has come back; only then is the (large)
    // pods body polled, so polling costs the contender little while it lists.
    await waitFor(
      `${c.name} to finish listing pods`,
      async () => {
        if (proc.exited()) throw new Error(`exited (log: ${proc.logPath})`);
        const r = await timedGet(`http://127.0.0.1:${telemetry}/metrics`);
        return r.status === 200 && r.body.includes(POD_LIST_DONE) ? true : undefined;
      },
      900_000,
      100,
    );
    await waitFor(
      `${c.name} to list ${pods} pods`,
      async () => {
        if (proc.exited()) throw new Error(`exited (log: ${proc.logPath})`);
        const r = await timedGet(`${url}?resources=pods`);
        return r.status === 200 && countLines(r.body, 'kube_pod_info{') >= pods ? true : undefined;
      },
      900_000,
      100,
    );
    const syncMs = performance.now() - proc.startedAt;
    const atSync = sampleProcess(proc.pid);
    const times: number[] = [];
    let bodyBytes = 0;
    let bodyHash = '';
    for (let i = 0; i < scrapes; i++) {
      const r = await timedGet(url);
      times.push(r.ms);
      bodyBytes = r.body.length;
      // Bodies reach a gigabyte at 150,000 pods: only the last goes to disk, and only its hash stays.
      if (i === scrapes - 1) {
        writeFileSync(bodyPath, r.body);
        bodyHash = createHash('sha256').update(r.body).digest('hex');
      }
    }
    const afterScrapes = sampleProcess(proc.pid);
    await sleep(3000);
    const end = sampleProcess(proc.pid);
    return {
      run: {
        syncMs,
        syncCpuSeconds: atSync.cpuSeconds,
        rssAtSyncMb: atSync.rssMb,
        rssMb: end.rssMb,
        peakRssMb: end.peakRssMb,
        bodyBytes,
        scrapeMsP50: percentile(times, 50),
        scrapeCpuMs: ((afterScrapes.cpuSeconds - atSync.cpuSeconds) * 1000) / scrapes,
      },
      bodyHash,
    };
  } finally {
    await proc.stop();
  }
}

function median(runs: KsmScaleRun[], key: keyof KsmScaleRun): number {
  return percentile(
    runs.map((r) => r[key]),
    50,
  );
}

export async function measureKsmScale(options: KsmScaleOptions): Promise<KsmScaleResult> {
  const nodes = options.nodes ?? 5000;
  const podsPerNode = options.podsPerNode ?? 30;
  const runs = options.runs ?? 3;
  const scrapes = options.scrapes ?? 5;
  const outDir = options.outDir ?? RESULTS_DIR;
  mkdirSync(outDir, { recursive: true });
  const api = await startSimProcess({
    mode: 'api',
    stateDir: join(outDir, 'state-ksm-scale'),
    nodes,
    podsPerNode,
    kubeletPort: 21250,
  });
  try {
    const pods = api.ready.pods;
    const kubeconfig = api.ready.kubeconfigPath ?? '';
    // Controllers bind and start the seeded pods shortly after seeding.
    await sleep(5000);
    const perContender = new Map<string, KsmScaleRun[]>(options.contenders.map((c) => [c.name, []]));
    const lastHash = new Map<string, string>();
    const floors: number[] = [];
    for (let r = 0; r < runs; r++) {
      floors.push(await listFloorMs(kubeconfig));
      for (const c of options.contenders) {
        const bodyPath = join(outDir, `ksm-scale-${basename(c.name)}.prom`);
        const { run, bodyHash } = await runOnce(c, kubeconfig, pods, scrapes, bodyPath);
        perContender.get(c.name)?.push(run);
        lastHash.set(c.name, bodyHash);
        process.stderr.write(`ksm-scale ${c.name} run ${r + 1}/${runs}: ${JSON.stringify(run)}\n`);
      }
    }
    const contenders: KsmScaleFigures[] = options.contenders.map((c) => {
      const rs = perContender.get(c.name) ?? [];
      return {
        name: c.name,
        syncMs: median(rs, 'syncMs'),
        syncCpuSeconds: median(rs, 'syncCpuSeconds'),
        rssAtSyncMb: median(rs, 'rssAtSyncMb'),
        rssMb: median(rs, 'rssMb'),
        peakRssMb: median(rs, 'peakRssMb'),
        bodyBytes: median(rs, 'bodyBytes'),
        scrapeMsP50: median(rs, 'scrapeMsP50'),
        scrapeCpuMs: median(rs, 'scrapeCpuMs'),
        runs: rs,
      };
    });
    const identicalBodies: Record<string, boolean> = {};
    const reference = lastHash.get(options.contenders[0]?.name ?? '');
    for (const [name, hash] of lastHash) identicalBodies[name] = hash === reference;
    return { nodes, podsPerNode, pods, podListFloorMs: percentile(floors, 50), contenders, identicalBodies };
  } finally {
    await api.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [nodes, pods, runs, upstream] = process.argv.slice(2);
  const contenders: KsmScaleContender[] = [];
  const dists = (process.env.KSM_SCALE_DIST ?? '').split(',').filter((d) => d !== '');
  if (dists.length === 0) contenders.push(oursContender());
  for (const d of dists) contenders.push(oursContender(basename(join(d, '..')) || d, d));
  if (upstream) contenders.push(upstreamContender(upstream));
  const result = await measureKsmScale({
    nodes: Number(nodes ?? 5000),
    podsPerNode: Number(pods ?? 30),
    runs: Number(runs ?? 3),
    contenders,
  });
  console.log(JSON.stringify({ ...result, contenders: result.contenders.map(({ runs: _r, ...m }) => m) }, null, 1));
}
