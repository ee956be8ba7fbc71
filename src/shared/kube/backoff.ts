/**
 * Exponential backoff with jitter, shaped like client-go's reflector backoff (800 ms doubling to
 * 30 s, each delay stretched by up to 100 % at random, reset after a quiet period) so that many
 * clients failing together do not retry in lockstep.
 */
export interface Clock {
  /** ms since epoch */
  now(): number;
  /** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface BackoffOptions {
  /** First delay, ms. */
  initialMs?: number;
  /** Cap on the un-jittered delay, ms. */
  maxMs?: number;
  factor?: number;
  /** Each delay d becomes d + random() * jitter * d. */
  jitter?: number;
  /** After this long without a failure the next delay starts from `initialMs` again, ms. */
  resetAfterMs?: number;
  clock?: Clock;
  random?: () => number;
}

export class Backoff {
  readonly #initial: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #jitter: number;
  readonly #resetAfter: number;
  readonly #clock: Clock;
  readonly #random: () => number;
  #current = 0;
  #lastFailure = Number.NEGATIVE_INFINITY;

  constructor(options: BackoffOptions = {}) {
    this.#initial = options.initialMs ?? 800;
    this.#max = options.maxMs ?? 30_000;
    this.#factor = options.factor ?? 2;
    this.#jitter = options.jitter ?? 1;
    this.#resetAfter = options.resetAfterMs ?? 120_000;
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? Math.random;
    if (!(this.#initial > 0) || !(this.#max >= this.#initial)) {
      throw new Error(`backoff: need 0 < initialMs <= maxMs, got ${this.#initial} and ${this.#max}`);
    }
  }

  /** The delay before the next attempt, ms; each call counts as one failure. */
  next(): number {
    const now = this.#clock.now();
    if (this.#current === 0 || now - this.#lastFailure >= this.#resetAfter) this.#current = this.#initial;
    else this.#current = Math.min(this.#current * this.#factor, this.#max);
    this.#lastFailure = now;
    return Math.round(this.#current + this.#random() * this.#jitter * this.#current);
  }

  reset(): void {
    this.#current = 0;
  }
}
