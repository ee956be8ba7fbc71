/**
 * A server process under measurement (ours, an upstream binary, Prometheus): started by the bench,
 * its output kept in a log file under bench/results/, stopped by its PID (SIGTERM, then SIGKILL).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ServiceProcess {
  name: string;
  pid: number;
  /** Wall-clock ms (performance.now()) when the process was spawned. */
  startedAt: number;
  logPath: string;
  exited(): boolean;
  stop(): Promise<void>;
}

export function startService(name: string, command: string, args: string[]): ServiceProcess {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const logPath = join(RESULTS_DIR, `${name}.log`);
  const log = createWriteStream(logPath);
  const startedAt = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exitCode: number | null = null;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : 0);
      resolve();
    });
    child.once('error', (err) => {
      log.write(`spawn error: ${err.message}\n`);
      exitCode = 127;
      resolve();
    });
  });
  return {
    name,
    pid: child.pid ?? -1,
    startedAt,
    logPath,
    exited: () => exitCode !== null,
    stop: async () => {
      if (exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}

/** Our CLI through tsx (the repo's `dist/` may be absent while engineers work). */
export function startOurs(name: string, args: string[], nodeArgs: string[] = []): ServiceProcess {
  return startService(name, process.execPath, [
    '--import',
    'tsx',
    ...nodeArgs,
    join(REPO, 'bench', 'kube-metrics-cli.ts'),
    ...args,
  ]);
}
