/**
 * Cron schedules as kube-state-metrics v2.20 reads them: `ParseStandard` of netresearch/go-cron
 * (the robfig/cron fork it uses). Five fields (minute hour day-of-month month day-of-week), the
 * descriptors `@yearly`/`@annually`/`@monthly`/`@weekly`/`@daily`/`@midnight`/`@hourly`,
 * `@every <duration>` (at least 1s) and `@triggered`/`@manual`/`@none` (never fire), and an
 * optional `CRON_TZ=<zone>` / `TZ=<zone>` prefix. Where the fork differs from classic cron, it is
 * followed: day-of-month and day-of-week are AND-ed, ranges may wrap (`22-2`, `FRI-MON`), `7` is
 * Sunday, a step must be smaller than its range, and a wall time skipped by DST fires right after
 * the gap. `next()` walks forward field by field like its `SpecSchedule.Next`; a schedule that
 * never fires within five years (`0 0 30 2 *`) gives Go's zero time.
 */
import { parseGoDuration as parseGoDurationMs } from '../../shared/duration.ts';
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
/** Day of week allows 7 as well as 0 for Sunday; 7 is folded onto 0 after parsing. */
const DOW: Bounds = { min: 0, max: 7, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const MAX_SPEC_LENGTH = 1024;
const MAX_ZONE_LENGTH = 64;
/** Years searched before giving up on a schedule that never fires. */
const SEARCH_YEARS = 5;

/** `allowed[v]` is true for every value the field matches. */
type FieldSet = boolean[];

function parseUint(s: string, expr: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronParseError(`failed to parse int from "${s}" in "${expr}"`);
  const n = Number(s);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: "${s}"`);
  return n;
}

function parseIntOrName(s: string, r: Bounds, expr: string): number {
  const named = r.names?.[s.toLowerCase()];
  return named ?? parseUint(s, expr);
}

function addRange(set: FieldSet, expr: string, r: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const low = lowAndHigh[0] ?? '';
  let start: number;
  let end: number;
  if (low === '*' || low === '?') {
    start = r.min;
    end = r.max;
  } else {
    start = parseIntOrName(low, r, expr);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', r, expr);
    else throw new CronParseError(`too many hyphens: "${expr}"`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseUint(rangeAndStep[1] ?? '', expr);
    // `N/step` means `N-max/step`.
    if (lowAndHigh.length === 1) end = r.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: "${expr}"`);
  }
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): "${expr}"`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): "${expr}"`);
  if (step === 0) throw new CronParseError(`step of range must be a positive number: "${expr}"`);
  const size = r.max - r.min + 1;
  const rangeSize = start > end ? r.max - start + 1 + (end - r.min + 1) : end - start + 1;
  if (step > 1 && step >= rangeSize) {
    throw new CronParseError(`step (${step}) must be less than range size (${rangeSize}): "${expr}"`);
  }
  // A range whose start is past its end wraps around the field (`22-2` is 22, 23, 0, 1, 2).
  const last = start > end ? end + size : end;
  for (let v = start; v <= last; v += step) set[v > r.max ? ((v - r.min) % size) + r.min : v] = true;
}

function parseField(field: string, r: Bounds): FieldSet {
  const set: FieldSet = [];
  for (const expr of field.split(',')) if (expr !== '') addRange(set, expr, r);
  return set;
}

interface Spec {
  minute: FieldSet;
  hour: FieldSet;
  dom: FieldSet;
  month: FieldSet;
  dow: FieldSet;
}

function range(min: number, max: number): FieldSet {
  const set: FieldSet = [];
  for (let v = min; v <= max; v++) set[v] = true;
  return set;
}

function only(v: number): FieldSet {
  return range(v, v);
}

const NEVER: CronSchedule = { next: () => GO_ZERO_TIME_UNIX };

function descriptor(spec: string, tz: TimeZone): CronSchedule {
  const midnight = { minute: only(0), hour: only(0) };
  const days = { dom: range(1, 31), month: range(1, 12), dow: range(0, 6) };
  let s: Spec;
  switch (spec) {
    case '@yearly':
    case '@annually':
      s = { ...midnight, ...days, dom: only(1), month: only(1) };
      break;
    case '@monthly':
      s = { ...midnight, ...days, dom: only(1) };
      break;
    case '@weekly':
      s = { ...midnight, ...days, dow: only(0) };
      break;
    case '@daily':
    case '@midnight':
      s = { ...midnight, ...days };
      break;
    case '@hourly':
      s = { minute: only(0), hour: range(0, 23), ...days };
      break;
    case '@triggered':
    case '@manual':
    case '@none':
      return NEVER;
    default: {
      if (!spec.startsWith('@every ')) throw new CronParseError(`unrecognized descriptor: "${spec}"`);
      const seconds = parseGoDuration(spec.slice('@every '.length));
      if (seconds < 1) throw new CronParseError(`@every duration must be at least 1s: "${spec}"`);
      // The delay keeps whole seconds only.
      const delay = Math.floor(seconds);
      return { next: (from) => Math.floor(from) + delay };
    }
  }
  return { next: (from) => nextActivation(s, tz, from) };
}

