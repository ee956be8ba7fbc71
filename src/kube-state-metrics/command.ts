/**
 * `kube-metrics kube-state-metrics`: upstream's command line (cobra layout, `version`/`help`
 * subcommands), then serve until SIGTERM or SIGINT. The `--config` file and the kubeconfig are
 * watched; a change restarts the app in-process with the new options, as upstream does. A changed
 * config that does not validate keeps the running app and is reported in the reload metrics.
 */

import { unwatchFile, watchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { VERSION } from '../cli.ts';
import { FlagError } from '../shared/flags/flag-set.ts';
import { createLogger, type Logger } from '../shared/logging/logger.ts';
import { KsmApp } from './app/ksm-app.ts';
import { goArch, KsmTelemetry } from './app/telemetry.ts';
import { applyConfigFile, configHash } from './options/config-file.ts';
import { helpText, inertFlagsUsed, type KsmOptions, ksmFlags, UNSUPPORTED_FLAGS } from './options/flags.ts';
import { type ResolvedOptions, resolveOptions } from './options/validate.ts';

export const KSM_VERSION = `v${VERSION}`;

function usageError(message: string, help: string): number {
  process.stderr.write(`Error: ${message}\n${help.slice(help.indexOf('Usage:'))}`);
  return 1;
}

function versionText(): string {
  return (
    `kube-state-metrics, version ${KSM_VERSION} (branch: , revision: unknown)\n` +
    '  build user:       \n' +
    '  build date:       \n' +
    `  go version:       node${process.versions.node}\n` +
    `  platform:         ${process.platform}/${goArch()}\n` +
    '  tags:             unknown\n'
  );
}

type ConfigResult = { ok: true; resolved: ResolvedOptions; hash?: number } | { ok: false; error: string };

/** Flags, overlaid with the config file when there is one, then validated. */
async function loadOptions(flagOptions: KsmOptions, log: Logger): Promise<ConfigResult> {
  let options = flagOptions;
  let hash: number | undefined;
  if (flagOptions.config !== '') {
    let text: string | undefined;
    try {
      text = await readFile(flagOptions.config, 'utf8');
    } catch (err) {
      if (!flagOptions.continueWithoutConfig) {
        return { ok: false, error: `failed to read config file ${flagOptions.config}: ${(err as Error).message}` };
      }
      log.warn('Config file not found, continuing without it', { file: flagOptions.config });
    }
    if (text !== undefined) {
      try {
        const overlay = applyConfigFile(flagOptions, text, flagOptions.config);
        for (const w of overlay.warnings) log.warn(w);
        options = overlay.options;
        hash = configHash(text);
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
    }
  }
  try {
    return { ok: true, resolved: resolveOptions(options), ...(hash !== undefined ? { hash } : {}) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export async function run(argv: string[]): Promise<number> {
  const { flags, options } = ksmFlags();
  let positional: string[];
  try {
    positional = flags.parse(argv);
  } catch (err) {
    if (err instanceof FlagError) return usageError(err.message, helpText(flags));
    throw err;
  }
  const flagOptions = options();
  const [sub] = positional;
  if (flags.helpRequested || sub === 'help') {
    process.stdout.write(helpText(flags));
    return 0;
  }
  if (sub === 'version') {
    process.stdout.write(versionText());
    return 0;
  }
  if (sub !== undefined) {
    const reason =
      sub === 'completion'
        ? 'shell completion is not available in this implementation'
        : `unknown command "${sub}" for "kube-state-metrics"`;
    process.stderr.write(`Error: ${reason}\nRun 'kube-state-metrics --help' for usage.\n`);
    return 1;
  }
  const log = createLogger({ verbosity: flagOptions.verbosity, format: 'text', name: 'kube-state-metrics' });
  for (const name of inertFlagsUsed(flags)) {
    const why = UNSUPPORTED_FLAGS[name] ?? 'logs always go to stderr in klog text format';
    log.warn(`Flag --${name} has no effect: ${why}`);
  }

  const first = await loadOptions(flagOptions, log);
  if (!first.ok) {
    process.stderr.write(`Error: ${first.error}\n`);
    return 1;
  }
  const telemetry = new KsmTelemetry({ version: KSM_VERSION, revision: 'unknown', branch: '' });
  if (flagOptions.config !== '') telemetry.recordConfig(flagOptions.config, true, first.hash);
  let app = new KsmApp({ resolved: first.resolved, telemetry, version: KSM_VERSION, logger: log });
  try {
    await app.start();
  } catch (err) {
    await app.stop().catch(() => {});
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }

  // Reloads run one after another; a burst of file events collapses into one restart.
  let restarting: Promise<void> = Promise.resolve();
  let pending = false;
  const restart = (why: string) => {
    if (pending) return;
    pending = true;
    restarting = restarting.then(async () => {
      pending = false;
      const next = await loadOptions(flagOptions, log);
      if (!next.ok) {
        log.error('Config reload failed, keeping the running configuration', { reason: why, err: next.error });
        if (flagOptions.config !== '') telemetry.recordConfig(flagOptions.config, false);
        return;
      }
      log.info('Restarting with the new configuration', { reason: why });
      await app.stop();
      telemetry.resetRun();
      if (flagOptions.config !== '') telemetry.recordConfig(flagOptions.config, true, next.hash);
      app = new KsmApp({ resolved: next.resolved, telemetry, version: KSM_VERSION, logger: log });
      try {
        await app.start();
      } catch (err) {
        log.error('Restart failed; retrying on the next file change', { err: (err as Error).message });
      }
    });
  };
  const watched = [flagOptions.config, first.resolved.options.kubeconfig].filter((f) => f !== '');
  for (const file of watched) {
    watchFile(file, { interval: 1000, persistent: false }, (cur, prev) => {
      if (cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size || cur.ino !== prev.ino) restart(`${file} changed`);
    });
  }

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log.info('Shutting down', { signal });
  for (const file of watched) unwatchFile(file);
  await restarting;
  await app.stop();
  return 0;
}
