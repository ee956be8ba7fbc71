import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fnv1a64, jumpHash, shardOf, shouldKeep } from './shard-hash.ts';

test('fnv1a64 matches the FNV-1a 64 reference vectors', () => {
  const cases: [string, bigint][] = [
    ['', 0xcbf29ce484222325n],
    ['a', 0xaf63dc4c8601ec8cn],
    ['foobar', 0x85944171f73967e8n],
  ];
  for (const [s, want] of cases) assert.equal(fnv1a64(s), want, JSON.stringify(s));
});

test('fnv1a64 hashes UTF-8 bytes for non-ASCII input', () => {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from('é-ü', 'utf8')) h = ((h ^ BigInt(byte)) * 1099511628211n) & ((1n << 64n) - 1n);
  assert.equal(fnv1a64('é-ü'), h);
});

test('jumpHash matches go-jump reference values', () => {
  const cases: [bigint, number, number][] = [
    [256n, 1024, 520],
    [0n, 1, 0],
    [123n, 0, -1],
  ];
  for (const [key, buckets, want] of cases) assert.equal(jumpHash(key, buckets), want, `jump(${key}, ${buckets})`);
});

test('shard assignment matches upstream TestSharding', () => {
  assert.equal(shardOf('test_uid', 2), 0);
  assert.equal(shouldKeep('test_uid', 0, 2), true);
  assert.equal(shouldKeep('test_uid', 1, 2), false);
  assert.equal(shouldKeep('test_uid', 0, 1), true);
});

test('every UID lands in exactly one shard', () => {
  for (let i = 0; i < 200; i++) {
    const uid = `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
    for (const total of [2, 3, 10]) {
      const owners = [...Array(total).keys()].filter((s) => shouldKeep(uid, s, total));
      assert.equal(owners.length, 1, `${uid} in ${total} shards`);
    }
  }
});
