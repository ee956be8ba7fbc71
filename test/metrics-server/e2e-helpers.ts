/**
 * Helpers for the metrics-server end-to-end test: kubectl binaries, HTTPS calls with client
 * certificates, our metrics-server as a child process, and a recorder of the simulated kubelets'
 * samples from which the test computes what metrics-server must serve.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { decodeResourceMetrics } from '../../src/metrics-server/decoder/resource-decoder.ts';
import { KubeletClient } from '../../src/metrics-server/kubelet-client/kubelet-client.ts';
import { resourceUsage } from '../../src/metrics-server/storage/resource-usage.ts';
import type { MetricsPoint } from '../../src/metrics-server/storage/types.ts';
import { parseGoDuration } from '../../src/shared/duration.ts';
import type { KubeObject } from '../../src/shared/kube/object.ts';
import { formatBytes, formatNanoCores } from '../../src/shared/quantity/index.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** `kubectl.1.NN` beside the kubectl found on PATH (the gcloud SDK layout), oldest first. */
export function kubectlBinaries(): { minor: number; path: string }[] {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'kubectl');
    if (dir === '' || !existsSync(candidate)) continue;
    const home = dirname(realpathSync(candidate));
    return readdirSync(home)
      .map((name) => ({ name, match: /^kubectl\.1\.(\d+)$/.exec(name) }))
      .filter((e) => e.match)
      .map((e) => ({ minor: Number(e.match?.[1]), path: join(home, e.name) }))
      .sort((a, b) => a.minor - b.minor);
  }
  return [];
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(binary: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(binary, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

export interface HttpsAnswer {
  status: number;
  body: string;
}

/** GET with optional client certificate and headers; the server certificate is not verified. */
export function httpsGet(
  url: string,
  options: { cert?: string; key?: string; headers?: Record<string, string> } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        rejectUnauthorized: false,
        headers: options.headers ?? {},
        ...(options.cert ? { cert: options.cert, key: options.key } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.end();
  });
}

/** Our metrics-server as a child process; stderr kept for log assertions. */
export class MetricsServerProcess {
  readonly child: ChildProcess;
  stderr = '';
  readonly port: Promise<number>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'metrics-server', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.port = new Promise((resolve, reject) => {
      this.child.stderr?.on('data', (d: Buffer) => {
        this.stderr += d.toString();
        const m = /"Serving securely on" address="[^"]*:(\d+)"/.exec(this.stderr);
        if (m) resolve(Number(m[1]));
      });
      this.child.once('exit', (code) => reject(new Error(`metrics-server exited with ${code}:\n${this.stderr}`)));
    });
    this.port.catch(() => {});
  }

  /** Log lines containing every one of `parts`. */
  lines(...parts: string[]): string[] {
    return this.stderr.split('\n').filter((l) => parts.every((p) => l.includes(p)));
  }

  /** SIGTERM, then the exit code (null when killed by a signal). */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.pid === undefined) return this.child.exitCode;
    const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
    this.child.kill('SIGTERM');
    return exited;
  }
}

type Series = Map<number, MetricsPoint>;

/**
 * Polls every kubelet once a second and keeps each distinct sample by series and timestamp.
 * Simulated kubelets, like real ones, publish a sample per housekeeping (every 10-20 s), so
 * every sample metrics-server used is here too.
 */
export class KubeletRecorder {
  readonly nodes = new Map<string, Series>();
  readonly containers = new Map<string, Series>();
  readonly #client: KubeletClient;
  readonly #listNodes: () => KubeObject[];
  #timer: NodeJS.Timeout | undefined;
  #busy = false;

  constructor(listNodes: () => KubeObject[], cert: { certPem: string; keyPem: string }) {
    this.#listNodes = listNodes;
    this.#client = new KubeletClient({
      preferredAddressTypes: ['InternalIP', 'ExternalIP', 'Hostname'],
      useNodeStatusPort: true,
      tls: { insecureSkipVerify: true, cert: cert.certPem, key: cert.keyPem },
      requestTimeoutMs: 2000,
    });
  }

  start(): void {
    void this.poll();
    this.#timer = setInterval(() => void this.poll(), 1000);
  }

  async poll(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await Promise.all(
        this.#listNodes().map(async (node) => {
          const name = node.metadata.name ?? '';
          try {
            const res = await this.#client.getMetrics(node);
            const decoded = decodeResourceMetrics(res.body, name, res.requestTime);
            if (!decoded.ok) return;
            for (const [n, p] of decoded.batch.nodes) add(this.nodes, n, p);
            for (const [pod, v] of decoded.batch.pods)
              for (const [c, p] of v.containers) add(this.containers, `${pod}/${c}`, p);
          } catch {
            // Faulted kubelets are expected; their nodes are checked for absence instead.
          }
        }),
      );
    } finally {
      this.#busy = false;
    }
  }

  /**
   * The usage metrics-server must serve for a series given the served timestamp (RFC 3339,
   * seconds) and window: the recorded pair whose newer sample falls in that second and whose
   * distance is the window. Undefined when no such pair was recorded.
   */
  expected(series: Series | undefined, timestamp: string, window: string): { cpu: string; memory: string } | undefined {
    if (!series) return undefined;
    const second = Date.parse(timestamp);
    const windowMs = parseGoDuration(window);
    for (const [ts, last] of series) {
      if (Math.floor(ts / 1000) * 1000 !== second) continue;
      const prev = series.get(Math.round(ts - windowMs));
      if (!prev) continue;
      const u = resourceUsage(last, prev, 'node');
      if (u.ok) return { cpu: formatNanoCores(u.cpu), memory: formatBytes(u.memory) };
    }
    return undefined;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#client.close();
  }
}

function add(map: Map<string, Series>, key: string, point: MetricsPoint): void {
  let series = map.get(key);
  if (!series) {
    series = new Map();
    map.set(key, series);
  }
  series.set(point.timestamp, point);
}

/** Polls `check` every 500 ms until it returns a value, or fails naming `what`. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** kubectl's CPU column: MilliValue rounds up. */
export function kubectlCpu(nanocores: number): string {
  return `${Math.ceil(nanocores / 1e6)}m`;
}

/** kubectl's memory column: whole MiB, truncated. */
export function kubectlMemory(bytes: number): string {
  return `${Math.floor(bytes / 1048576)}Mi`;
}
