/**
 * The per-resource cache of rendered series. Every watch event renders all families of that one
 * object into a single buffer (plus family offsets) right away; a scrape only copies cached bytes.
 * Memory per object is one Buffer and one small offset array, whatever the number of families.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { FamilyGenerator, Metric, ResourceDefinition } from '../metric/family.ts';
import { familyHeader, renderFamily } from '../metric/render.ts';

/** One object's rendered families: family `i` is `bytes[offsets[i], offsets[i+1])`. */
export interface RenderedObject {
  bytes: Buffer;
  offsets: Uint32Array;
}

/** Objects without a UID (hostile or synthetic input) are keyed by namespace/name instead. */
function storeKey(o: KubeObject): string | undefined {
  const meta = o?.metadata;
  if (!meta || typeof meta !== 'object') return undefined;
  if (typeof meta.uid === 'string' && meta.uid !== '') return meta.uid;
  if (typeof meta.name !== 'string' || meta.name === '') return undefined;
  return `${typeof meta.namespace === 'string' ? meta.namespace : ''}/${meta.name}`;
}

export class MetricsStore<T extends KubeObject = KubeObject> {
  readonly resource: ResourceDefinition<T>;
  readonly families: readonly FamilyGenerator<T>[];
  /** Precomputed `# HELP`/`# TYPE` bytes per family, for text 0.0.4 and for OpenMetrics. */
  readonly textHeaders: readonly Buffer[];
  readonly openMetricsHeaders: readonly Buffer[];
  readonly #objects = new Map<string, RenderedObject>();
  #lastResourceVersion = '';

  constructor(resource: ResourceDefinition<T>, families: readonly FamilyGenerator<T>[]) {
    this.resource = resource;
    this.families = families;
    this.textHeaders = families.map((f) => Buffer.from(familyHeader(f, false)));
    this.openMetricsHeaders = families.map((f) => Buffer.from(familyHeader(f, true)));
  }

  /** Number of objects held. */
  get size(): number {
    return this.#objects.size;
  }

  /** The resourceVersion of the last object or list applied (for reflector bookkeeping). */
  get lastResourceVersion(): string {
    return this.#lastResourceVersion;
  }

  /** Renders and stores (or replaces) the object's series. Objects with no usable key are ignored. */
  add(o: T): void {
    const key = storeKey(o);
    if (key === undefined) return;
    if (typeof o.metadata.resourceVersion === 'string') this.#lastResourceVersion = o.metadata.resourceVersion;
    this.#objects.set(key, this.render(o));
  }

  update(o: T): void {
    this.add(o);
  }

  delete(o: T): void {
    const key = storeKey(o);
    if (key !== undefined) this.#objects.delete(key);
  }

  /** A relist: drop everything, then add each item. */
  replace(items: readonly T[], resourceVersion?: string): void {
    this.#objects.clear();
    for (const o of items) this.add(o);
    if (resourceVersion !== undefined) this.#lastResourceVersion = resourceVersion;
  }

  clear(): void {
    this.#objects.clear();
  }

  /** Renders every family of one object; a generator that throws yields no series for its family. */
  render(o: T): RenderedObject {
    let defaults: { keys: readonly string[]; values: readonly string[] };
    try {
      defaults = this.resource.defaultLabels(o);
    } catch {
      defaults = { keys: [], values: [] };
    }
    const offsets = new Uint32Array(this.families.length + 1);
    let text = '';
    let length = 0;
    for (let i = 0; i < this.families.length; i++) {
      const fam = this.families[i]!;
      let metrics: Metric[];
      try {
        metrics = fam.generate(o);
      } catch {
        metrics = [];
      }
      if (metrics.length > 0) {
        const part = renderFamily(fam.name, defaults.keys, defaults.values, metrics);
        text += part;
        // Byte offsets, not UTF-16 ones: label values may hold any UTF-8.
        length += Buffer.byteLength(part);
      }
      offsets[i + 1] = length;
    }
    return { bytes: Buffer.from(text), offsets };
  }

  /** The rendered objects in insertion order (stable between scrapes); live view, do not hold across awaits. */
  renderedObjects(): IterableIterator<RenderedObject> {
    return this.#objects.values();
  }
}
