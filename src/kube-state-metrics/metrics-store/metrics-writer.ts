/**
 * Serves a scrape by concatenating cached bytes: resources in alphabetical order, families in
 * their store's list order, each family's header (only when the resource holds objects) followed
 * by that family's slice of every object. Bytes are copied into 64 KiB chunks and streamed with
 * backpressure, so 150,000 pods never become one giant string or buffer.
 */
import type { MetricsStore } from './metrics-store.ts';

/** What a scrape writes to: `http.ServerResponse`, a gzip stream, or a test collector. */
export interface ByteSink {
  write(chunk: Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** All stores of one resource: one per `--namespaces` entry, or a single all-namespace store. */
export interface MetricsWriter {
  resource: string;
  stores: readonly MetricsStore[];
}

export interface WriteMetricsOptions {
  /** `?resources=`: only these resources (empty or absent means all). */
  resources?: readonly string[];
  /** `?exclude_resources=`: wins over `resources`. */
  excludeResources?: readonly string[];
  /** OpenMetrics: keeps `info`/`stateset` in `# TYPE` and ends with `# EOF`. */
  openMetrics: boolean;
}

const CHUNK_SIZE = 64 * 1024;
const EOF_LINE = Buffer.from('# EOF\n');

/** Accumulates byte ranges into fixed-size chunks and hands full chunks to the sink. */
class ChunkedOutput {
  readonly #sink: ByteSink;
  #chunk = Buffer.allocUnsafe(CHUNK_SIZE);
  #used = 0;
  #blocked = false;

  constructor(sink: ByteSink) {
    this.#sink = sink;
  }

  /** True when the sink asked us to wait for `drain`. */
  get blocked(): boolean {
    return this.#blocked;
  }

  push(bytes: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (this.#used + len > CHUNK_SIZE) this.flush();
    if (len > CHUNK_SIZE) {
      this.#send(bytes.subarray(start, end));
      return;
    }
    this.#chunk.set(bytes.subarray(start, end), this.#used);
    this.#used += len;
  }

  flush(): void {
    if (this.#used === 0) return;
    const full = this.#chunk.subarray(0, this.#used);
    // The sink may keep a reference until it has written it out, so never reuse a sent chunk.
    this.#chunk = Buffer.allocUnsafe(CHUNK_SIZE);
    this.#used = 0;
    this.#send(full);
  }

  #send(chunk: Uint8Array): void {
    if (!this.#sink.write(chunk)) this.#blocked = true;
  }

  async drain(): Promise<void> {
    if (!this.#blocked) return;
    await new Promise<void>((resolve) => this.#sink.once('drain', resolve));
    this.#blocked = false;
  }
}

/** The writers a scrape covers, alphabetical by resource, after the query filters. */
export function selectWriters(writers: readonly MetricsWriter[], options: WriteMetricsOptions): MetricsWriter[] {
  const include = options.resources?.filter((r) => r !== '') ?? [];
  const exclude = new Set(options.excludeResources ?? []);
  return writers
    .filter((w) => (include.length === 0 || include.includes(w.resource)) && !exclude.has(w.resource))
    .sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
}

/**
 * Writes one scrape body to `sink` (the caller sets headers and ends the response). Objects that
 * change while the scrape awaits `drain` appear either before or after the change, never torn:
 * cached buffers are replaced, never mutated.
 */
export async function writeMetrics(
  sink: ByteSink,
  writers: readonly MetricsWriter[],
  options: WriteMetricsOptions,
): Promise<void> {
  const out = new ChunkedOutput(sink);
  // A family name declared by two writers (possible with custom resources) gets one header.
  const headerWritten = new Set<string>();
  for (const writer of selectWriters(writers, options)) {
    const stores = writer.stores;
    const first = stores[0];
    if (!first || !stores.some((s) => s.size > 0)) continue;
    const familyCount = first.families.length;
    for (let i = 0; i < familyCount; i++) {
      const name = first.families[i]!.name;
      if (!headerWritten.has(name)) {
        headerWritten.add(name);
        const header = (options.openMetrics ? first.openMetricsHeaders : first.textHeaders)[i]!;
        out.push(header, 0, header.length);
      }
      for (const store of stores) {
        for (const r of store.renderedObjects()) {
          const start = r.offsets[i]!;
          const end = r.offsets[i + 1]!;
          if (end > start) out.push(r.bytes, start, end);
          if (out.blocked) await out.drain();
        }
      }
    }
  }
  if (options.openMetrics) out.push(EOF_LINE, 0, EOF_LINE.length);
  out.flush();
  await out.drain();
}

/** Collects a scrape into one string: for tests and small tools, not for serving. */
export async function writeMetricsToString(
  writers: readonly MetricsWriter[],
  options: WriteMetricsOptions,
): Promise<string> {
  const parts: Buffer[] = [];
  const sink: ByteSink = {
    write(chunk) {
      parts.push(Buffer.from(chunk));
      return true;
    },
    once() {
      return undefined;
    },
  };
  await writeMetrics(sink, writers, options);
  return Buffer.concat(parts).toString('utf8');
}
