import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DecodeResult, decodeResourceMetrics } from './resource-decoder.ts';
import { decodeResourceMetricsReference } from './resource-decoder-reference.ts';
import { KUBELET_1_33_SAMPLE, syntheticPayload } from './sample-payloads.ts';
import { simulatedPayload } from './simulated-payloads.ts';

/** Deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything observable, Map orders included. */
function plain(result: DecodeResult): unknown {
  if (!result.ok) return result;
  return {
    nodes: [...result.batch.nodes],
    pods: [...result.batch.pods].map(([key, pod]) => [key, [...pod.containers]]),
    nodeIncomplete: result.nodeIncomplete,
    incompletePods: result.incompletePods,
  };
}

function assertSame(body: Buffer, label: string): DecodeResult {
  const got = decodeResourceMetrics(body, 'node-x', 1700000000000);
  const want = decodeResourceMetricsReference(body, 'node-x', 1700000000000);
  assert.deepStrictEqual(plain(got), plain(want), label);
  return got;
}

/** Rewrites that keep the body valid but move lines off the fast path. */
const REWRITES: ((line: string, rand: () => number) => string)[] = [
  (l) =>
    l.replace(/\{container="([^"]*)",namespace="([^"]*)",pod="([^"]*)"\}/, '{pod="$3",container="$1",namespace="$2"}'),
  (l) => l.replace('} ', '}\t '),
  (l) => l.replace('{', '{ ').replace('"}', '", }'),
  (l) => l.replace('",pod=', '",extra="x",pod='),
  (l) => l.replace(/ (\d+)$/, ''),
  (l) => l.replace(/ (\S+) (\d+)$/, ' $1  $2 '),
  (l) => `  ${l}`,
  (l, rand) =>
    l.replace(
      / (\S+)( \d+)?$/,
      (_m, _v, ts) => ` ${(rand() * 1e10).toExponential(Math.floor(rand() * 17))}${ts ?? ''}`,
    ),
];

describe('decodeResourceMetrics against the previous implementation', () => {
  it('gives identical results on 300 seeded simulated kubelet bodies', () => {
    const rand = prng(2026);
    let pods = 0;
    for (let i = 0; i < 300; i++) {
      const seed = 1 + Math.floor(rand() * 1e9);
      const body = simulatedPayload({
        seed,
        pods: Math.floor(rand() * 61),
        containers: 1 + Math.floor(rand() * 4),
        varyContainers: rand() < 0.5,
        kubeletMinor: rand() < 0.3 ? 34 : 33,
        zeroCpu: rand() < 0.05,
        missingMemory: rand() < 0.05,
        oddNames: rand() < 0.3,
      });
      const result = assertSame(Buffer.from(body), `simulated body seed ${seed} (case ${i})`);
      if (result.ok) pods += result.batch.pods.size;
    }
    assert.ok(pods > 3000, `only ${pods} pods decoded: the generator lost its realism`);
  });

  it('gives identical results when lines are rewritten off the kubelet layout', () => {
    const rand = prng(77);
    for (let i = 0; i < 300; i++) {
      const seed = 1 + Math.floor(rand() * 1e9);
      const lines = simulatedPayload({
        seed,
        pods: 1 + Math.floor(rand() * 20),
        containers: 3,
        varyContainers: true,
      }).split('\n');
      for (let j = 0; j < lines.length; j++) {
        if (lines[j]!.startsWith('#') || rand() > 0.2) continue;
        lines[j] = REWRITES[Math.floor(rand() * REWRITES.length)]!(lines[j]!, rand);
      }
      // Shuffling whole lines within the container families breaks the slot prediction too.
      if (rand() < 0.3) {
        for (let j = lines.length - 1; j > 0; j--) {
          if (!lines[j]!.startsWith('container_') || rand() < 0.5) continue;
          const k = Math.floor(rand() * j);
          if (lines[k]!.startsWith('container_')) [lines[j], lines[k]] = [lines[k]!, lines[j]!];
        }
      }
      assertSame(Buffer.from(lines.join(rand() < 0.1 ? '\r\n' : '\n')), `rewritten body seed ${seed} (case ${i})`);
    }
  });

  it('gives identical results and errors on 3000 mutated bodies', () => {
    const rand = prng(4242);
    const INTERESTING = Buffer.from('{}",=\\\n #e.-+0123456789 \tNaInf/');
    const seeds = [
      Buffer.from(KUBELET_1_33_SAMPLE),
      Buffer.from(syntheticPayload(4, 2)),
      Buffer.from(simulatedPayload({ seed: 5, pods: 4, containers: 2, oddNames: true })),
      Buffer.from(simulatedPayload({ seed: 6, pods: 3, containers: 3, kubeletMinor: 34 })),
    ];
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      let bytes = Buffer.from(seeds[i % seeds.length]!);
      const mutations = 1 + Math.floor(rand() * 3);
      for (let m = 0; m < mutations; m++) {
        const at = Math.floor(rand() * bytes.length);
        const op = rand();
        const byte = rand() < 0.8 ? INTERESTING[Math.floor(rand() * INTERESTING.length)]! : Math.floor(rand() * 256);
        if (op < 0.4) bytes[at] = byte;
        else if (op < 0.7) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.of(byte), bytes.subarray(at)]);
        else if (op < 0.9)
          bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(rand() * 20))]);
        else bytes = bytes.subarray(0, at);
      }
      if (!assertSame(bytes, `mutation ${i}`).ok) errors++;
    }
    assert.ok(errors > 100, `only ${errors} mutated bodies failed to decode: mutations too tame`);
  });
});
