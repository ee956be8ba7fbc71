/**
 * Go `time.Duration` text: the format every Kubernetes flag, log line and API field
 * (`window: "15.218s"`) uses. Values are milliseconds as JS numbers; sub-millisecond
 * precision is kept as a fraction.
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses `1h30m`, `15s`, `500ms`, `1.5s`, `-2m`, `0` like Go's `time.ParseDuration`. */
export function parseGoDuration(text: string): number {
  const original = text;
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${JSON.stringify(original)}`);
  let total = 0;
  const re = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m) {
      if (/^(\d+\.?\d*|\.\d+)/.test(s)) throw new Error(`time: missing unit in duration ${JSON.stringify(original)}`);
      throw new Error(`time: invalid duration ${JSON.stringify(original)}`);
    }
    const unit = m[2] as string;
    total += Number(m[1]) * (UNIT_MS[unit] as number);
    s = s.slice(m[0].length);
  }
  return sign * total;
}

function trimFraction(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

/** Formats milliseconds like Go's `Duration.String()`: `0s`, `1.5ms`, `15.218s`, `1m0s`, `1h2m3.5s`. */
export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1) {
    const ns = Math.round(rest * 1e6);
    out = ns < 1000 ? `${ns}ns` : `${trimFraction(ns / 1000, 3)}µs`;
  } else if (rest < 1000) {
    out = `${trimFraction(rest, 6)}ms`;
  } else {
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = `${trimFraction(rest / 1000, 9)}s`;
    out = hours > 0 ? `${hours}h${minutes}m${seconds}` : minutes > 0 ? `${minutes}m${seconds}` : seconds;
  }
  return neg ? `-${out}` : out;
}
