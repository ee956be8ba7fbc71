/** `kube-metrics` from the sources (through tsx), for benchmarks that start our commands as processes. */
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));
