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

/** One family's bytes at scrape time: views that stay valid while the store keeps changing. */
export type FamilySnapshot = readonly Buffer[];

export class MetricsStore<T extends KubeObject = KubeObject> {
  readonly resource: ResourceDefinition<T>;
  readonly families: readonly FamilyGenerator<T>[];
  /** Precomputed `# HELP`/`# TYPE` bytes per family, for text 0.0.4 and for OpenMetrics. */
  readonly textHeaders: readonly Buffer[];
  readonly openMetricsHeaders: readonly Buffer[];
  readonly #arenas: FamilyArena[];
  /** Per object: `[offset0, length0, offset1, length1, ...]` into the family arenas. */
  readonly #objects = new Map<string, Uint32Array>();
  #lastResourceVersion = '';

  constructor(resource: ResourceDefinition<T>, families: readonly FamilyGenerator<T>[]) {
    this.resource = resource;
    this.families = families;
    this.textHeaders = families.map((f) => Buffer.from(familyHeader(f, false)));
    this.openMetricsHeaders = families.map((f) => Buffer.from(familyHeader(f, true)));
    this.#arenas = families.map(() => new FamilyArena());
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
    if (old) this.#release(old);
    const slots = new Uint32Array(parts.length * 2);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const slice = this.#arenas[i]!.append(part, part === '' ? 0 : Buffer.byteLength(part));
      slots[2 * i] = slice.offset;
      slots[2 * i + 1] = slice.length;
    }
    // Re-inserting moves the object to the end, matching where its bytes now are.
    this.#objects.delete(key);
    this.#objects.set(key, slots);
    if (old) this.#compactIfNeeded();
  }

  update(o: T): void {
    this.add(o);
  }

  delete(o: T): void {
    const key = storeKey(o);
    if (key === undefined) return;
    const old = this.#objects.get(key);
    if (!old) return;
    this.#objects.delete(key);
    this.#release(old);
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
          for (const [key, slots] of this.#objects) {
            if (seen.has(key)) continue;
            this.#objects.delete(key);
            this.#release(slots);
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

  #release(slots: Uint32Array): void {
    for (let i = 0; i < this.#arenas.length; i++) {
      this.#arenas[i]!.release({ offset: slots[2 * i]!, length: slots[2 * i + 1]! });
    }
  }

  #compactIfNeeded(): void {
    let entries: Uint32Array[] | undefined;
    for (let i = 0; i < this.#arenas.length; i++) {
      const arena = this.#arenas[i]!;
      if (!arena.needsCompaction(this.#objects.size)) continue;
      entries ??= [...this.#objects.values()];
      const live: Slice[] = entries.map((s) => ({ offset: s[2 * i]!, length: s[2 * i + 1]! }));
      const offsets = arena.compact(live);
      for (let k = 0; k < entries.length; k++) entries[k]![2 * i] = offsets[k]!;
    }
  }
}
