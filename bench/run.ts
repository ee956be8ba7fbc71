/**
 * `npm run bench [-- <scenario>... ] [--nodes=N] [--pods-per-node=M] [--ticks=T]`: runs named
 * scenarios (default: all), prints a table per scenario and writes its JSON to
 * bench/results/<scenario>.json. Upstream binaries and Prometheus come from flags or the
 * environment (never from the repository): `--upstream-metrics-server=PATH` /
 * UPSTREAM_METRICS_SERVER, `--upstream-ksm=PATH` / UPSTREAM_KSM, `--prometheus=PATH` / PROMETHEUS
 * (default: `prometheus` on PATH). Scenarios whose contender is missing skip that contender.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareKsm } from './compare-ksm.ts';
import { compareMetricsServer } from './compare-metrics-server.ts';
import { machineDescription } from './proc-stats.ts';
import { RESULTS_DIR } from './service-process.ts';
import { benchSimulatorApi } from './simulator-api.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

interface Settings {
  nodes: number;
  podsPerNode: number;
  ticks: number;
  upstreamMetricsServer?: string;
  upstreamKsm?: string;
  prometheus?: string;
  /** Suffix of the result file names (`<scenario>-<tag>.json`), to keep runs at other scales apart. */
  tag?: string;
}

type Result = Record<string, unknown>;

/** A bench script run in a child process of its own (fresh heap, its own flags); stdout kept. */
function runScript(script: string, args: string[], nodeArgs: string[] = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, join(BENCH_DIR, script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`${script} exited with ${code}:\n${out.slice(-2000)}`));
        return;
      }
      const lines = out.split('\n').filter((l) => l.trim() !== '');
      const json = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Result);
      resolve({ script: `${script} ${args.join(' ')}`.trim(), output: lines, ...(json.length > 0 ? { json } : {}) });
    });
  });
}

const SCENARIOS: Record<string, { about: string; run: (s: Settings) => Promise<Result> }> = {
  decoder: {
    about: '/metrics/resource decoder vs a bare newline scan over the same payloads',
    run: () => runScript('decoder-bench.ts', []),
  },
  'metrics-api': {
    about: 'metrics-server storage and API read path at 5,000 x 30 (in process, synthetic batches)',
    run: () => runScript('metrics-api-bench.ts', []),
  },
  seed: {
    about: 'simulator seeding in process: generate, load, RSS per object, churn cost, certificate cost',
    run: (s) => runScript('simulator-seed.ts', [String(s.nodes), String(s.podsPerNode)], ['--expose-gc']),
  },
  simulator: {
    about: 'simulator API server process: seeding, paged list of all pods, watch fan-out to 10 watchers under churn',
    run: async (s) => ({ ...(await benchSimulatorApi({ nodes: s.nodes, podsPerNode: s.podsPerNode })) }),
  },
  'kubelet-round': {
    about: 'simulated kubelets in their own process: CPU of a full HTTPS scrape round (cold and warm)',
    run: (s) => runScript('kubelet-fleet.ts', [String(s.nodes), String(s.podsPerNode)]),
  },
  'scraper-tick': {
    about: 'our metrics-server scraper alone (client + scraper + decoder) against the kubelet process',
    // Its kubelets share one process, which cannot serve much more than 1,000 nodes per tick (BENCHMARKS.md).
    run: (s) =>
      runScript(
        'scraper-tick.ts',
        [String(Math.min(s.nodes, 1000)), String(s.podsPerNode), String(s.ticks)],
        ['--expose-gc'],
      ),
  },
  auth: {
    about: 'simulator authentication/authorization decisions with a large RBAC object set',
    run: () => runScript('auth-decisions.ts', []),
  },
  reflector: {
    about: 'shared reflector: paged and resourceVersion=0 sync of 20,000 pods, watch event rate',
    run: () => runScript('reflector-sync.ts', []),
  },
  'ksm-fixture': {
    about: 'KSM fixture (1,000 pods + 1,000 ConfigMaps + 1,000 Services): scrape vs a plain pre-built buffer server',
    run: () => runScript('ksm-store.ts', []),
  },
  'ksm-compare': {
    about: 'kube-state-metrics, ours and upstream, on the seeded simulator: sync, RSS, scrape, 1 of 10 shards, diff',
    run: async (s) => ({
      ...(await compareKsm({
        ...(s.upstreamKsm ? { upstreamBinary: s.upstreamKsm } : {}),
        nodes: s.nodes,
        podsPerNode: s.podsPerNode,
        scrapes: 5,
      })),
    }),
  },
  'ms-compare': {
    about:
      'metrics-server, ours and upstream, and Prometheus on the same kubelets: CPU, RSS, ticks, API latency, served data',
    run: async (s) => ({
      ...(await compareMetricsServer({
        ...(s.upstreamMetricsServer ? { upstreamBinary: s.upstreamMetricsServer } : {}),
        ...(s.prometheus ? { prometheusBinary: s.prometheus } : {}),
        nodes: s.nodes,
        podsPerNode: s.podsPerNode,
        ticks: s.ticks,
      })),
    }),
  },
};

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const full = join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

