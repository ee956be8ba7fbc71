/**
 * Object-to-shard assignment exactly as kube-state-metrics does it: FNV-1a 64 over the UID's UTF-8
 * bytes, then Lamping & Veach's jump consistent hash. FNV runs on two 32-bit halves (no BigInt per
 * byte); only the few jump-hash steps use BigInt for the 64-bit LCG.
 */

const FNV_OFFSET_HI = 0xcbf29ce4;
const FNV_OFFSET_LO = 0x84222325;
/** The FNV-64 prime is 2^40 + 0x1b3: multiply by 0x1b3 and add the value shifted left 40 bits. */
const FNV_PRIME_LOW = 0x1b3;
const TWO_32 = 2 ** 32;

function fnvStep(hi: number, lo: number, byte: number): [number, number] {
  lo = (lo ^ byte) >>> 0;
  const low = lo * FNV_PRIME_LOW; // < 2^41, exact in a double
  const carry = Math.floor(low / TWO_32);
  const newHi = (Math.imul(hi, FNV_PRIME_LOW) + carry + (lo << 8)) >>> 0;
  return [newHi, low >>> 0];
}

/** FNV-1a 64-bit of the string's UTF-8 bytes, as an unsigned BigInt. */
export function fnv1a64(s: string): bigint {
  let hi = FNV_OFFSET_HI;
  let lo = FNV_OFFSET_LO;
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    for (let i = 0; i < s.length; i++) [hi, lo] = fnvStep(hi, lo, s.charCodeAt(i));
  } else {
    for (const byte of Buffer.from(s, 'utf8')) [hi, lo] = fnvStep(hi, lo, byte);
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

const JUMP_MULTIPLIER = 2862933555777941757n;
const MASK_64 = (1n << 64n) - 1n;
const TWO_31 = 2 ** 31;

/** Jump consistent hash of a 64-bit key into `buckets` buckets; -1 when `buckets <= 0` (keeps nothing). */
export function jumpHash(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    key = (key * JUMP_MULTIPLIER + 1n) & MASK_64;
    j = Math.trunc((b + 1) * (TWO_31 / (Number(key >> 33n) + 1)));
  }
  return b;
}

/** The shard an object belongs to among `totalShards`. */
export function shardOf(uid: string, totalShards: number): number {
  return jumpHash(fnv1a64(uid), totalShards);
}

/** Whether this shard keeps the object with this UID. */
export function shouldKeep(uid: string, shard: number, totalShards: number): boolean {
  return shardOf(uid, totalShards) === shard;
}
