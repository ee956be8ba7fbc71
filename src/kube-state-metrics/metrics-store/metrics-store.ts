/**
 * The per-resource cache of rendered series. Every watch event renders all families of that one
 * object right away and appends each family's lines to that family's arena; a scrape then writes
 * each family as a few large slices, never re-rendering and never visiting objects one by one.
 * Updates append and leave a hole, deletes leave a hole; arenas compact themselves when holes
 * pile up, so memory stays within ~1.5x of the live bytes.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ReplaceSession } from '../../shared/kube/reflector-cache.ts';
import type { FamilyGenerator, Metric, ResourceDefinition } from '../metric/family.ts';
import { familyHeader, labelPrefix, renderFamily } from '../metric/render.ts';
import { FamilyArena, type Slice } from './family-arena.ts';

/** Objects without a UID (hostile or synthetic input) are keyed by namespace/name instead. */
function storeKey(o: KubeObject): string | undefined {
  const meta = o?.metadata;
  if (!meta || typeof meta !== 'object') return undefined;
  if (typeof meta.uid === 'string' && meta.uid !== '') return meta.uid;
  if (typeof meta.name !== 'string' || meta.name === '') return undefined;
  return `${typeof meta.namespace === 'string' ? meta.namespace : ''}/${meta.name}`;
}

/** Slot-table rows per block (a power of two): 256 pod rows are 120 KB. */
const ROW_BITS = 8;
const ROWS_PER_BLOCK = 1 << ROW_BITS;
const ROW_MASK = ROWS_PER_BLOCK - 1;

/** One family's bytes at scrape time: views that stay valid while the store keeps changing. */
export type FamilySnapshot = readonly Buffer[];

export class MetricsStore<T extends KubeObject = KubeObject> {
  readonly resource: ResourceDefinition<T>;
  readonly families: readonly FamilyGenerator<T>[];
  /** Precomputed `# HELP`/`# TYPE` bytes per family, for text 0.0.4 and for OpenMetrics. */
  readonly textHeaders: readonly Buffer[];
  readonly openMetricsHeaders: readonly Buffer[];
  readonly #arenas: FamilyArena[];
  /**
   * Per object, a row of the slot table: `[offset0, length0, offset1, length1, ...]` into the
   * family arenas. Rows live in shared blocks rather than one typed array per object, which would
   * cost more in headers than the slots themselves at 450,000 objects. Map order is update order.
   */
  readonly #objects = new Map<string, number>();
  /** Slots per row: two per family. */
  readonly #stride: number;
  #blocks: Uint32Array[] = [];
  #freeRows: number[] = [];
  #nextRow = 0;
  #lastResourceVersion = '';

  constructor(resource: ResourceDefinition<T>, families: readonly FamilyGenerator<T>[]) {
    this.resource = resource;
    this.families = families;
    this.textHeaders = families.map((f) => Buffer.from(familyHeader(f, false)));
    this.openMetricsHeaders = families.map((f) => Buffer.from(familyHeader(f, true)));
    this.#arenas = families.map(() => new FamilyArena());
    this.#stride = families.length * 2;
  }

  /** Number of objects held. */
  get size(): number {
    return this.#objects.size;
  }

  /** The resourceVersion of the last object or list applied (for reflector bookkeeping). */
  get lastResourceVersion(): string {
    return this.#lastResourceVersion;
  }

