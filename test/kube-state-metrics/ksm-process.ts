/**
 * Runs the real `kube-metrics kube-state-metrics` as a child process on free loopback ports and
 * talks to it: the ports come from its startup log lines, readiness from the telemetry `/readyz`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const root = new URL('../..', import.meta.url).pathname;

export interface KsmProcess {
  child: ChildProcess;
  port: number;
  telemetryPort: number;
  stderr(): string;
  /** `/metrics` body of the main port (`path` may carry a query). */
  scrape(path?: string, headers?: Record<string, string>): Promise<string>;
  telemetry(): Promise<string>;
  stop(): Promise<void>;
}

/** Exit code and output of a run that is expected to end by itself (bad flags, --help). */
export async function runKsmToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'kube-state-metrics', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts KSM against `kubeconfig` with extra `args`; resolves once `/readyz` answers 200. */
export async function startKsm(kubeconfig: string, args: string[] = []): Promise<KsmProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'kube-state-metrics',
      `--kubeconfig=${kubeconfig}`,
      '--host=127.0.0.1',
      '--port=0',
      '--telemetry-host=127.0.0.1',
      '--telemetry-port=0',
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  let port = 0;
  let telemetryPort = 0;
  // Bounded: 1200 x 50 ms = 60 s for tsx to compile and connect on a busy machine.
  for (let i = 0; i < 1200 && (port === 0 || telemetryPort === 0); i++) {
    if (child.exitCode !== null) throw new Error(`kube-state-metrics exited with ${child.exitCode}: ${stderr}`);
    port = Number(/Started metrics server" address="[^"]*:(\d+)"/.exec(stderr)?.[1] ?? 0);
    telemetryPort = Number(/self metrics server" address="[^"]*:(\d+)"/.exec(stderr)?.[1] ?? 0);
    await sleep(50);
  }
  if (port === 0 || telemetryPort === 0) {
    await stop();
    throw new Error(`kube-state-metrics did not report its ports: ${stderr}`);
  }
  for (let i = 0; ; i++) {
    const res = await fetch(`http://127.0.0.1:${telemetryPort}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    if (i >= 600) {
      await stop();
      throw new Error(`kube-state-metrics never became ready: ${stderr}`);
    }
    await sleep(100);
  }
  return {
    child,
    port,
    telemetryPort,
    stderr: () => stderr,
    async scrape(path = '/metrics', headers = {}) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      return res.text();
    },
    async telemetry() {
      return (await fetch(`http://127.0.0.1:${telemetryPort}/metrics`)).text();
    },
    stop,
  };
}

/** Sample lines of an exposition (comments and blank lines dropped), sorted. */
export function seriesOf(body: string): string[] {
  return body
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .sort();
}

/** Metric names that have at least one sample. */
export function familiesOf(body: string): Set<string> {
  return new Set(seriesOf(body).map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)?.[0] ?? ''));
}

/** A loopback port that was free a moment ago (for tools that cannot bind port 0 and report it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Retries `check` until it returns undefined (success) or attempts run out; returns the last
 * failure. For comparisons against a cluster whose controllers may still be settling.
 */
export async function eventually(check: () => Promise<string | undefined>, attempts = 20, delayMs = 250) {
  let last: string | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await check();
    if (last === undefined) return undefined;
    await sleep(delayMs);
  }
  return last;
}

/** A readable summary of how two sorted series lists differ. */
export function diffSeries(got: readonly string[], want: readonly string[]): string | undefined {
  const g = new Set(got);
  const w = new Set(want);
  const missing = want.filter((s) => !g.has(s));
  const extra = got.filter((s) => !w.has(s));
  if (missing.length === 0 && extra.length === 0 && got.length === want.length) return undefined;
  return [
    `got ${got.length} series, want ${want.length}`,
    ...missing.slice(0, 5).map((s) => `missing: ${s}`),
    ...extra.slice(0, 5).map((s) => `extra: ${s}`),
  ].join('\n');
}
