/**
 * `kube-metrics metrics-server`: upstream's flags and startup, then serve until SIGTERM or SIGINT
 * (readiness fails first, then the tick loop, server and informers stop).
 */
import { VERSION } from '../cli.ts';
import { FlagError } from '../shared/flags/flag-set.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { helpText } from './options/help.ts';
import { metricsServerFlags } from './options/options.ts';
import { validateOptions } from './options/validate.ts';
import { buildConfig } from './server/config.ts';
import { MetricsServer } from './server/metrics-server.ts';

export const METRICS_SERVER_VERSION = `v${VERSION}`;

/** cobra prints the error, then the usage (the help without its description) on stderr. */
function usageError(message: string, help: string): number {
  process.stderr.write(`Error: ${message}\n${help.slice(help.indexOf('Usage:'))}`);
  return 1;
}

export async function run(argv: string[]): Promise<number> {
  const { flags, options } = metricsServerFlags();
  try {
    flags.parse(argv);
  } catch (err) {
    if (err instanceof FlagError) return usageError(err.message, helpText(flags));
    throw err;
  }
  if (flags.helpRequested) {
    process.stdout.write(helpText(flags));
    return 0;
  }
  const o = options();
  if (o.showVersion) {
    process.stdout.write(`${METRICS_SERVER_VERSION}\n`);
    return 0;
  }
  const problems = validateOptions(o);
  if (problems.length > 0) return usageError(problems[0] as string, helpText(flags));
  const log = createLogger({
    verbosity: o.logging.verbosity,
    format: o.logging.format === 'json' ? 'json' : 'text',
    name: 'metrics-server',
  });
  if (o.auditLogPath !== '')
    log.warn('Audit logging is not supported, ignoring --audit-log-path', { path: o.auditLogPath });
  let server: MetricsServer;
  try {
    const config = await buildConfig(o, { logger: log });
    server = new MetricsServer(config, { version: METRICS_SERVER_VERSION, logger: log });
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const started = server.start().then(
    () => undefined,
    (err: unknown) => err,
  );
  const first = await Promise.race([started, stopped]);
  if (first instanceof Error || (first !== undefined && typeof first !== 'string')) {
    process.stderr.write(`Error: ${(first as Error).message}\n`);
    await server.stop().catch(() => {});
    return 1;
  }
  const signal = typeof first === 'string' ? first : await stopped;
  log.info('Shutting down', { signal });
  await server.stop();
  return 0;
}
