/**
 * Cron schedules as the CronJob controller and kube-state-metrics read them (robfig/cron v3
 * `ParseStandard`): five fields (minute hour day-of-month month day-of-week), the descriptors
 * `@yearly`/`@annually`/`@monthly`/`@weekly`/`@daily`/`@midnight`/`@hourly`/`@every <duration>`,
 * and an optional `CRON_TZ=<zone>` / `TZ=<zone>` prefix. `next()` walks forward field by field
 * exactly like robfig's `SpecSchedule.Next`, including its quirks: day-of-month and day-of-week
 * are OR-ed unless either is `*`, a schedule that never fires (`0 0 30 2 *`) gives Go's zero time,
 * and DST gaps are stepped over the way Go's `time.Date` normalises them.
 */
import { type TimeZone, timeZone } from './cron-time-zone.ts';

/** Unix seconds of Go's zero `time.Time` (0001-01-01T00:00:00Z): what `Next` returns when nothing matches. */
export const GO_ZERO_TIME_UNIX = -62135596800;

export interface CronSchedule {
  /** First activation strictly after `fromUnix` (Unix seconds, integer), in Unix seconds. */
  next(fromUnix: number): number;
}

export class CronParseError extends Error {
  override name = 'CronParseError';
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** The set of values a field allows; `star` records a bare `*` (it changes how days match). */
interface FieldSet {
  allowed: boolean[];
  star: boolean;
}

function bits(min: number, max: number, step: number, star: boolean): FieldSet {
  const allowed: boolean[] = [];
  for (let i = min; i <= max; i += step) allowed[i] = true;
  return { allowed, star };
}

function all(r: Bounds): FieldSet {
  return bits(r.min, r.max, 1, true);
}

function only(v: number): FieldSet {
  return bits(v, v, 1, false);
}

function union(a: FieldSet, b: FieldSet): FieldSet {
  const allowed = a.allowed.slice();
  b.allowed.forEach((v, i) => {
    if (v) allowed[i] = true;
  });
  return { allowed, star: a.star || b.star };
}

function has(f: FieldSet, v: number): boolean {
  return f.allowed[v] === true;
}

function parseUint(s: string, expr: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s} in ${expr}`);
  const n = Number(s);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function parseIntOrName(s: string, r: Bounds, expr: string): number {
  const named = r.names?.[s.toLowerCase()];
  return named ?? parseUint(s, expr);
}

function parseRange(expr: string, r: Bounds): FieldSet {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const low = lowAndHigh[0] ?? '';
  let start: number;
  let end: number;
  let star = false;
  if (low === '*' || low === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(low, r, expr);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', r, expr);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseUint(rangeAndStep[1] ?? '', expr);
    // `N/step` means `N-max/step`.
    if (lowAndHigh.length === 1) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  return bits(start, end, step, star);
}

function parseField(field: string, r: Bounds): FieldSet {
  let set: FieldSet = { allowed: [], star: false };
  for (const expr of field.split(',')) set = union(set, parseRange(expr, r));
  return set;
}

interface Spec {
  second: FieldSet;
  minute: FieldSet;
  hour: FieldSet;
  dom: FieldSet;
  month: FieldSet;
  dow: FieldSet;
}

function descriptor(spec: string): Spec | 'every' {
  const midnight = { second: only(0), minute: only(0), hour: only(0) };
  switch (spec) {
    case '@yearly':
    case '@annually':
      return { ...midnight, dom: only(1), month: only(1), dow: all(DOW) };
    case '@monthly':
      return { ...midnight, dom: only(1), month: all(MONTHS), dow: all(DOW) };
    case '@weekly':
      return { ...midnight, dom: all(DOM), month: all(MONTHS), dow: only(0) };
    case '@daily':
    case '@midnight':
      return { ...midnight, dom: all(DOM), month: all(MONTHS), dow: all(DOW) };
    case '@hourly':
      return { second: only(0), minute: only(0), hour: all(HOURS), dom: all(DOM), month: all(MONTHS), dow: all(DOW) };
  }
  if (spec.startsWith('@every ')) return 'every';
  throw new CronParseError(`unrecognized descriptor: ${spec}`);
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Go `time.ParseDuration`, in seconds (fractional). */
export function parseGoDuration(s: string): number {
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
  if (!m) {
    if (s === '0' || s === '+0' || s === '-0') return 0;
    throw new CronParseError(`time: invalid duration "${s}"`);
  }
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (DURATION_UNITS[part[2] ?? ''] ?? 0);
  }
  return m[1] === '-' ? -total : total;
}

function everySchedule(spec: string): CronSchedule {
  const seconds = parseGoDuration(spec.slice('@every '.length));
  // robfig rounds sub-second delays up to one second and drops the fraction of longer ones.
  const delay = seconds < 1 ? 1 : Math.floor(seconds);
  return { next: (from) => Math.floor(from) + delay };
}

/**
 * Parses a standard cron spec. `zone` is the CronJob's `spec.timeZone` (robfig sees it as a
 * `CRON_TZ=` prefix); a spec without any zone runs in the process' local zone, like Go's `time.Local`.
 * Throws `CronParseError` with the reason, never anything else.
 */
export function parseCronSchedule(spec: string, zone?: string): CronSchedule {
  if (zone !== undefined) spec = `CRON_TZ=${zone} ${spec}`;
  if (spec.length === 0) throw new CronParseError('empty spec string');
  let tz: TimeZone = timeZone('Local');
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space < 0) throw new CronParseError(`missing schedule after time zone: ${spec}`);
    const name = spec.slice(spec.indexOf('=') + 1, space);
    try {
      tz = timeZone(name);
    } catch (err) {
      throw new CronParseError(`provided bad location ${name}: ${(err as Error).message}`);
    }
    spec = spec.slice(space).trim();
  }
  let parsed: Spec;
  if (spec.startsWith('@')) {
    const d = descriptor(spec);
    if (d === 'every') return everySchedule(spec);
    parsed = d;
  } else {
    const fields = spec.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: ${spec}`);
    const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
    parsed = {
      second: only(0),
      minute: parseField(minute, MINUTES),
      hour: parseField(hour, HOURS),
      dom: parseField(dom, DOM),
      month: parseField(month, MONTHS),
      dow: parseField(dow, DOW),
    };
  }
  const s = parsed;
  return { next: (from) => nextActivation(s, tz, from) };
}

