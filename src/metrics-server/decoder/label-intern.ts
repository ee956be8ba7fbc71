/**
 * Lookup of label values by their bytes, so a container series whose pod or container name was
 * already seen in this body costs no string: a 32-bit FNV-1a hash of the bytes selects a slot of
 * an open-addressing table, and the candidate's string is compared char by char with the bytes.
 * Strings are only created for values that are new. Hashes of strings and of bytes agree for
 * ASCII text, the only text looked up by bytes (escaped or non-ASCII values take the string
 * path, and their strings never equal an ASCII one).
 */
import type { PodMetricsPoint } from '../storage/types.ts';

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
const SLASH = 0x2f;

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(start: number, end: number): string }).latin1Slice;

/** FNV-1a over bytes [start, end), continuing from `h`. */
export function hashBytes(buf: Uint8Array, start: number, end: number, h: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, FNV_PRIME);
  return h;
}

function hashString(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Whether `s` from `offset` holds the bytes [start, end) (the caller checked the length). */
function sameText(s: string, offset: number, buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(offset++) !== buf[i]) return false;
  return true;
}

/** Interned container names of one body. */
export class NameTable {
  #mask = 63;
  #hashes = new Int32Array(64);
  #names: (string | undefined)[] = new Array(64).fill(undefined);
  #size = 0;

  /** The string for the ASCII bytes [start, end), created on first sight. */
  intern(buf: Uint8Array, start: number, end: number): string {
    const h = hashBytes(buf, start, end, FNV_OFFSET) | 0;
    let i = h & this.#mask;
    for (;;) {
      const name = this.#names[i];
      if (name === undefined) break;
      if (this.#hashes[i] === h && name.length === end - start && sameText(name, 0, buf, start, end)) return name;
      i = (i + 1) & this.#mask;
    }
    const name: string = latin1Slice.call(buf, start, end);
    this.#hashes[i] = h;
    this.#names[i] = name;
    if (++this.#size * 2 > this.#mask) this.#grow();
    return name;
  }

  #grow(): void {
    const names = this.#names;
    const hashes = this.#hashes;
    this.#mask = this.#mask * 2 + 1;
    this.#hashes = new Int32Array(this.#mask + 1);
    this.#names = new Array(this.#mask + 1).fill(undefined);
    for (let j = 0; j < names.length; j++) {
      const name = names[j];
      if (name === undefined) continue;
      let i = hashes[j]! & this.#mask;
      while (this.#names[i] !== undefined) i = (i + 1) & this.#mask;
      this.#hashes[i] = hashes[j]!;
      this.#names[i] = name;
    }
  }
}

/** Holds a new pod's key while it is turned into a string: one native call, a flat string. */
let scratch = Buffer.allocUnsafe(512);

/**
 * The pods of one body in order of first appearance, keyed by `namespace/name`, found by the
 * bytes of their labels or by the key string.
 */
export class PodTable {
  #mask = 63;
  #hashes = new Int32Array(64);
  /** 1 + index into `keys`/`points`; 0 marks a free slot. */
  #slots = new Int32Array(64);
  readonly keys: string[] = [];
  readonly points: PodMetricsPoint[] = [];

  /** The pod whose ASCII namespace and name are these bytes, added if new. */
  podFor(buf: Buffer, nsStart: number, nsEnd: number, podStart: number, podEnd: number): PodMetricsPoint {
    // FNV-1a of `namespace/name`, the same as hashing the key string.
    const h =
      hashBytes(buf, podStart, podEnd, Math.imul(hashBytes(buf, nsStart, nsEnd, FNV_OFFSET) ^ SLASH, FNV_PRIME)) | 0;
    const nsLength = nsEnd - nsStart;
    const length = nsLength + 1 + podEnd - podStart;
    let i = h & this.#mask;
    for (;;) {
      const slot = this.#slots[i]!;
      if (slot === 0) break;
      if (this.#hashes[i] === h) {
        const key = this.keys[slot - 1]!;
        if (
          key.length === length &&
          key.charCodeAt(nsLength) === SLASH &&
          sameText(key, 0, buf, nsStart, nsEnd) &&
          sameText(key, nsLength + 1, buf, podStart, podEnd)
        ) {
          return this.points[slot - 1]!;
        }
      }
      i = (i + 1) & this.#mask;
    }
    if (scratch.length < length) scratch = Buffer.allocUnsafe(length * 2);
    // A JS loop: `Buffer#copy` costs more than these few bytes.
    let j = 0;
    for (let k = nsStart; k < nsEnd; k++) scratch[j++] = buf[k]!;
    scratch[j++] = SLASH;
    for (let k = podStart; k < podEnd; k++) scratch[j++] = buf[k]!;
    return this.#add(i, h, latin1Slice.call(scratch, 0, length));
  }

  /** The pod with this `namespace/name` key (any text), added if new. */
  podForKey(key: string): PodMetricsPoint {
    const h = hashString(key, FNV_OFFSET) | 0;
    let i = h & this.#mask;
    for (;;) {
      const slot = this.#slots[i]!;
      if (slot === 0) break;
      if (this.#hashes[i] === h && this.keys[slot - 1] === key) return this.points[slot - 1]!;
      i = (i + 1) & this.#mask;
    }
    return this.#add(i, h, key);
  }

  #add(i: number, h: number, key: string): PodMetricsPoint {
    const point: PodMetricsPoint = { containers: new Map() };
    this.keys.push(key);
    this.points.push(point);
    this.#hashes[i] = h;
    this.#slots[i] = this.keys.length;
    if (this.keys.length * 2 > this.#mask) this.#grow();
    return point;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const slots = this.#slots;
    this.#mask = this.#mask * 2 + 1;
    this.#hashes = new Int32Array(this.#mask + 1);
    this.#slots = new Int32Array(this.#mask + 1);
    for (let j = 0; j < slots.length; j++) {
      if (slots[j] === 0) continue;
      let i = hashes[j]! & this.#mask;
      while (this.#slots[i] !== 0) i = (i + 1) & this.#mask;
      this.#hashes[i] = hashes[j]!;
      this.#slots[i] = slots[j]!;
    }
  }
}
