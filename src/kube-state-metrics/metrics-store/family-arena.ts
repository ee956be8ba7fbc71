/**
 * Append-only byte arena holding one family's series for every object of a store, so a scrape
 * writes a family as a few large slices instead of one small slice per object. The bytes live in
 * chunks of at most 256 KiB that are never grown, copied or rewritten below their fill mark: an
 * update appends the new series and records the old range as a hole, and only compaction moves
 * live bytes, into fresh chunks. That is what makes a scrape snapshot (chunks + holes at that
 * moment) stay valid while events keep arriving, and keeps memory close to the live bytes: no
 * doubling growth, no big buffers freed and reallocated while 150,000 objects are listed.
 */

/** First chunk of a family: most families of most resources are tiny or empty. */
const FIRST_CHUNK = 4 * 1024;
/** Chunks double up to this size; a piece bigger than it gets a chunk of its own. */
const MAX_CHUNK = 256 * 1024;
/** Offsets are `chunkIndex * CHUNK_SPAN + offsetInChunk`, kept below 2^32 (16,384 chunks). */
const CHUNK_SPAN = MAX_CHUNK;
const MAX_CHUNKS = 2 ** 32 / CHUNK_SPAN;
/** Compact once dead bytes exceed this share of the used bytes (used stays below 1.5x live). */
const MAX_GARBAGE_RATIO = 1 / 3;
/**
 * Also compact when holes are numerous, since each one splits a scrape slice: past a quarter of
 * the objects a scrape would be back to copying per-object pieces.
 */
const MIN_HOLES_LIMIT = 4096;

/** A byte range `[offset, offset + length)` in an arena (offset as encoded above). */
export interface Slice {
  offset: number;
  length: number;
}

export class FamilyArena {
  #chunks: Buffer[] = [];
  /** Fill mark of each chunk: bytes below it are final. */
  #fill: number[] = [];
  #used = 0;
  #garbage = 0;
  #capacity = 0;
  /** Dead ranges, unsorted. */
  #holes: Slice[] = [];

  /** Live bytes: what a scrape of this family writes. */
  get liveBytes(): number {
    return this.#used - this.#garbage;
  }

  /** Bytes held, live or dead (for memory accounting). */
  get capacity(): number {
    return this.#capacity;
  }

  /** Appends `text` and returns its slice (length 0 for empty text, which needs no space). */
  append(text: string, byteLength: number): Slice {
    if (byteLength === 0) return { offset: 0, length: 0 };
    const at = this.#reserve(byteLength);
    const chunk = this.#chunks[at]!;
    const inner = this.#fill[at]!;
    chunk.write(text, inner, byteLength, 'utf8');
    this.#fill[at] = inner + byteLength;
    this.#used += byteLength;
    return { offset: at * CHUNK_SPAN + inner, length: byteLength };
  }

  /** Marks a previously appended slice dead. */
  release(slice: Slice): void {
    if (slice.length === 0) return;
    this.#garbage += slice.length;
    this.#holes.push({ offset: slice.offset, length: slice.length });
  }

  /** True when compaction would pay for itself, given how many objects share the arena. */
  needsCompaction(objectCount: number): boolean {
    if (this.#garbage > this.#used * MAX_GARBAGE_RATIO) return true;
    return this.#holes.length > Math.max(MIN_HOLES_LIMIT, objectCount / 4);
  }

  /**
   * Copies the given live slices (in order) into fresh chunks and returns their new offsets.
   * The caller passes every live slice of this family exactly once.
   */
  compact(live: readonly Slice[]): number[] {
    const old = this.#chunks;
    this.#chunks = [];
    this.#fill = [];
    this.#used = 0;
    this.#garbage = 0;
    this.#capacity = 0;
    this.#holes = [];
    const offsets: number[] = new Array(live.length);
    for (let i = 0; i < live.length; i++) {
      const s = live[i]!;
      if (s.length === 0) {
        offsets[i] = 0;
        continue;
      }
      const from = old[Math.floor(s.offset / CHUNK_SPAN)]!;
      const start = s.offset % CHUNK_SPAN;
      const at = this.#reserve(s.length);
      const inner = this.#fill[at]!;
      from.copy(this.#chunks[at]!, inner, start, start + s.length);
      this.#fill[at] = inner + s.length;
      this.#used += s.length;
      offsets[i] = at * CHUNK_SPAN + inner;
    }
    return offsets;
  }

  /** Drops the spare room of the last chunk (after a relist, when the arena will mostly be read). */
  shrinkToFit(): void {
    const last = this.#chunks.length - 1;
    if (last < 0) return;
    const chunk = this.#chunks[last]!;
    const fill = this.#fill[last]!;
    if (chunk.length - fill < FIRST_CHUNK) return;
    // A copy, not a view: the spare room is released only when the old buffer goes.
    const next = Buffer.allocUnsafeSlow(fill);
    chunk.copy(next, 0, 0, fill);
    this.#chunks[last] = next;
    this.#capacity -= chunk.length - fill;
  }

  clear(): void {
    this.#chunks = [];
    this.#fill = [];
    this.#used = 0;
    this.#garbage = 0;
    this.#capacity = 0;
    this.#holes = [];
  }

  /** The live bytes right now, as views between holes; they stay valid after later appends. */
  snapshot(): Buffer[] {
    if (this.#used === 0) return [];
    const out: Buffer[] = [];
    const holes = this.#holes.length === 0 ? this.#holes : [...this.#holes].sort((a, b) => a.offset - b.offset);
    let h = 0;
    for (let c = 0; c < this.#chunks.length; c++) {
      const chunk = this.#chunks[c]!;
      const fill = this.#fill[c]!;
      const base = c * CHUNK_SPAN;
      let pos = 0;
      for (; h < holes.length && holes[h]!.offset < base + CHUNK_SPAN; h++) {
        const start = holes[h]!.offset - base;
        if (start > pos) out.push(chunk.subarray(pos, start));
        pos = start + holes[h]!.length;
      }
      if (fill > pos) out.push(chunk.subarray(pos, fill));
    }
    return out;
  }

  /** Index of a chunk with room for `n` more bytes, opening one when the last is full. */
  #reserve(n: number): number {
    const last = this.#chunks.length - 1;
    if (last >= 0 && this.#chunks[last]!.length - this.#fill[last]! >= n) return last;
    if (this.#chunks.length >= MAX_CHUNKS) {
      throw new RangeError(`family arena full: ${MAX_CHUNKS} chunks of up to ${MAX_CHUNK} bytes`);
    }
    const previous = last >= 0 ? this.#chunks[last]!.length : FIRST_CHUNK / 2;
    const size = Math.max(n, FIRST_CHUNK, Math.min(MAX_CHUNK, previous * 2));
    this.#chunks.push(Buffer.allocUnsafeSlow(size));
    this.#fill.push(0);
    this.#capacity += size;
    return this.#chunks.length - 1;
  }
}
