import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The single `kube-metrics` binary: dispatches to the simulator and the two components.
 * Each subcommand module exports `run(argv): Promise<number>` and owns its flags.
 */

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> =
  {
    simulate: {
      summary: 'Run the cluster simulator (API server, kubelets, aggregation layer)',
      load: () => import('./simulator/command.ts'),
    },
    'metrics-server': {
      summary: 'Run metrics-server (metrics.k8s.io aggregated API)',
      load: () => import('./metrics-server/command.ts'),
    },
    'kube-state-metrics': {
      summary: 'Run kube-state-metrics (object state as Prometheus metrics)',
      load: () => import('./kube-state-metrics/command.ts'),
    },
    demo: {
      summary: 'Start the simulator and both components together and print what to look at',
      load: () => import('./demo/command.ts'),
    },
  };

export const VERSION = '0.1.0';

function usage(): string {
  const lines = [
    'kube-metrics: the Kubernetes core-metrics pipeline (metrics-server, kube-state-metrics, cluster simulator)',
    '',
    'Usage:',
    '  kube-metrics <command> [flags]',
    '',
    'Commands:',
  ];
  for (const [name, { summary }] of Object.entries(SUBCOMMANDS)) lines.push(`  ${name.padEnd(20)}${summary}`);
  lines.push('', 'Use "kube-metrics <command> --help" for the flags of a command.');
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (command === '--version' || command === 'version') {
    process.stdout.write(`kube-metrics ${VERSION}\n`);
    return 0;
  }
  const sub = SUBCOMMANDS[command];
  if (!sub) {
    process.stderr.write(
      `Error: unknown command "${command}" for "kube-metrics"\nRun 'kube-metrics --help' for usage.\n`,
    );
    return 1;
  }
  const mod = await sub.load();
  return mod.run(rest);
}

// `node --import tsx src/cli.ts <command>` (tests, development) runs the CLI directly; the published
// bin imports `main` from the compiled module instead.
function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
