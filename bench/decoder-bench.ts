/**
 * Micro-benchmark: the `/metrics/resource` decoder against a bare newline scan over the same
 * payloads. Target: decoder throughput >= 0.5x the JavaScript byte-loop scan (a loop over the
 * Buffer counting `\n` bytes). Run: `node --import tsx bench/decoder-bench.ts [rounds] [--wall]`.
 *
 * Payloads: 16 different nodes rendered by the simulator's kubelet (30 pods x 2 containers, the
 * real format with 17-digit start times), and the older synthetic payload. Contenders run in
 * interleaved rounds so load from other processes on a shared machine hits all of them alike;
 * the figures are the median and range over the rounds, the ratio computed per round. Times are
 * process CPU time by default (`--wall` for wall time): the machine may be shared.
 */
import { decodeResourceMetrics } from '../src/metrics-server/decoder/resource-decoder.ts';
import { decodeResourceMetricsReference } from '../src/metrics-server/decoder/resource-decoder-reference.ts';
import { syntheticPayload } from '../src/metrics-server/decoder/sample-payloads.ts';
import { simulatedPayload } from '../src/metrics-server/decoder/simulated-payloads.ts';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface DecoderBenchResult {
  name: string;
  /** Mean bytes per payload. */
  payloadBytes: number;
  /** MB/s (1e6 bytes) for each contender. */
  decoderMBps: Spread;
  /** The previous decoder (kept as a test reference), for the before/after comparison. */
  previousMBps: Spread;
  byteLoopMBps: Spread;
  nativeIndexOfMBps: Spread;
  /** decoder / byte loop, per round. */
  ratio: Spread;
  /** Microseconds to decode one payload. */
  decoderMicros: Spread;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The baseline: a JavaScript loop over the Buffer counting newline bytes. */
function byteLoop(payload: Buffer): number {
  let lines = 0;
  for (let i = 0; i < payload.length; i++) if (payload[i] === 10) lines++;
  return lines;
}

function nativeScan(payload: Buffer): number {
  let lines = 0;
  let i = payload.indexOf(10);
  while (i !== -1) {
    lines++;
    i = payload.indexOf(10, i + 1);
  }
  return lines;
}

function decode(payload: Buffer): number {
  const result = decodeResourceMetrics(payload, 'node', 0);
  return result.ok ? result.batch.pods.size : 0;
}

function decodePrevious(payload: Buffer): number {
  const result = decodeResourceMetricsReference(payload, 'node', 0);
  return result.ok ? result.batch.pods.size : 0;
}

let sink = 0;

/**
 * Runs `fn` over every payload in turn for at least `ms` of wall time; returns seconds per pass
 * over all payloads, in process CPU time (`cpu`: time this process ran, so other processes on a
 * shared machine stealing the core do not count) or wall time.
 */
function timePasses(fn: (payload: Buffer) => number, payloads: Buffer[], ms: number, clock: Clock): number {
  let passes = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let r = 0; r < 10; r++) for (const p of payloads) sink += fn(p);
    passes += 10;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (clock === 'wall') return elapsed / 1000 / passes;
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / 1e6 / passes;
}

export type Clock = 'cpu' | 'wall';

export function benchDecoder(
  name: string,
  payloads: Buffer[],
  options: { rounds?: number; roundMs?: number; clock?: Clock } = {},
): DecoderBenchResult {
  const rounds = options.rounds ?? 15;
  const roundMs = options.roundMs ?? 150;
  const clock = options.clock ?? 'cpu';
  const bytes = payloads.reduce((n, p) => n + p.length, 0);
  // Warm up every contender so each round measures optimised code.
  for (const fn of [byteLoop, nativeScan, decode, decodePrevious]) timePasses(fn, payloads, 300, clock);
  const dec: number[] = [];
  const previous: number[] = [];
  const loop: number[] = [];
  const native: number[] = [];
  const ratio: number[] = [];
  const micros: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const tLoop = timePasses(byteLoop, payloads, roundMs, clock);
    const tDec = timePasses(decode, payloads, roundMs, clock);
    const tNative = timePasses(nativeScan, payloads, roundMs / 3, clock);
    const tPrevious = timePasses(decodePrevious, payloads, roundMs / 2, clock);
    previous.push(bytes / 1e6 / tPrevious);
    loop.push(bytes / 1e6 / tLoop);
    dec.push(bytes / 1e6 / tDec);
    native.push(bytes / 1e6 / tNative);
    ratio.push(tLoop / tDec);
    micros.push((tDec / payloads.length) * 1e6);
  }
  if (sink === -1) console.log('');
  return {
    name,
    payloadBytes: Math.round(bytes / payloads.length),
    decoderMBps: spread(dec),
    previousMBps: spread(previous),
    byteLoopMBps: spread(loop),
    nativeIndexOfMBps: spread(native),
    ratio: spread(ratio),
    decoderMicros: spread(micros),
  };
}

/** The default payload sets: simulated kubelets (16 nodes) and the synthetic payload. */
export function benchPayloads(): { name: string; payloads: Buffer[] }[] {
  const simulated: Buffer[] = [];
  for (let seed = 1; seed <= 16; seed++)
    simulated.push(Buffer.from(simulatedPayload({ seed, pods: 30, containers: 2 })));
  return [
    { name: 'simulated kubelets, 30 pods x 2 containers, 16 nodes', payloads: simulated },
    { name: 'synthetic, 30 pods x 2 containers', payloads: [Buffer.from(syntheticPayload(30, 2))] },
  ];
}

function fmt(s: Spread, digits = 0): string {
  return `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}-${s.max.toFixed(digits)}]`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const clock: Clock = args.includes('--wall') ? 'wall' : 'cpu';
  const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 15);
  console.log(`clock: ${clock === 'cpu' ? 'process CPU time' : 'wall time'}`);
  for (const { name, payloads } of benchPayloads()) {
    const r = benchDecoder(name, payloads, { rounds, clock });
    console.log(
      `${r.name}: payload ${r.payloadBytes} B; median [min-max] over ${rounds} rounds: decoder ${fmt(r.decoderMBps)} MB/s (${fmt(r.decoderMicros, 1)} µs/payload), previous decoder ${fmt(r.previousMBps)} MB/s, byte-loop newline scan ${fmt(r.byteLoopMBps)} MB/s, native indexOf scan ${fmt(r.nativeIndexOfMBps)} MB/s; decoder/byte-loop = ${fmt(r.ratio, 2)}x`,
    );
  }
}
