/**
 * Lookup of label values by their bytes, so a container series whose pod or container name was
 * already seen in this body costs no string: a 32-bit FNV-1a hash of the bytes selects a slot of
 * an open-addressing table, and the candidate's string is compared char by char with the bytes.
 * Strings are only created for values that are new. Hashes of strings and of bytes agree for
 * ASCII text, the only text looked up by bytes (escaped or non-ASCII values take the string path).
 */
import type { PodMetricsPoint } from '../storage/types.ts';

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Mixed in between namespace and pod name so `a`+`bc` and `ab`+`c` hash apart. */
const SEPARATOR = 0x2f;

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

function sameText(s: string, buf: Uint8Array, start: number, end: number): boolean {
  if (s.length !== end - start) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
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
      if (this.#hashes[i] === h && sameText(name, buf, start, end)) return name;
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

interface PodEntry {
  namespace: string;
  name: string;
  point: PodMetricsPoint;
}

/** Pods of one body by (namespace, name), alongside the batch's `namespace/name` map. */
export class PodTable {
  #mask = 63;
  #hashes = new Int32Array(64);
  #entries: (PodEntry | undefined)[] = new Array(64).fill(undefined);
  #size = 0;

  /** Hash of namespace bytes [nsStart, nsEnd) and pod bytes [podStart, podEnd). */
  static hashOf(buf: Uint8Array, nsStart: number, nsEnd: number, podStart: number, podEnd: number): number {
    return (
      hashBytes(buf, podStart, podEnd, Math.imul(hashBytes(buf, nsStart, nsEnd, FNV_OFFSET) ^ SEPARATOR, FNV_PRIME)) | 0
    );
  }

  /** The pod whose ASCII namespace and name are these bytes, if seen. */
  find(
    h: number,
    buf: Uint8Array,
    nsStart: number,
    nsEnd: number,
    podStart: number,
    podEnd: number,
  ): PodMetricsPoint | undefined {
    let i = h & this.#mask;
    for (;;) {
      const entry = this.#entries[i];
      if (entry === undefined) return undefined;
      if (
        this.#hashes[i] === h &&
        sameText(entry.name, buf, podStart, podEnd) &&
        sameText(entry.namespace, buf, nsStart, nsEnd)
      ) {
        return entry.point;
      }
      i = (i + 1) & this.#mask;
    }
  }

  /** Registers a pod first seen by strings (any text); `find` then locates it by its bytes if ASCII. */
  add(namespace: string, name: string, point: PodMetricsPoint): void {
    const h = hashString(name, Math.imul(hashString(namespace, FNV_OFFSET) ^ SEPARATOR, FNV_PRIME)) | 0;
    this.#insert(h, { namespace, name, point });
  }

  /** Registers a pod whose {@link PodTable.hashOf} is known. */
  addWithHash(h: number, namespace: string, name: string, point: PodMetricsPoint): void {
    this.#insert(h, { namespace, name, point });
  }

  #insert(h: number, entry: PodEntry): void {
    let i = h & this.#mask;
    while (this.#entries[i] !== undefined) i = (i + 1) & this.#mask;
    this.#hashes[i] = h;
    this.#entries[i] = entry;
    if (++this.#size * 2 > this.#mask) this.#grow();
  }

  #grow(): void {
    const entries = this.#entries;
    const hashes = this.#hashes;
    this.#mask = this.#mask * 2 + 1;
    this.#hashes = new Int32Array(this.#mask + 1);
    this.#entries = new Array(this.#mask + 1).fill(undefined);
    this.#size = 0;
    for (let j = 0; j < entries.length; j++) {
      const entry = entries[j];
      if (entry !== undefined) this.#insert(hashes[j]!, entry);
    }
  }
}
