/**
 * The simulator split in two processes for benchmarks, so each side's cost is measured apart:
 * `api` runs the API server (seeded, controllers on, no kubelets) and writes the state directory;
 * `kubelets` regenerates the same seeded cluster (same seed, nodes, port) into a private store
 * and serves every node's kubelet from the state directory's PKI. Both are children of the bench
 * (IPC): they announce `ready`, obey `churn` and `stop`, and leave when the parent goes away.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SimProcessOptions {
  mode: 'api' | 'kubelets';
  stateDir: string;
  nodes: number;
  podsPerNode: number;
  kubeletPort: number;
  seed?: number;
  watchHistory?: number;
  /**
   * `kubelets` mode: serve only nodes whose index % `kubeletShards` is `kubeletShard` (and keep only
   * their Node and Pod objects), so a fleet can be spread over processes.
   */
  kubeletShard?: number;
  kubeletShards?: number;
  /** Extra node flags for the child (e.g. `--cpu-prof`). */
  execArgv?: string[];
}

export interface SimReady {
  type: 'ready';
  /** API server URL (`api` mode). */
  url?: string;
  kubeconfigPath?: string;
  /** Time from process start of the work to serving (seeding, or certificates + listeners), ms. */
  startMs: number;
  objects: number;
  pods: number;
  nodes: { name: string; ip: string; port: number }[];
}

export interface SimProcess {
  proc: ChildProcess;
  pid: number;
  ready: SimReady;
  churn(eventsPerSecond: number): void;
  stop(): Promise<void>;
}

/** Forks a child in `mode` and waits for it to serve (rejects with its exit code or stderr tail). */
export async function startSimProcess(opts: SimProcessOptions): Promise<SimProcess> {
  const self = fileURLToPath(import.meta.url);
  const proc = fork(self, ['--child', JSON.stringify(opts)], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=8192', ...(opts.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const ready = await new Promise<SimReady>((resolve, reject) => {
    proc.once('message', (m: SimReady) => resolve(m));
    proc.once('exit', (code) => reject(new Error(`simulator ${opts.mode} process exited with ${code}: ${stderr}`)));
  });
  const pid = proc.pid ?? -1;
  return {
    proc,
    pid,
    ready,
    churn: (eventsPerSecond) => proc.send({ type: 'churn', eventsPerSecond }),
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.send({ type: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface KubeletGroup {
  pids: number[];
  nodes: SimReady['nodes'];
  /** Slowest process's start, ms. */
  startMs: number;
  /** Sum over the processes: utime + stime, s. */
  cpuSeconds(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** The kubelet fleet spread over `processes` children (started one after another: each is CPU-bound). */
export async function startKubeletGroup(
  opts: Omit<SimProcessOptions, 'mode' | 'kubeletShard' | 'kubeletShards'>,
  processes: number,
): Promise<KubeletGroup> {
  const started: SimProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      started.push(await startSimProcess({ ...opts, mode: 'kubelets', kubeletShard: i, kubeletShards: processes }));
    }
  } catch (err) {
    await Promise.all(started.map((p) => p.stop()));
    throw err;
  }
  const { sampleProcess } = await import('./proc-stats.ts');
  return {
    pids: started.map((p) => p.pid),
    nodes: started.flatMap((p) => p.ready.nodes),
    startMs: Math.max(...started.map((p) => p.ready.startMs)),
    cpuSeconds: () => started.reduce((n, p) => n + sampleProcess(p.pid).cpuSeconds, 0),
    rssMb: () => started.reduce((n, p) => n + sampleProcess(p.pid).rssMb, 0),
    stop: async () => {
      await Promise.all(started.map((p) => p.stop()));
    },
  };
}

async function child(opts: SimProcessOptions): Promise<void> {
  const seed = opts.seed ?? 1;
  const t0 = performance.now();
  let stop: () => Promise<void>;
  let ready: SimReady;
  let churnStart: ((eventsPerSecond: number) => void) | undefined;
  if (opts.mode === 'api') {
    const { startSimulator } = await import('../src/simulator/simulator.ts');
    const { startChurn } = await import('../src/simulator/seed/churn.ts');
    const sim = await startSimulator({
      stateDir: opts.stateDir,
      port: 0,
      nodes: opts.nodes,
      podsPerNode: opts.podsPerNode,
      seed,
      kubelets: false,
      kubeletPort: opts.kubeletPort,
      watchHistory: opts.watchHistory ?? 5000,
    });
    let churn: { stop(): void } | undefined;
    churnStart = (eventsPerSecond) => {
      churn?.stop();
      churn = eventsPerSecond > 0 ? startChurn(sim.state, { eventsPerSecond, seed }) : undefined;
    };
    const pods = sim.state.list('v1', 'Pod').length;
    ready = {
      type: 'ready',
      url: sim.url,
      kubeconfigPath: sim.kubeconfigPath,
      startMs: performance.now() - t0,
      objects: -1,
      pods,
      nodes: [],
    };
    stop = async () => {
      churn?.stop();
      await sim.stop();
    };
  } else {
    const { prepareStateDir } = await import('../src/simulator/state-dir.ts');
    const { generateCluster, loadCluster } = await import('../src/simulator/seed/generate-cluster.ts');
    const { ObjectStore } = await import('../src/simulator/apiserver/object-store.ts');
    const { startKubelets } = await import('../src/simulator/kubelet/start-kubelets.ts');
    const pki = await prepareStateDir(opts.stateDir);
    const store = new ObjectStore();
    const objects = generateCluster({
      nodes: opts.nodes,
      podsPerNode: opts.podsPerNode,
      seed,
      now: Date.now(),
      kubeletPort: opts.kubeletPort,
    });
    const shards = opts.kubeletShards ?? 1;
    const shard = opts.kubeletShard ?? 0;
    const mine = new Set<string>();
    let index = 0;
    for (const o of objects) if (o.kind === 'Node' && index++ % shards === shard) mine.add(o.metadata.name ?? '');
    // Kubelets read only nodes and pods: a shard keeps its own, so its heap (and GC) stays small.
    const kept = objects.filter((o) =>
      o.kind === 'Node'
        ? mine.has(o.metadata.name ?? '')
        : o.kind === 'Pod'
          ? mine.has(String((o.spec as { nodeName?: string } | undefined)?.nodeName ?? ''))
          : o.kind === 'Namespace',
    );
    loadCluster(store, kept);
    const fleet = await startKubelets({
      state: store,
      pki,
      kubeletPort: opts.kubeletPort,
      seed,
      // The benchmark's clients all present the admin certificate (system:masters).
      authorize: async (user) => ({ allowed: user.groups.includes('system:masters') }),
    });
    const nodes = fleet.nodeNames().map((name) => {
      const k = fleet.kubelet(name);
      return { name, ip: k?.endpoint.ip ?? '', port: k?.port ?? 0 };
    });
    ready = {
      type: 'ready',
      startMs: performance.now() - t0,
      objects: kept.length,
      pods: kept.filter((o) => o.kind === 'Pod').length,
      nodes,
    };
    stop = () => fleet.stop();
  }
  process.send?.(ready);
  // An orphan would keep thousands of listeners bound: leave with the parent.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (msg: { type: string; eventsPerSecond?: number }) => {
    if (msg.type === 'churn') churnStart?.(msg.eventsPerSecond ?? 0);
    if (msg.type === 'stop') void stop().finally(() => process.exit(0));
  });
}

if (process.argv[2] === '--child') {
  await child(JSON.parse(process.argv[3] ?? '{}') as SimProcessOptions);
}
