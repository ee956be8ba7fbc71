/**
 * A de-duplicating work queue, as client-go's workqueue is used by controllers: state-change
 * listeners only enqueue keys, and keys are processed later on their own turn of the event loop.
 * That keeps reconciles out of `ClusterState.subscribe` callbacks (no re-entrancy: a reconcile
 * that creates pods never runs inside the pod event it causes) and folds bursts of events about
 * one object into one reconcile.
 */

export interface WorkQueueOptions {
  /** Reconciles one key; an exception is reported to `onError` and the key is dropped. */
  process(key: string): void;
  onError(key: string, err: unknown): void;
  /** Keys processed per event-loop turn, so a large backlog never starves I/O (default 500). */
  batchSize?: number;
}

export class WorkQueue {
  readonly #pending = new Set<string>();
  readonly #options: WorkQueueOptions;
  #scheduled: NodeJS.Immediate | undefined;
  #stopped = false;
  #idleWaiters: (() => void)[] = [];

  constructor(options: WorkQueueOptions) {
    this.#options = options;
  }

  add(key: string): void {
    if (this.#stopped) return;
    this.#pending.add(key);
    this.#schedule();
  }

  get length(): number {
    return this.#pending.size;
  }

  /** Resolves once the queue is empty (at once when it already is). */
  whenIdle(): Promise<void> {
    if (this.#pending.size === 0 && !this.#scheduled) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stop(): void {
    this.#stopped = true;
    this.#pending.clear();
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    this.#notifyIdle();
  }

  #schedule(): void {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = setImmediate(() => this.#drain());
  }

  #drain(): void {
    this.#scheduled = undefined;
    const batch = this.#options.batchSize ?? 500;
    let done = 0;
    for (const key of this.#pending) {
      if (done++ >= batch || this.#stopped) break;
      this.#pending.delete(key);
      try {
        this.#options.process(key);
      } catch (err) {
        this.#options.onError(key, err);
      }
    }
    if (this.#pending.size > 0) this.#schedule();
    else this.#notifyIdle();
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }
}