  /** Bytes the scrape of this store writes (without headers). */
  get liveBytes(): number {
    let n = 0;
    for (const a of this.#arenas) n += a.liveBytes;
    return n;
  }

  /** Bytes held by the arenas, including dead and spare space (for memory accounting). */
  get capacityBytes(): number {
    let n = 0;
    for (const a of this.#arenas) n += a.capacity;
    return n;
  }

  /** Renders and stores (or replaces) the object's series. Objects with no usable key are ignored. */
  add(o: T): void {
    const key = storeKey(o);
    if (key === undefined) return;
    if (typeof o.metadata.resourceVersion === 'string') this.#lastResourceVersion = o.metadata.resourceVersion;
    const parts = this.#render(o);
    const old = this.#objects.get(key);
    if (old !== undefined) this.#release(old);
    const row = old ?? this.#allocRow();
    const block = this.#blocks[row >>> ROW_BITS]!;
    const base = (row & ROW_MASK) * this.#stride;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const slice = this.#arenas[i]!.append(part, part === '' ? 0 : Buffer.byteLength(part));
      block[base + 2 * i] = slice.offset;
      block[base + 2 * i + 1] = slice.length;
    }
    // Re-inserting moves the object to the end, matching where its bytes now are.
    this.#objects.delete(key);
    this.#objects.set(key, row);
    if (old !== undefined) this.#compactIfNeeded();
  }

  update(o: T): void {
    this.add(o);
  }

  delete(o: T): void {
    const key = storeKey(o);
    if (key === undefined) return;
    const old = this.#objects.get(key);
    if (old === undefined) return;
    this.#objects.delete(key);
    this.#release(old);
    this.#freeRows.push(old);
    this.#compactIfNeeded();
  }

  /** A relist: drop everything, then add each item. */
  replace(items: readonly T[], resourceVersion?: string): void {
    this.clear();
    for (const o of items) this.add(o);
    for (const a of this.#arenas) a.shrinkToFit();
    if (resourceVersion !== undefined) this.#lastResourceVersion = resourceVersion;
  }

  /**
   * A relist applied page by page: listed objects are rendered as they arrive (replacing their
   * previous series), and the commit removes the objects the list did not name. Until then a
   * scrape sees every object in its old or new state. An empty store tracks nothing: the first
   * list has nothing to remove.
   */
  beginReplace(): ReplaceSession {
    let seen: Set<string> | undefined = this.#objects.size > 0 ? new Set() : undefined;
    return {
      add: (o) => {
        this.add(o as T);
        if (seen) {
          const key = storeKey(o);
          if (key !== undefined) seen.add(key);
        }
      },
      restart: () => {
        seen = this.#objects.size > 0 ? new Set() : undefined;
      },
      commit: (resourceVersion) => {
        if (seen) {
          let removed = false;
          for (const [key, row] of this.#objects) {
            if (seen.has(key)) continue;
            this.#objects.delete(key);
            this.#release(row);
            this.#freeRows.push(row);
            removed = true;
          }
          if (removed) this.#compactIfNeeded();
        }
        for (const a of this.#arenas) a.shrinkToFit();
        this.#lastResourceVersion = resourceVersion;
      },
    };
  }

  clear(): void {
    this.#objects.clear();
    this.#blocks = [];
    this.#freeRows = [];
    this.#nextRow = 0;
    for (const a of this.#arenas) a.clear();
  }

  /** Family `index`'s live bytes right now; valid for as long as the caller holds them. */
  snapshotFamily(index: number): FamilySnapshot {
    return this.#arenas[index]?.snapshot() ?? [];
  }

  /** Renders every family of one object; a generator that throws yields no series for its family. */
  #render(o: T): string[] {
    let prefix = '';
    try {
      const defaults = this.resource.defaultLabels(o);
      prefix = labelPrefix(defaults.keys, defaults.values);
    } catch {
      // No default labels rather than no object: the families may still say something useful.
    }
    return this.families.map((fam) => {
      let metrics: Metric[];
      try {
        metrics = fam.generate(o);
      } catch {
        metrics = [];
      }
      return metrics.length > 0 ? renderFamily(fam.name, prefix, metrics) : '';
    });
  }

  #allocRow(): number {
    const free = this.#freeRows.pop();
    if (free !== undefined) return free;
    const row = this.#nextRow++;
    if ((row & ROW_MASK) === 0) this.#blocks.push(new Uint32Array(ROWS_PER_BLOCK * this.#stride));
    return row;
  }

  #release(row: number): void {
    const block = this.#blocks[row >>> ROW_BITS]!;
    const base = (row & ROW_MASK) * this.#stride;
    for (let i = 0; i < this.#arenas.length; i++) {
      this.#arenas[i]!.release({ offset: block[base + 2 * i]!, length: block[base + 2 * i + 1]! });
    }
  }

  #compactIfNeeded(): void {
    let rows: number[] | undefined;
    for (let i = 0; i < this.#arenas.length; i++) {
      const arena = this.#arenas[i]!;
      if (!arena.needsCompaction(this.#objects.size)) continue;
      rows ??= [...this.#objects.values()];
      const live: Slice[] = rows.map((r) => {
        const base = (r & ROW_MASK) * this.#stride + 2 * i;
        const block = this.#blocks[r >>> ROW_BITS]!;
        return { offset: block[base]!, length: block[base + 1]! };
      });
      const offsets = arena.compact(live);
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k]!;
        this.#blocks[r >>> ROW_BITS]![(r & ROW_MASK) * this.#stride + 2 * i] = offsets[k]!;
      }
    }
  }
}
