/**
 * The scrape loop: a tick at once, then one every `--metric-resolution`. Each tick scrapes all
 * nodes (the scraper bounds it by the resolution), replaces the storage state and updates the
 * tick-duration and stored-points self-metrics. Ticks never overlap: a slow tick delays the next.
 */
import type { Logger } from '../../shared/logging/logger.ts';
import type { Scraper } from '../scraper/scraper.ts';
import type { MetricsServerMetrics } from '../scraper/self-metrics.ts';
import type { MetricsStorage } from '../storage/storage.ts';

export interface ManagerOptions {
  scraper: Pick<Scraper, 'scrape'>;
  storage: Pick<MetricsStorage, 'store' | 'pointCounts'>;
  resolutionMs: number;
  metrics?: Pick<MetricsServerMetrics, 'tickDuration' | 'storagePoints'>;
  logger?: Logger;
  now?: () => number;
}

export class Manager {
  readonly #o: ManagerOptions;
  readonly #now: () => number;
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  /** Start of the most recent tick, ms since epoch; undefined before the first. */
  lastTickStart: number | undefined;
  ticks = 0;

  constructor(options: ManagerOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    if (this.#running || this.#abort.signal.aborted) return;
    this.#running = this.#loop();
  }

  /** Runs one tick now (also what the loop does). */
  async tick(): Promise<void> {
    const start = this.#now();
    this.lastTickStart = start;
    const log = this.#o.logger;
    log?.v(6, 'Scraping metrics');
    try {
      const batch = await this.#o.scraper.scrape(this.#abort.signal);
      log?.v(6, 'Storing metrics');
      this.#o.storage.store(batch);
      const counts = this.#o.storage.pointCounts();
      this.#o.metrics?.storagePoints.set({ type: 'node' }, counts.node);
      this.#o.metrics?.storagePoints.set({ type: 'container' }, counts.container);
    } catch (err) {
      if (!this.#abort.signal.aborted) log?.error('Failed to scrape and store metrics', { err: err as Error });
    } finally {
      const seconds = (this.#now() - start) / 1000;
      this.#o.metrics?.tickDuration.observe(seconds);
      this.ticks++;
      log?.v(6, 'Scraping cycle complete', { duration: `${seconds}s` });
    }
  }

  async #loop(): Promise<void> {
    while (!this.#abort.signal.aborted) {
      const started = this.#now();
      await this.tick();
      if (this.#abort.signal.aborted) break;
      const wait = Math.max(0, this.#o.resolutionMs - (this.#now() - started));
      await new Promise<void>((resolve) => {
        const signal = this.#abort.signal;
        const onAbort = () => {
          clearTimeout(this.#timer);
          resolve();
        };
        this.#timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, wait);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  /**
   * `metric-collection-timely`: fails once a tick has started and none started for more than
   * 1.5 x the resolution since.
   */
  timelyProblem(): string | undefined {
    if (this.lastTickStart === undefined) return undefined;
    if (this.#now() - this.lastTickStart > 1.5 * this.#o.resolutionMs) return "metric collection didn't finish on time";
    return undefined;
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    clearTimeout(this.#timer);
    await this.#running;
  }
}
