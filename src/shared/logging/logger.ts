import { writeSync } from 'node:fs';
import { pino } from 'pino';

/**
 * Logging shaped like the upstream components' klog output, so log scrapers and people who grep
 * for upstream messages keep working: `text` is klog's header format, `json` is component-base's
 * JSON format. Verbosity follows klog: a message at V(n) is written when `-v >= n`.
 */

export type LogFormat = 'text' | 'json';

/** Structured key/value pairs, printed in insertion order. `err` may be an Error. */
export type LogFields = Record<string, unknown>;

export interface LogSink {
  write(line: string): void;
}

export interface LoggerOptions {
  /** klog `-v`: messages at V(n) are written when n <= verbosity. */
  verbosity: number;
  format: LogFormat;
  /** Printed where klog prints the caller (`file:line`); a component or stage name. */
  name?: string;
  /** Defaults to a synchronous write to stderr (fd 2). */
  sink?: LogSink;
}

/**
 * Both argument orders are accepted: klog style `(msg, fields)` and pino style `(fields, msg)`,
 * so modules written against pino's signature can take this logger as is.
 */
export interface LogFn {
  (msg: string, fields?: LogFields): void;
  (fields: LogFields, msg: string): void;
}

export interface Logger {
  readonly verbosity: number;
  /** True when messages at V(level) are written. */
  enabled(level: number): boolean;
  /** V(0) informational message. */
  info: LogFn;
  /** Informational message at V(level); dropped below the configured verbosity. */
  v(level: number, msg: string, fields?: LogFields): void;
  /** V(4): detail for debugging, off unless `-v 4` or more. */
  debug: LogFn;
  warn: LogFn;
  error: LogFn;
  child(fields: LogFields): Logger;
}

const stderrSink: LogSink = {
  write(line) {
    try {
      writeSync(2, line);
    } catch {
      // A closed or full stderr must never take the process down.
    }
  },
};

/** Maps klog verbosity to the pino level that lets V(n) messages through. */
export function pinoLevelFor(verbosity: number): 'info' | 'debug' | 'trace' {
  if (verbosity <= 0) return 'info';
  if (verbosity <= 4) return 'debug';
  return 'trace';
}

export function createLogger(options: LoggerOptions): Logger {
  const verbosity = Math.max(0, Math.trunc(options.verbosity));
  const sink = options.sink ?? stderrSink;
  const caller = options.name ?? 'main';
  const destination = options.format === 'json' ? sink : klogTextSink(sink);
  const base = pino(
    {
      level: pinoLevelFor(verbosity),
      base: null,
      messageKey: 'msg',
      // With no level field the timestamp opens the record, so it must not start with a comma.
      timestamp: options.format === 'json' ? () => `"ts":${Date.now() / 1000}` : () => `,"ts":${Date.now() / 1000}`,
      formatters: {
        // component-base JSON has no level field (only `v`); the text sink needs the label.
        level: (label) => (options.format === 'json' ? {} : { level: label }),
      },
    },
    destination,
  );
  return wrap(base.child({ caller }), verbosity);
}

function wrap(p: pino.Logger, verbosity: number): Logger {
  const at =
    (level: number | undefined, write: (r: LogFields, msg: string) => void): LogFn =>
    (a: string | LogFields, b?: string | LogFields) => {
      if (level !== undefined && level > verbosity) return;
      if (typeof a === 'string') write(record(level, b as LogFields | undefined), a);
      else write(record(level, a), typeof b === 'string' ? b : '');
    };
  const logger: Logger = {
    verbosity,
    enabled: (level) => level <= verbosity,
    info: at(0, (r, m) => p.info(r, m)),
    v(level, msg, fields) {
      if (level > verbosity) return;
      const r = record(level, fields);
      if (level === 0) p.info(r, msg);
      else if (level <= 4) p.debug(r, msg);
      else p.trace(r, msg);
    },
    debug: at(4, (r, m) => p.debug(r, m)),
    warn: at(undefined, (r, m) => p.warn(r, m)),
    error: at(undefined, (r, m) => p.error(r, m)),
    child: (fields) => wrap(p.child(plain(fields)), verbosity),
  };
  return logger;
}

function record(v: number | undefined, fields: LogFields | undefined): LogFields {
  const out: LogFields = v === undefined ? {} : { v };
  if (fields) Object.assign(out, plain(fields));
  return out;
}

/** klog prints errors as their message, not as a serialized object with a stack. */
function plain(fields: LogFields): LogFields {
  let out: LogFields | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      out ??= { ...fields };
      out[key] = value.message;
    }
  }
  return out ?? fields;
}

const LEVEL_LETTER: Record<string, string> = {
  trace: 'I',
  debug: 'I',
  info: 'I',
  warn: 'W',
  error: 'E',
  fatal: 'F',
};

const RESERVED = new Set(['level', 'ts', 'caller', 'msg', 'v']);

/** Re-renders pino's JSON lines as klog text, synchronously (no worker thread, unlike pino-pretty). */
export function klogTextSink(sink: LogSink, pid = process.pid): LogSink {
  return {
    write(line) {
      let rec: Record<string, unknown>;
      try {
        rec = JSON.parse(line) as Record<string, unknown>;
      } catch {
        sink.write(line);
        return;
      }
      sink.write(formatKlogLine(rec, pid));
    },
  };
}

/** `I1122 19:07:01.123456    4242 scraper] "Scraping node" node="n1"` */
export function formatKlogLine(rec: Record<string, unknown>, pid: number): string {
  const letter = LEVEL_LETTER[String(rec.level)] ?? 'I';
  const ts = typeof rec.ts === 'number' ? rec.ts : Date.now() / 1000;
  const d = new Date(Math.floor(Math.round(ts * 1e6) / 1000));
  const totalMicros = Math.round(ts * 1e6);
  const micros = totalMicros % 1e6;
  const header =
    letter +
    pad2(d.getUTCMonth() + 1) +
    pad2(d.getUTCDate()) +
    ' ' +
    pad2(d.getUTCHours()) +
    ':' +
    pad2(d.getUTCMinutes()) +
    ':' +
    pad2(d.getUTCSeconds()) +
    '.' +
    String(micros).padStart(6, '0') +
    ' ' +
    String(pid).padStart(7, ' ') +
    ' ' +
    String(rec.caller ?? 'main') +
    '] ';
  let out = header + JSON.stringify(String(rec.msg ?? ''));
  for (const [key, value] of Object.entries(rec)) {
    if (RESERVED.has(key)) continue;
    out += ' ' + key + '=' + formatValue(value);
  }
  return out + '\n';
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(JSON.stringify(value) ?? '');
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}
