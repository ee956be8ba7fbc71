/**
 * Just enough of Go's `time.Location` for cron arithmetic: wall-clock fields of an instant in a
 * zone, and the instant of a wall-clock time (normalising out-of-range fields and resolving DST
 * gaps and overlaps the way `time.Date` does). Zones come from the ICU data Node ships.
 */

export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

export interface TimeZone {
  name: string;
  /** Wall clock of Unix second `t`. */
  wall(t: number): WallClock;
  /** Unix seconds of a wall-clock time; fields may overflow (month 13, day 32) and are normalised. */
  fromWall(year: number, month: number, day: number, hour: number, minute: number, second: number): number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function utcWall(t: number): WallClock {
  const d = new Date(t * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

function wallAsUtc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  // setUTCFullYear keeps years 0-99 literal, unlike Date.UTC.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime() / 1000;
}

const UTC: TimeZone = {
  name: 'UTC',
  wall: utcWall,
  fromWall: wallAsUtc,
};

const cache = new Map<string, TimeZone>();

function intlZone(name: string): TimeZone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
    era: 'short',
  });
  const wall = (t: number): WallClock => {
    const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
    let bc = false;
    for (const part of format.formatToParts(new Date(t * 1000))) {
      switch (part.type) {
        case 'year':
          out.year = Number(part.value);
          break;
        case 'month':
          out.month = Number(part.value);
          break;
        case 'day':
          out.day = Number(part.value);
          break;
        case 'hour':
          out.hour = Number(part.value);
          break;
        case 'minute':
          out.minute = Number(part.value);
          break;
        case 'second':
          out.second = Number(part.value);
          break;
        case 'weekday':
          out.weekday = WEEKDAYS[part.value] ?? 0;
          break;
        case 'era':
          bc = part.value === 'BC' || part.value === 'B';
          break;
      }
    }
    if (bc) out.year = 1 - out.year;
    return out;
  };
  const offset = (t: number): number => {
    const w = wall(t);
    return wallAsUtc(w.year, w.month, w.day, w.hour, w.minute, w.second) - t;
  };
  return {
    name,
    wall,
    fromWall(year, month, day, hour, minute, second) {
      const local = wallAsUtc(year, month, day, hour, minute, second);
      // Go's time.Date: guess the offset in force at the wall time read as UTC; if the instant it
      // gives lies under another offset (a DST edge), take that one.
      const guess = offset(local);
      const actual = offset(local - guess);
      return local - (actual === guess ? guess : actual);
    },
  };
}

/**
 * Go `time.LoadLocation`: `""` and `UTC` are UTC, `Local` is the process zone (`TZ`), anything
 * else an IANA name. Throws on unknown names; Go's lookup is case-sensitive, so a case variant of a
 * known zone is refused too.
 */
export function timeZone(name: string): TimeZone {
  if (name === '' || name === 'UTC') return UTC;
  const cached = cache.get(name);
  if (cached) return cached;
  let zone: TimeZone;
  if (name === 'Local') {
    const local = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    zone = local === 'UTC' || local === 'Etc/UTC' ? UTC : intlZone(local);
  } else {
    let resolved: string;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      throw new Error(`unknown time zone ${name}`);
    }
    if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
      throw new Error(`unknown time zone ${name}`);
    }
    zone = intlZone(name);
  }
  cache.set(name, zone);
  return zone;
}
