/**
 * Append-only byte arena holding one family's series for every object of a store, so a scrape
 * writes a family as a few large slices instead of one small slice per object. Bytes below
 * `used` are never rewritten: an update appends the new series and records the old range as a
 * hole; growth and compaction move live bytes into a fresh buffer. That is what makes a scrape
 * snapshot (buffer + holes at that moment) stay valid while events keep arriving.
 */

/** Start small: most families of most objects are tiny or empty. */
const INITIAL_CAPACITY = 4 * 1024;
/** Compact once dead bytes exceed this share of the used bytes (used stays below 1.5x live). */
const MAX_GARBAGE_RATIO = 1 / 3;
/** Spare room kept after a compaction (total memory stays below ~2x live). */
const SLACK = 1.25;
/** Growth step: bigger than SLACK so that a growing arena is not copied over and over. */
const GROWTH = 1.5;
/**
 * Also compact when holes are numerous, since each one splits a scrape slice: past a quarter of
 * the objects a scrape would be back to copying per-object pieces.
 */
const MIN_HOLES_LIMIT = 4096;

/** A byte range `[offset, offset + length)` in an arena. */
export interface Slice {
  offset: number;
  length: number;
}

export class FamilyArena {
  #bytes = Buffer.allocUnsafe(0);
  #used = 0;
  #garbage = 0;
  /** Dead ranges below `#used`, unsorted. */
  #holes: Slice[] = [];

  /** Live bytes: what a scrape of this family writes. */
  get liveBytes(): number {
    return this.#used - this.#garbage;
  }

  /** Bytes held, live or dead (for memory accounting). */
  get capacity(): number {
    return this.#bytes.length;
  }

  /** Appends `text` and returns its slice (length 0 for empty text, which needs no space). */
  append(text: string, byteLength: number): Slice {
    if (byteLength === 0) return { offset: this.#used, length: 0 };
    if (this.#used + byteLength > this.#bytes.length) this.#grow(byteLength);
    const offset = this.#used;
    this.#bytes.write(text, offset, byteLength, 'utf8');
    this.#used += byteLength;
    return { offset, length: byteLength };
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
   * Copies the given live slices (in order) into a fresh buffer and returns their new offsets.
   * The caller passes every live slice of this family exactly once.
   */
  compact(live: readonly Slice[]): number[] {
    const total = this.liveBytes;
    const next = Buffer.allocUnsafe(Math.max(INITIAL_CAPACITY, Math.ceil(total * SLACK)));
    const offsets: number[] = new Array(live.length);
    let pos = 0;
    for (let i = 0; i < live.length; i++) {
      const s = live[i]!;
      offsets[i] = pos;
      if (s.length > 0) this.#bytes.copy(next, pos, s.offset, s.offset + s.length);
      pos += s.length;
    }
    this.#bytes = next;
    this.#used = pos;
    this.#garbage = 0;
    this.#holes = [];
    return offsets;
  }

  /** Drops spare capacity (after a relist, when the arena will mostly be read, not appended to). */
  shrinkToFit(): void {
    if (this.#holes.length > 0 || this.#bytes.length <= this.#used + INITIAL_CAPACITY) return;
    const next = Buffer.allocUnsafe(this.#used);
    this.#bytes.copy(next, 0, 0, this.#used);
    this.#bytes = next;
  }

  clear(): void {
    this.#bytes = Buffer.allocUnsafe(0);
    this.#used = 0;
    this.#garbage = 0;
    this.#holes = [];
  }

  /** The live bytes right now, as views between holes; they stay valid after later appends. */
  snapshot(): Buffer[] {
    if (this.#used === 0) return [];
    if (this.#holes.length === 0) return [this.#bytes.subarray(0, this.#used)];
    const holes = [...this.#holes].sort((a, b) => a.offset - b.offset);
    const out: Buffer[] = [];
    let pos = 0;
    for (const h of holes) {
      if (h.offset > pos) out.push(this.#bytes.subarray(pos, h.offset));
      pos = h.offset + h.length;
    }
    if (this.#used > pos) out.push(this.#bytes.subarray(pos, this.#used));
    return out;
  }

  /** Moves live bytes to a bigger buffer; holes are squeezed out only by `compact`. */
  #grow(needed: number): void {
    const size = Math.max(INITIAL_CAPACITY, Math.ceil((this.#used + needed) * GROWTH));
    const next = Buffer.allocUnsafe(size);
    this.#bytes.copy(next, 0, 0, this.#used);
    this.#bytes = next;
  }
}
