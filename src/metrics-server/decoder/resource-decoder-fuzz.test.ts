import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeResourceMetrics } from './resource-decoder.ts';
import { KUBELET_1_33_SAMPLE, syntheticPayload } from './sample-payloads.ts';

/** Deterministic PRNG (mulberry32) so a failing iteration can be replayed from its seed. */
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

const INTERESTING = Buffer.from('{}",=\\\n #e.-+0123456789 \tNaInf');

function assertNoThrow(input: Uint8Array, label: string): void {
  let result: ReturnType<typeof decodeResourceMetrics>;
  try {
    result = decodeResourceMetrics(input, 'node', 1);
  } catch (err) {
    assert.fail(`${label} threw: ${String(err)}`);
  }
  assert.equal(typeof result.ok, 'boolean', label);
}

describe('decodeResourceMetrics fuzzing', () => {
  it('random bytes never throw', () => {
    const rand = prng(0x5eed);
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.alloc(Math.floor(rand() * 400));
      for (let j = 0; j < bytes.length; j++) {
        bytes[j] = rand() < 0.5 ? Math.floor(rand() * 256) : INTERESTING[Math.floor(rand() * INTERESTING.length)]!;
      }
      assertNoThrow(bytes, `random iteration ${i}`);
    }
  });

  it('mutated valid payloads never throw', () => {
    const rand = prng(42);
    const seeds = [Buffer.from(KUBELET_1_33_SAMPLE), Buffer.from(syntheticPayload(3, 2))];
    let parsed = 0;
    for (let i = 0; i < 4000; i++) {
      const base = seeds[i % seeds.length]!;
      let bytes = Buffer.from(base);
      const mutations = 1 + Math.floor(rand() * 4);
      for (let m = 0; m < mutations; m++) {
        const at = Math.floor(rand() * bytes.length);
        const op = rand();
        const byte = rand() < 0.7 ? INTERESTING[Math.floor(rand() * INTERESTING.length)]! : Math.floor(rand() * 256);
        if (op < 0.4) bytes[at] = byte;
        else if (op < 0.7) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.of(byte), bytes.subarray(at)]);
        else if (op < 0.9)
          bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(rand() * 20))]);
        else bytes = bytes.subarray(0, at);
      }
      assertNoThrow(bytes, `mutation iteration ${i}`);
      if (decodeResourceMetrics(bytes, 'node', 1).ok) parsed++;
    }
    // Most single-byte mutations hit comments or ignored families and still decode.
    assert.ok(parsed > 0);
  });
});

describe('decodeResourceMetrics on the kubelet 1.33 sample', () => {
  it('decodes the node and both pods with exact units', () => {
    const result = decodeResourceMetrics(KUBELET_1_33_SAMPLE, 'worker-1', 0);
    assert.ok(result.ok);
    assert.deepEqual(result.batch.nodes.get('worker-1'), {
      startTime: 0,
      timestamp: 1735032838055,
      cumulativeCpuUsed: 48213552012000,
      memoryUsage: 1450782720,
    });
    assert.deepEqual(
      [...result.batch.pods.keys()],
      ['kube-system/coredns-668d6bf9bc-4xk2p', 'default/web-5d78c9869d-9dklc'],
    );
    const web = result.batch.pods.get('default/web-5d78c9869d-9dklc')!;
    assert.deepEqual([...web.containers.keys()], ['log-shipper', 'nginx']);
    assert.deepEqual(web.containers.get('nginx'), {
      startTime: 1735032456830211600,
      timestamp: 1735032837430,
      cumulativeCpuUsed: 7333964000,
      memoryUsage: 47026176,
    });
  });

  it('decodes a synthetic 30-pod payload completely', () => {
    const result = decodeResourceMetrics(syntheticPayload(30, 2), 'n', 0);
    assert.ok(result.ok);
    assert.equal(result.batch.nodes.size, 1);
    assert.equal(result.batch.pods.size, 30);
    assert.deepEqual(result.incompletePods, []);
  });
});