function dayMatches(s: Spec, day: number, weekday: number): boolean {
  const domMatch = has(s.dom, day);
  const dowMatch = has(s.dow, weekday);
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** robfig's `SpecSchedule.Next`, on Unix seconds with wall-clock fields read in `tz`. */
function nextActivation(s: Spec, tz: TimeZone, from: number): number {
  let t = Math.floor(from) + 1;
  let added = false;
  const yearLimit = tz.wall(t).year + 5;
  for (;;) {
    let w = tz.wall(t);
    if (w.year > yearLimit) return GO_ZERO_TIME_UNIX;
    let wrapped = false;
    while (!has(s.month, w.month)) {
      if (!added) {
        added = true;
        t = tz.fromWall(w.year, w.month, 1, 0, 0, 0);
        w = tz.wall(t);
      }
      t = tz.fromWall(w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
      w = tz.wall(t);
      if (w.month === 1) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!dayMatches(s, w.day, w.weekday)) {
      if (!added) {
        added = true;
        t = tz.fromWall(w.year, w.month, w.day, 0, 0, 0);
        w = tz.wall(t);
      }
      t = tz.fromWall(w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
      w = tz.wall(t);
      // A DST change can move midnight: go back to it (or on to the next one).
      if (w.hour !== 0) {
        t += w.hour > 12 ? (24 - w.hour) * 3600 : -w.hour * 3600;
        w = tz.wall(t);
      }
      if (w.day === 1) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!has(s.hour, w.hour)) {
      if (!added) {
        added = true;
        t = tz.fromWall(w.year, w.month, w.day, w.hour, 0, 0);
      }
      t += 3600;
      w = tz.wall(t);
      if (w.hour === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!has(s.minute, w.minute)) {
      if (!added) {
        added = true;
        t -= t % 60 < 0 ? (t % 60) + 60 : t % 60;
      }
      t += 60;
      w = tz.wall(t);
      if (w.minute === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!has(s.second, w.second)) {
      if (!added) added = true;
      t += 1;
      w = tz.wall(t);
      if (w.second === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    return t;
  }
}
