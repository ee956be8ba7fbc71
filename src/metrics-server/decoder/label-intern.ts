/**
 * Lookup of label values by their bytes, so a container series whose pod or container name was
 * already seen in this body costs no string. A cheap hash of the text (its length and its first
 * and last four bytes) selects a slot of an open-addressing table; the candidate is then compared
 * in full, as 32-bit words against the bytes where it first appeared, or char by char against its
 * string when it came from the general parser. Strings are only created for values that are new.
 *
 * Hashes of strings and of bytes agree for ASCII text, the only text looked up by bytes (escaped
 * or non-ASCII values take the string path, and their strings never equal an ASCII one).
 */
import type { PodMetricsPoint } from '../storage/types.ts';

const PRIME = 0x01000193;
const SEED = 0x811c9dc5;
const SLASH = 0x2f;
/** Longest probe before a table gives up on its hash (see `PodTable.#byKey`). */
const MAX_PROBES = 32;
/** Hashes are kept to 30 bits so the tables stay arrays of small integers. */
const SMI_BITS = 0x3fffffff;

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(start: number, end: number): string }).latin1Slice;

/** Little-endian bytes [start, end) (at most 4) as an int32, as `DataView#getInt32` reads 4. */
function partialWord(buf: Uint8Array, start: number, end: number): number {
  let w = 0;
  for (let i = end - 1; i >= start; i--) w = (w << 8) | buf[i]!;
  return w;
}

/** Hash of the text [start, end): its length, first and last 4 bytes. */
function hashBytes(dv: DataView, buf: Uint8Array, start: number, end: number): number {
  const n = end - start;
  let h = Math.imul(SEED ^ n, PRIME);
  if (n >= 4) {
    h = Math.imul(h ^ dv.getInt32(start, true), PRIME);
    h = Math.imul(h ^ dv.getInt32(end - 4, true), PRIME);
  } else {
    h = Math.imul(h ^ partialWord(buf, start, end), PRIME);
  }
  return h;
}

function charWord(s: string, start: number, end: number): number {
  let w = 0;
  for (let i = end - 1; i >= start; i--) w = (w << 8) | (s.charCodeAt(i) & 0xff);
  return w;
}

/** {@link hashBytes} of the chars [start, end) of `s`, equal for ASCII text. */
function hashChars(s: string, start: number, end: number): number {
  const n = end - start;
  let h = Math.imul(SEED ^ n, PRIME);
  if (n >= 4) {
    h = Math.imul(h ^ charWord(s, start, start + 4), PRIME);
    h = Math.imul(h ^ charWord(s, end - 4, end), PRIME);
  } else {
    h = Math.imul(h ^ charWord(s, start, end), PRIME);
  }
  return h;
}

function combine(nsHash: number, podHash: number): number {
  return Math.imul(nsHash ^ Math.imul(podHash, 0x85ebca6b), PRIME) ^ (podHash >>> 15);
}

/** Whether `s` from `offset` holds the bytes [start, end) (the caller checked the length). */
function sameText(s: string, offset: number, buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(offset++) !== buf[i]) return false;
  return true;
}

