/**
 * Per-process CPU and memory from /proc, so every contender (our Node processes, the upstream Go
 * binaries, Prometheus) is measured the same way from outside.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Kernel clock ticks per second (`getconf CLK_TCK`); 100 on every Linux this runs on. */
const CLK_TCK = 100;

export interface ProcSample {
  /** utime + stime, seconds. */
  cpuSeconds: number;
  /** VmRSS, MB (2^20 bytes). */
  rssMb: number;
  /** VmHWM (peak RSS), MB. */
  peakRssMb: number;
}

/** Reads one sample; throws with the pid when the process is gone. */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { cpuSeconds: (utime + stime) / CLK_TCK, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

export function machineDescription(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
