/**
 * The klog flags kube-state-metrics inherits, with klog's types, defaults and help wording (the
 * help shows the old `stderrthreshold`/`legacy_stderr_threshold_behavior` defaults, as upstream's
 * does). Only `-v` has an effect here: logs always go to stderr in klog's text format. Also the
 * Go-style value parsers these and `--shard` share.
 */
import { type Flag, FlagError, type FlagSection } from '../../shared/flags/flag-set.ts';

/** klog flags that parse but change nothing here. */
export const INERT_KLOG_FLAGS = [
  'add_dir_header',
  'alsologtostderr',
  'alsologtostderrthreshold',
  'legacy_stderr_threshold_behavior',
  'log_backtrace_at',
  'log_dir',
  'log_file',
  'log_file_max_size',
  'one_output',
  'skip_headers',
  'skip_log_headers',
  'stderrthreshold',
  'vmodule',
] as const;

/**
 * A value type printed with its own type word; `showDefault` makes help print the default even
 * when it is a zero value, as pflag does for types whose zero check does not apply (`--shard`).
 */
export function shown<T>(typeName: string, parse: (text: string) => T, format: (v: T) => string, showDefault: boolean) {
  return { typeName, parse: (t: string) => parse(t), format, isZero: () => !showDefault };
}

function parseUint(text: string, bits: number): number {
  if (!/^\d+$/.test(text) || Number(text) >= 2 ** bits) {
    throw new FlagError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  return Number(text);
}

export function parseInt32(text: string): number {
  if (!/^[+-]?\d+$/.test(text))
    throw new FlagError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (n < -(2 ** 31) || n >= 2 ** 31) {
    throw new FlagError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  }
  return n;
}

function parseSeverity(text: string): string {
  const names = ['INFO', 'WARNING', 'ERROR', 'FATAL'];
  if (/^\d+$/.test(text) && Number(text) < names.length) return text;
  if (names.includes(text.toUpperCase())) return text;
  throw new FlagError(`unknown severity ${JSON.stringify(text)}`);
}

/** Adds klog's flags to `s`; returns `-v`. */
export function addKlogFlags(s: FlagSection): Flag<number> {
  const noEffect = '(no effect when -logtostderr=true)';
  s.bool('add_dir_header', false, 'If true, adds the file directory to the header of the log messages');
  s.bool('alsologtostderr', false, `log to standard error as well as files ${noEffect}`);
  const severity = (def: string) => shown('severity', parseSeverity, (v) => v, def !== '');
  s.custom(
    'alsologtostderrthreshold',
    '',
    `logs at or above this threshold go to stderr when -alsologtostderr=true ${noEffect}`,
    severity(''),
  );
  s.bool(
    'legacy_stderr_threshold_behavior',
    true,
    'If true, stderrthreshold is ignored when logtostderr=true (legacy behavior). If false, stderrthreshold is honored even when logtostderr=true',
  );
  s.custom(
    'log_backtrace_at',
    ':0',
    'when logging hits line file:N, emit a stack trace',
    shown(
      'traceLocation',
      (t) => {
        if (t !== '' && t !== ':0' && !/^[^:]+:\d+$/.test(t)) throw new FlagError('syntax error: expect file.go:234');
        return t;
      },
      (v) => v,
      true,
    ),
  );
  s.string('log_dir', '', `If non-empty, write log files in this directory ${noEffect}`);
  s.string('log_file', '', `If non-empty, use this log file ${noEffect}`);
  s.custom(
    'log_file_max_size',
    1800,
    `Defines the maximum size a log file can grow to ${noEffect}. Unit is megabytes. If the value is 0, the maximum file size is unlimited.`,
    shown('uint', (t) => parseUint(t, 64), String, true),
  );
  s.bool('logtostderr', true, 'log to standard error instead of files');
  s.bool(
    'one_output',
    false,
    `If true, only write logs to their native severity level (vs also writing to each lower severity level; ${noEffect.slice(1)}`,
  );
  s.bool('skip_headers', false, 'If true, avoid header prefixes in the log messages');
  s.bool('skip_log_headers', false, `If true, avoid headers when opening log files ${noEffect}`);
  s.custom(
    'stderrthreshold',
    '2',
    'logs at or above this threshold go to stderr when writing to files and stderr (no effect when -logtostderr=true or -alsologtostderr=true unless -legacy_stderr_threshold_behavior=false)',
    severity('2'),
  );
  const verbosity = s.custom(
    'v',
    0,
    'number for the log level verbosity',
    { typeName: 'Level', parse: (t: string) => parseUint(t, 32), format: String, isZero: (v: number) => v === 0 },
    { shorthand: 'v' },
  );
  s.custom('vmodule', '', 'comma-separated list of pattern=N settings for file-filtered logging', {
    typeName: 'moduleSpec',
    parse(t: string) {
      for (const part of t.split(',').filter((p) => p !== '')) {
        if (!/^[^=]+=\d+$/.test(part)) throw new FlagError(`expect comma-separated list of filename=N`);
      }
      return t;
    },
    format: (v: string) => v,
    isZero: (v: string) => v === '',
  });

  return verbosity;
}
