/**
 * `kube-metrics simulate`: serves the simulated cluster until SIGINT or SIGTERM. The one stdout
 * line (`ready kubeconfig=... server=...`) is the contract scripts and tests wait for; every
 * log line goes to stderr.
 */
import { FlagSet, runCommand } from '../shared/flags/flag-set.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { MAX_NODES } from './seed/seed-context.ts';
import { startSimulator } from './simulator.ts';
import { DEFAULT_STATE_DIR } from './state-dir.ts';

export { type Simulator, type SimulatorOptions, startSimulator } from './simulator.ts';

function rangeProblem(flag: string, value: number, min: number, max: number): string | undefined {
  return value >= min && value <= max ? undefined : `--${flag} must be between ${min} and ${max}, got ${value}`;
}

export async function run(argv: string[]): Promise<number> {
  const flags = new FlagSet('kube-metrics simulate', {
    description:
      'Runs an in-process Kubernetes cluster on 127.0.0.1: an HTTPS API server with a seeded, optionally churning cluster, for kubectl, client libraries, metrics-server and kube-state-metrics.',
  });
  const g = flags.section('Simulator flags');
  const stateDir = g.string(
    'state-dir',
    DEFAULT_STATE_DIR,
    'Directory for the PKI and the admin kubeconfig; reused across runs.',
  );
  const port = g.int('port', 6443, 'Port of the API server on 127.0.0.1 (0 = the OS picks one).');
  const nodes = g.int('nodes', 3, 'Number of seeded nodes (0 = an empty cluster with only the defaults).');
  const podsPerNode = g.int('pods-per-node', 10, 'Average number of seeded pods per node.');
  const seed = g.int('seed', 1, 'Seed of the generated cluster and of churn; equal seeds give equal clusters.');
  const churn = g.float(
    'churn',
    0,
    'Changes per second applied to the cluster (restarts, scaling, rollouts, deletes...).',
  );
  const watchHistory = g.int('watch-history', 5000, 'Watch events kept; older resourceVersions get 410 Expired.');
  const kubeletPort = g.int(
    'kubelet-port',
    10250,
    'Port of the simulated kubelets on their node IPs (0 = the OS picks one per kubelet).',
  );
  const kubeletFaults = g.stringMap('kubelet-faults', {}, 'Kubelet faults at start, node=kind (e.g. node-0001=down).');
  const verbosity = flags.section('Logging flags').int('v', 0, 'number for the log level verbosity', {
    shorthand: 'v',
    typeName: 'Level',
  });

  return runCommand(flags, argv, async (positional) => {
    if (positional.length > 0) {
      process.stderr.write(`Error: unexpected arguments: ${positional.join(' ')}\n`);
      return 1;
    }
    const problems = [
      rangeProblem('nodes', nodes.value, 0, MAX_NODES),
      rangeProblem('pods-per-node', podsPerNode.value, 0, 110),
      rangeProblem('port', port.value, 0, 65535),
      rangeProblem('kubelet-port', kubeletPort.value, 0, 65535),
      rangeProblem('watch-history', watchHistory.value, 1, 10_000_000),
      churn.value >= 0 && Number.isFinite(churn.value) ? undefined : `--churn must be >= 0, got ${churn.value}`,
    ].filter((p) => p !== undefined);
    if (problems.length > 0) {
      for (const p of problems) process.stderr.write(`Error: ${p}\n`);
      return 1;
    }
    const log = createLogger({ verbosity: verbosity.value, format: 'text', name: 'simulate' });
    let sim: Awaited<ReturnType<typeof startSimulator>>;
    try {
      sim = await startSimulator({
        stateDir: stateDir.value,
        port: port.value,
        nodes: nodes.value,
        podsPerNode: podsPerNode.value,
        seed: seed.value,
        churn: churn.value,
        watchHistory: watchHistory.value,
        kubeletPort: kubeletPort.value,
        kubeletFaults: kubeletFaults.value,
        kubelets: true,
        logger: log,
      });
    } catch (err) {
      process.stderr.write(`Error: ${(err as Error).message}\n`);
      return 1;
    }
    process.stdout.write(`ready kubeconfig=${sim.kubeconfigPath} server=${sim.url}\n`);
    log.info('Serving', { server: sim.url, kubeconfig: sim.kubeconfigPath });
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    log.info('Shutting down', { signal });
    await sim.stop();
    return 0;
  });
}