/** Flattens nested results into `a.b.c = value` rows for the printed table. */
function rows(value: unknown, prefix = ''): [string, string][] {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return value.map((v, i) => [`${prefix}[${i}]`, v]);
    return value.flatMap((v, i) => rows(v, `${prefix}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => rows(v, prefix ? `${prefix}.${k}` : k));
  }
  const text = typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(4) : String(value);
  return [[prefix, text]];
}

function parseArgs(argv: string[]): { names: string[]; settings: Settings } {
  const settings: Settings = {
    nodes: 5000,
    podsPerNode: 30,
    ticks: 5,
    ...(process.env.UPSTREAM_METRICS_SERVER ? { upstreamMetricsServer: process.env.UPSTREAM_METRICS_SERVER } : {}),
    ...(process.env.UPSTREAM_KSM ? { upstreamKsm: process.env.UPSTREAM_KSM } : {}),
  };
  const prometheus = process.env.PROMETHEUS ?? onPath('prometheus');
  if (prometheus) settings.prometheus = prometheus;
  const names: string[] = [];
  for (const arg of argv) {
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!m) {
      if (!SCENARIOS[arg]) throw new Error(`unknown scenario "${arg}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
      names.push(arg);
      continue;
    }
    const [, key, value = ''] = m;
    const int = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} needs a positive integer, got "${value}"`);
      return n;
    };
    if (key === 'nodes') settings.nodes = int();
    else if (key === 'pods-per-node') settings.podsPerNode = int();
    else if (key === 'ticks') settings.ticks = int();
    else if (key === 'upstream-metrics-server') settings.upstreamMetricsServer = value;
    else if (key === 'upstream-ksm') settings.upstreamKsm = value;
    else if (key === 'prometheus') settings.prometheus = value;
    else if (key === 'tag') settings.tag = value;
    else throw new Error(`unknown flag --${key}`);
  }
  return { names: names.length > 0 ? names : Object.keys(SCENARIOS), settings };
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }
  const { names, settings } = parsed;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const machine = machineDescription();
  console.log(
    `machine: ${Object.entries(machine)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  let failed = 0;
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario) continue;
    console.log(`\n== ${name}: ${scenario.about}`);
    const started = new Date().toISOString();
    const t0 = performance.now();
    try {
      const result = await scenario.run(settings);
      const record = {
        scenario: name,
        started,
        wallSeconds: (performance.now() - t0) / 1000,
        machine,
        settings,
        result,
      };
      const file = `${name}${settings.tag ? `-${settings.tag}` : ''}.json`;
      writeFileSync(join(RESULTS_DIR, file), `${JSON.stringify(record, null, 1)}\n`);
      const table = rows(result);
      const width = Math.min(48, Math.max(...table.map(([k]) => k.length)));
      for (const [k, v] of table) console.log(`  ${k.padEnd(width)}  ${v}`);
      console.log(`  (${record.wallSeconds.toFixed(0)} s; bench/results/${file})`);
    } catch (err) {
      failed++;
      console.log(`  FAILED: ${(err as Error).message}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
