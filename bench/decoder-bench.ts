/**
 * Micro-benchmark: the `/metrics/resource` decoder against a bare newline scan over the same
 * kubelet-shaped payload (30 pods x 2 containers, the size of a busy node). Target: decoder
 * throughput >= 0.5x the JavaScript byte-loop scan. Run: `node --import tsx bench/decoder-bench.ts`.
 */
import { decodeResourceMetrics } from '../src/metrics-server/decoder/resource-decoder.ts';
import { syntheticPayload } from '../src/metrics-server/decoder/sample-payloads.ts';

export interface DecoderBenchResult {
  payloadBytes: number;
  /** MB/s (1e6 bytes) for each contender. */
  decoderMBps: number;
  byteLoopMBps: number;
  nativeIndexOfMBps: number;
  /** decoder / byte loop. */
  ratio: number;
}

function measure(fn: () => number, bytes: number, minMs: number): number {
  let sink = 0;
  for (let i = 0; i < 200; i++) sink += fn();
  let iterations = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) sink += fn();
    iterations += 100;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (sink === -1) console.log('');
  return (bytes * iterations) / 1e6 / (elapsed / 1000);
}

export function benchDecoder(options: { pods?: number; containers?: number; minMs?: number } = {}): DecoderBenchResult {
  const payload = Buffer.from(syntheticPayload(options.pods ?? 30, options.containers ?? 2));
  const minMs = options.minMs ?? 1500;
  const byteLoop = () => {
    let lines = 0;
    for (let i = 0; i < payload.length; i++) if (payload[i] === 10) lines++;
    return lines;
  };
  const nativeScan = () => {
    let lines = 0;
    let i = payload.indexOf(10);
    while (i !== -1) {
      lines++;
      i = payload.indexOf(10, i + 1);
    }
    return lines;
  };
  const decoder = () => {
    const result = decodeResourceMetrics(payload, 'node', 0);
    return result.ok ? result.batch.pods.size : 0;
  };
  const byteLoopMBps = measure(byteLoop, payload.length, minMs);
  const nativeIndexOfMBps = measure(nativeScan, payload.length, minMs);
  const decoderMBps = measure(decoder, payload.length, minMs);
  return {
    payloadBytes: payload.length,
    decoderMBps,
    byteLoopMBps,
    nativeIndexOfMBps,
    ratio: decoderMBps / byteLoopMBps,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchDecoder();
  console.log(
    `decoder: payload ${r.payloadBytes} B; decoder ${r.decoderMBps.toFixed(1)} MB/s, byte-loop newline scan ${r.byteLoopMBps.toFixed(1)} MB/s, native indexOf scan ${r.nativeIndexOfMBps.toFixed(1)} MB/s; decoder/byte-loop = ${r.ratio.toFixed(2)}x`,
  );
}
