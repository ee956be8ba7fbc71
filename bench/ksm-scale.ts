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
  contenders: KsmScaleFigures[];
  /** Whether every contender's final body equals the first contender's. */
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

async function runOnce(
  c: KsmScaleContender,
  kubeconfig: string,
  pods: number,
  scrapes: number,
): Promise<{ run: KsmScaleRun; body: Buffer }> {
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
    // Only the pods resource is polled: the poll itself should cost the contender little.
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
    let body: Buffer = Buffer.alloc(0);
    for (let i = 0; i < scrapes; i++) {
      const r = await timedGet(url);
      times.push(r.ms);
      body = r.body;
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
        bodyBytes: body.length,
        scrapeMsP50: percentile(times, 50),
        scrapeCpuMs: ((afterScrapes.cpuSeconds - atSync.cpuSeconds) * 1000) / scrapes,
      },
      body,
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
    const lastBody = new Map<string, Buffer>();
    for (let r = 0; r < runs; r++) {
      for (const c of options.contenders) {
        const { run, body } = await runOnce(c, kubeconfig, pods, scrapes);
        perContender.get(c.name)?.push(run);
        lastBody.set(c.name, body);
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
    const reference = lastBody.get(options.contenders[0]?.name ?? '');
    for (const [name, body] of lastBody) {
      writeFileSync(join(outDir, `ksm-scale-${basename(name)}.prom`), body);
      identicalBodies[name] = reference?.equals(body) === true;
    }
    return { nodes, podsPerNode, pods, contenders, identicalBodies };
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
