/**
 * Serves a scrape from cached bytes: resources in alphabetical order, families in their store's
 * list order, each family's header (only when the resource holds objects) followed by that
 * family's bytes from every store. Large family slices go to the sink as they are, small pieces
 * are gathered into 256 KiB chunks; backpressure is honoured, so 150,000 pods never become one
 * giant string or buffer.
 */
import type { FamilySnapshot, MetricsStore } from './metrics-store.ts';

/** What a scrape writes to: `http.ServerResponse`, a gzip stream, or a test collector. */
export interface ByteSink {
  write(chunk: Uint8Array): boolean;
  /** `drain` resumes a waiting scrape; `close` (a client that went away) ends it. */
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener?(event: 'drain' | 'close', listener: () => void): unknown;
  /** Bytes queued but not yet flushed (Node streams have it); lets a scrape run ahead of `drain`. */
  readonly writableLength?: number;
  /** Node streams: a destroyed sink never drains, so the scrape stops instead of waiting forever. */
  readonly destroyed?: boolean;
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

/** Large enough that a 150k-pod scrape is a few thousand writes, small enough to stream promptly. */
const CHUNK_SIZE = 256 * 1024;
const EOF_LINE = Buffer.from('# EOF\n');
/** Slices at least this big are handed to the sink directly instead of being copied into a chunk. */
const DIRECT_WRITE_MIN = 32 * 1024;
/**
 * How far a scrape may run ahead of a slow reader. Waiting for `drain` after every chunk costs an
 * event-loop round trip per 256 KiB; a few MiB of slack keeps memory bounded without that.
 */
const MAX_BUFFERED = 8 * 1024 * 1024;

/** Accumulates byte ranges into fixed-size chunks and hands full chunks to the sink. */
class ChunkedOutput {
  readonly #sink: ByteSink;
  #chunk = Buffer.allocUnsafe(CHUNK_SIZE);
  #used = 0;
  #blocked = false;
  #aborted = false;

  constructor(sink: ByteSink) {
    this.#sink = sink;
  }

  /** True when the sink asked us to wait for `drain`. */
  get blocked(): boolean {
    return this.#blocked;
  }

  push(bytes: Buffer, start: number, end: number): void {
    const len = end - start;
    if (len >= DIRECT_WRITE_MIN) {
      // Big slices (whole families) go out as they are: cached bytes are immutable, no copy needed.
      this.flush();
      this.#send(bytes.subarray(start, end));
      return;
    }
    if (this.#used + len > CHUNK_SIZE) this.flush();
    bytes.copy(this.#chunk, this.#used, start, end);
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
    if (this.#aborted) return;
    if (this.#sink.destroyed) {
      this.#aborted = true;
      return;
    }
    if (this.#sink.write(chunk)) return;
    const queued = this.#sink.writableLength;
    if (queued === undefined || queued >= MAX_BUFFERED) this.#blocked = true;
  }

  /** True once the sink was closed: the rest of the scrape is dropped (the snapshot is released). */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Waits for `drain` once the sink is over its limit, or until the sink closes. */
  async drain(): Promise<void> {
    if (!this.#blocked) return;
    const sink = this.#sink;
    if (sink.destroyed) {
      this.#aborted = true;
      return;
    }
    await new Promise<void>((resolve) => {
      const onDrain = () => {
        sink.removeListener?.('close', onClose);
        resolve();
      };
      const onClose = () => {
        sink.removeListener?.('drain', onDrain);
        this.#aborted = true;
        resolve();
      };
      sink.once('drain', onDrain);
      sink.once('close', onClose);
    });
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

/** One resource's part of a scrape: per family, its header (null when deduplicated) and its bytes per store. */
interface ScrapeSection {
  headers: (Buffer | null)[];
  /** `families[i][storeIndex]`. */
  families: FamilySnapshot[][];
}

/** A scrape whose content is fixed: its exact size is known before a byte is written. */
export interface PreparedScrape {
  /** Exact body size in bytes, e.g. for `Content-Length` (which spares clients chunked decoding). */
  readonly byteLength: number;
  /** Streams the body; call once. Resolves when everything was handed to the sink, or it closed. */
  writeTo(sink: ByteSink): Promise<void>;
}

/**
 * Snapshots the selected writers. Stores never rewrite bytes they have handed out, so the
 * snapshot stays valid (and consistent) however long the client takes to read it.
 */
export function prepareScrape(writers: readonly MetricsWriter[], options: WriteMetricsOptions): PreparedScrape {
  const sections: ScrapeSection[] = [];
  // A family name declared by two writers (possible with custom resources) gets one header.
  const headerWritten = new Set<string>();
  let byteLength = options.openMetrics ? EOF_LINE.length : 0;
  for (const writer of selectWriters(writers, options)) {
    const first = writer.stores[0];
    if (!first || !writer.stores.some((s) => s.size > 0)) continue;
    const headers = first.families.map((f, i) => {
      if (headerWritten.has(f.name)) return null;
      headerWritten.add(f.name);
      const header = (options.openMetrics ? first.openMetricsHeaders : first.textHeaders)[i]!;
      byteLength += header.length;
      return header;
    });
    const families = first.families.map((_, i) =>
      writer.stores.map((store) => {
        const slices = store.snapshotFamily(i);
        for (const b of slices) byteLength += b.length;
        return slices;
      }),
    );
    sections.push({ headers, families });
  }
  return { byteLength, writeTo: (sink) => writeSections(sink, sections, options.openMetrics) };
}

async function writeSections(sink: ByteSink, sections: readonly ScrapeSection[], openMetrics: boolean): Promise<void> {
  const out = new ChunkedOutput(sink);
  for (const { headers, families } of sections) {
    for (let i = 0; i < headers.length; i++) {
      const header = headers[i];
      if (header) out.push(header, 0, header.length);
      for (const slices of families[i]!) {
        for (const b of slices) {
          out.push(b, 0, b.length);
          if (out.blocked) await out.drain();
          if (out.aborted) return;
        }
      }
    }
  }
  if (openMetrics) out.push(EOF_LINE, 0, EOF_LINE.length);
  out.flush();
  await out.drain();
}

/** Writes one scrape body to `sink`; the caller sets headers and ends the response. */
export function writeMetrics(
  sink: ByteSink,
  writers: readonly MetricsWriter[],
  options: WriteMetricsOptions,
): Promise<void> {
  return prepareScrape(writers, options).writeTo(sink);
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