/** Go `time.ParseDuration`, in seconds (fractional); errors as CronParseError. */
export function parseGoDuration(s: string): number {
  try {
    return parseGoDurationMs(s) / 1000;
  } catch (err) {
    throw new CronParseError((err as Error).message);
  }
}

/** `CRON_TZ=` / `TZ=` prefix: the zone (quotes stripped, characters checked) and the rest of the spec. */
function splitZone(spec: string): { tz: TimeZone; rest: string } {
  if (!spec.startsWith('TZ=') && !spec.startsWith('CRON_TZ=')) return { tz: timeZone('Local'), rest: spec };
  const space = spec.indexOf(' ');
  if (space < 0) throw new CronParseError(`missing fields after timezone in spec "${spec}"`);
  let name = spec.slice(spec.indexOf('=') + 1, space);
  if (
    name.length >= 2 &&
    ((name.startsWith('"') && name.endsWith('"')) || (name.startsWith("'") && name.endsWith("'")))
  ) {
    name = name.slice(1, -1);
  }
  if (name === '' || name.length > MAX_ZONE_LENGTH || !/^[A-Za-z0-9/_+:-]+$/.test(name)) {
    throw new CronParseError(`invalid timezone "${name}"`);
  }
  let tz: TimeZone;
  try {
    tz = timeZone(name);
  } catch (err) {
    throw new CronParseError(`unknown time zone "${name}": ${(err as Error).message}`);
  }
  const rest = spec.slice(space).trim();
  if (rest === '') throw new CronParseError(`missing fields after timezone "${name}"`);
  return { tz, rest };
}

/**
 * Parses a standard cron spec. `zone` is the CronJob's `spec.timeZone`, which kube-state-metrics
 * passes as a `CRON_TZ=` prefix (so an empty zone is invalid); a spec without any zone runs in the
 * process' local zone, like Go's `time.Local`. Throws `CronParseError`, never anything else.
 */
export function parseCronSchedule(spec: string, zone?: string): CronSchedule {
  if (zone !== undefined) spec = `CRON_TZ=${zone} ${spec}`;
  if (spec.length === 0) throw new CronParseError('empty spec string');
  const bytes = Buffer.byteLength(spec);
  if (bytes > MAX_SPEC_LENGTH) throw new CronParseError(`spec too long: ${bytes} > ${MAX_SPEC_LENGTH}`);
  const { tz, rest } = splitZone(spec);
  if (rest.startsWith('@')) return descriptor(rest, tz);
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: ${rest}`);
  if (fields.some((f) => f.split(',').some((part) => part.startsWith('H')))) {
    throw new CronParseError('h expressions require hash option to be enabled');
  }
  const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  if (/[LW]/i.test(dom)) throw new CronParseError(`extended day-of-month syntax is not enabled: "${dom}"`);
  if (dow.includes('#')) throw new CronParseError(`#n/#L syntax is not enabled: "${dow}"`);
  const days = parseField(dow, DOW);
  if (days[7]) {
    days[0] = true;
    days[7] = false;
  }
  const s: Spec = {
    minute: parseField(minute, MINUTES),
    hour: parseField(hour, HOURS),
    dom: parseField(dom, DOM),
    month: parseField(month, MONTHS),
    dow: days,
  };
  return { next: (from) => nextActivation(s, tz, from) };
}

/** go-cron's `SpecSchedule.Next` on Unix seconds, reading wall-clock fields in `tz` (seconds are always 0). */
function nextActivation(s: Spec, tz: TimeZone, from: number): number {
  let t = Math.floor(from) + 1;
  let added = false;
  const yearLimit = tz.wall(t).year + SEARCH_YEARS;
  wrap: for (;;) {
    let w = tz.wall(t);
    if (w.year > yearLimit) return GO_ZERO_TIME_UNIX;
    while (!s.month[w.month]) {
      if (!added) {
        added = true;
        t = tz.fromWall(w.year, w.month, 1, 0, 0, 0);
        w = tz.wall(t);
      }
      t = tz.fromWall(w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
      w = tz.wall(t);
      if (w.month === 1) continue wrap;
    }
    while (!(s.dom[w.day] && s.dow[w.weekday])) {
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
      if (w.day === 1) continue wrap;
    }
    while (!s.hour[w.hour]) {
      if (!added) {
        added = true;
        t = tz.fromWall(w.year, w.month, w.day, w.hour, 0, 0);
      }
      const prevHour = w.hour;
      t += 3600;
      w = tz.wall(t);
      // Spring forward skipped a wanted hour: fire in the hour after the gap.
      if (w.hour - prevHour === 2 && s.hour[w.hour - 1]) break;
      if (w.hour === 0) continue wrap;
    }
    while (!s.minute[w.minute]) {
      if (!added) {
        added = true;
        t -= ((t % 60) + 60) % 60;
      }
      t += 60;
      w = tz.wall(t);
      if (w.minute === 0) continue wrap;
    }
    while (w.second !== 0) {
      if (!added) added = true;
      t += 1;
      w = tz.wall(t);
      if (w.second === 0) continue wrap;
    }
    return t;
  }
}