/** Whether [a, a + n) and [b, b + n) hold the same bytes; both ranges lie inside the buffer. */
export function sameRange(dv: DataView, buf: Uint8Array, a: number, b: number, n: number): boolean {
  let i = 0;
  for (; i + 4 <= n; i += 4) if (dv.getInt32(a + i, true) !== dv.getInt32(b + i, true)) return false;
  for (; i < n; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/** A plain array of zeros: cheaper to allocate than a typed array for these small tables. */
function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** Interned container names of one body. */
export class NameTable {
  #mask = 31;
  #hashes = zeros(32);
  #names: (string | undefined)[] = new Array(32).fill(undefined);
  #size = 0;
  /** Set once a probe ran too long (crafted collisions): every name is then sliced anew. */
  #degraded = false;

  /** The string for the ASCII bytes [start, end), created on first sight. */
  intern(dv: DataView, buf: Uint8Array, start: number, end: number): string {
    if (this.#degraded) return latin1Slice.call(buf, start, end);
    const h = hashBytes(dv, buf, start, end) & SMI_BITS;
    let i = h & this.#mask;
    for (let probes = 0; ; probes++) {
      const name = this.#names[i];
      if (name === undefined) break;
      if (this.#hashes[i] === h && name.length === end - start && sameText(name, 0, buf, start, end)) return name;
      if (probes === MAX_PROBES) {
        this.#degraded = true;
        return latin1Slice.call(buf, start, end);
      }
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
    this.#hashes = zeros(this.#mask + 1);
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

/** `namespace/name` from the bytes of both. */
function keyOf(buf: Buffer, nsStart: number, nsEnd: number, podStart: number, podEnd: number): string {
  const length = nsEnd - nsStart + 1 + podEnd - podStart;
  if (scratch.length < length) scratch = Buffer.allocUnsafe(length * 2);
  // A JS loop: `Buffer#copy` costs more than these few bytes.
  let j = 0;
  for (let k = nsStart; k < nsEnd; k++) scratch[j++] = buf[k]!;
  scratch[j++] = SLASH;
  for (let k = podStart; k < podEnd; k++) scratch[j++] = buf[k]!;
  return latin1Slice.call(scratch, 0, length);
}

/**
 * The pods of one body in order of first appearance, keyed by `namespace/name`, found by the
 * bytes of their labels or by the key string.
 */
export class PodTable {
  #mask = 63;
  #hashes = zeros(64);
  /** 1 + index into the lists below; 0 marks a free slot. */
  #slots = zeros(64);
  readonly keys: string[] = [];
  readonly points: PodMetricsPoint[] = [];
  /** Where the namespace and pod name bytes first appeared; -1 for pods added by key. */
  readonly #nsAt: number[] = [];
  readonly #podAt: number[] = [];
  /**
   * Replaces the table once a probe ran too long: the sampled hash is cheap but bodies can be
   * crafted to collide, which would make every lookup walk all pods. V8's string hash is seeded.
   */
  #byKey: Map<string, number> | undefined = undefined;

  /** Index (in `keys`/`points`) of the pod whose ASCII namespace and name are these bytes, added if new. */
  podFor(dv: DataView, buf: Buffer, nsStart: number, nsEnd: number, podStart: number, podEnd: number): number {
    const nsLength = nsEnd - nsStart;
    const podLength = podEnd - podStart;
    const length = nsLength + 1 + podLength;
    if (this.#byKey !== undefined) return this.podForKey(keyOf(buf, nsStart, nsEnd, podStart, podEnd));
    const h = combine(hashBytes(dv, buf, nsStart, nsEnd), hashBytes(dv, buf, podStart, podEnd)) & SMI_BITS;
    let i = h & this.#mask;
    for (let probes = 0; ; probes++) {
      const slot = this.#slots[i]!;
      if (slot === 0) break;
      if (probes === MAX_PROBES) {
        this.#degrade();
        return this.podForKey(keyOf(buf, nsStart, nsEnd, podStart, podEnd));
      }
      if (this.#hashes[i] === h) {
        const key = this.keys[slot - 1]!;
        const nsAt = this.#nsAt[slot - 1]!;
        if (
          key.length === length &&
          key.charCodeAt(nsLength) === SLASH &&
          (nsAt >= 0
            ? sameRange(dv, buf, nsAt, nsStart, nsLength) &&
              sameRange(dv, buf, this.#podAt[slot - 1]!, podStart, podLength)
            : sameText(key, 0, buf, nsStart, nsEnd) && sameText(key, nsLength + 1, buf, podStart, podEnd))
        ) {
          return slot - 1;
        }
      }
      i = (i + 1) & this.#mask;
    }
    return this.#add(i, h, keyOf(buf, nsStart, nsEnd, podStart, podEnd), nsStart, podStart);
  }

  /** Index of the pod with this `namespace/name` key (namespace without `/`, any text), added if new. */
  podForKey(key: string): number {
    const byKey = this.#byKey;
    if (byKey !== undefined) {
      const index = byKey.get(key);
      return index !== undefined ? index : this.#add(-1, 0, key, -1, -1);
    }
    const slash = key.indexOf('/');
    const h = combine(hashChars(key, 0, slash), hashChars(key, slash + 1, key.length)) & SMI_BITS;
    let i = h & this.#mask;
    for (let probes = 0; ; probes++) {
      const slot = this.#slots[i]!;
      if (slot === 0) break;
      if (this.#hashes[i] === h && this.keys[slot - 1] === key) return slot - 1;
      if (probes === MAX_PROBES) {
        this.#degrade();
        return this.podForKey(key);
      }
      i = (i + 1) & this.#mask;
    }
    return this.#add(i, h, key, -1, -1);
  }

  #degrade(): void {
    this.#byKey = new Map();
    for (let j = 0; j < this.keys.length; j++) this.#byKey.set(this.keys[j]!, j);
  }

  #add(i: number, h: number, key: string, nsAt: number, podAt: number): number {
    this.keys.push(key);
    this.points.push({ containers: new Map() });
    this.#nsAt.push(nsAt);
    this.#podAt.push(podAt);
    if (this.#byKey !== undefined) {
      this.#byKey.set(key, this.keys.length - 1);
      return this.keys.length - 1;
    }
    this.#hashes[i] = h;
    this.#slots[i] = this.keys.length;
    if (this.keys.length * 2 > this.#mask) this.#grow();
    return this.keys.length - 1;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const slots = this.#slots;
    this.#mask = this.#mask * 2 + 1;
    this.#hashes = zeros(this.#mask + 1);
    this.#slots = zeros(this.#mask + 1);
    for (let j = 0; j < slots.length; j++) {
      if (slots[j] === 0) continue;
      let i = hashes[j]! & this.#mask;
      while (this.#slots[i] !== 0) i = (i + 1) & this.#mask;
      this.#hashes[i] = hashes[j]!;
      this.#slots[i] = slots[j]!;
    }
  }
}
