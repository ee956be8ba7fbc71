/**
 * The bounded log of committed changes, in resourceVersion order, that watches resume from and
 * continue tokens rebuild old snapshots with. Like etcd after compaction, anything older than the
 * retained window is gone: callers answer 410 Expired.
 */

import type { KubeObject } from '../../shared/kube/object.ts';
import type { ChangeType } from './cluster-state.ts';

/** One stored object with its serialized form, computed once per write and shared by every reader. */
export interface StoredEntry {
  readonly obj: KubeObject;
  /** `JSON.stringify(obj)`, reused by lists, gets and watch events. */
  readonly json: string;
  /** The object's resourceVersion as an integer. */
  readonly rv: number;
  /** `namespace/name` (`name` when cluster-scoped): the etcd-like sort key. */
  readonly key: string;
}

export interface HistoryEvent {
  /** The resourceVersion this change committed at. */
  rv: number;
  /** storageKey of the type (`group/resource`). */
  storage: string;
  type: ChangeType;
  /** The object after the change (for DELETED: the last state, at this event's rv). */
  entry: StoredEntry;
  /** The object before a MODIFIED or DELETED change. */
  prev?: StoredEntry;
}

export class StoreHistory {
  readonly #capacity: number;
  readonly #ring: (HistoryEvent | undefined)[];
  #start = 0;
  #length = 0;
  /** Every change with rv <= compactedRv is forgotten. */
  #compactedRv: number;

  constructor(capacity: number, initialRv: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`watch history must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
    this.#ring = new Array(capacity);
    this.#compactedRv = initialRv;
  }

  get compactedRv(): number {
    return this.#compactedRv;
  }

  get size(): number {
    return this.#length;
  }

  append(e: HistoryEvent): void {
    if (this.#length === this.#capacity) {
      const dropped = this.#ring[this.#start]!;
      this.#compactedRv = dropped.rv;
      this.#ring[this.#start] = undefined;
      this.#start = (this.#start + 1) % this.#capacity;
      this.#length--;
    }
    this.#ring[(this.#start + this.#length) % this.#capacity] = e;
    this.#length++;
  }

  /** Forgets every event but the newest `keep` (0 = all), as etcd compaction does. */
  compact(keep = 0, currentRv = this.#compactedRv): void {
    while (this.#length > keep) {
      const dropped = this.#ring[this.#start]!;
      this.#compactedRv = dropped.rv;
      this.#ring[this.#start] = undefined;
      this.#start = (this.#start + 1) % this.#capacity;
      this.#length--;
    }
    if (this.#length === 0 && currentRv > this.#compactedRv) this.#compactedRv = currentRv;
  }

  #at(i: number): HistoryEvent {
    return this.#ring[(this.#start + i) % this.#capacity]!;
  }

  /** Events with rv > `afterRv`, oldest first. The caller checks `afterRv >= compactedRv` first. */
  *since(afterRv: number): Generator<HistoryEvent> {
    let lo = 0;
    let hi = this.#length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#at(mid).rv <= afterRv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#length; i++) yield this.#at(i);
  }
}

/** Sorts entries by key, byte-wise like etcd's key order. */
export function sortEntries(entries: StoredEntry[]): StoredEntry[] {
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The sorted content of one type (optionally one namespace) as it was at `rv`, rebuilt from the
 * current content by undoing every later change. The caller guarantees the history covers `rv`.
 */
export function rebuildSnapshot(
  current: Iterable<StoredEntry>,
  history: StoreHistory,
  storage: string,
  namespace: string | undefined,
  rv: number,
): StoredEntry[] {
  const byKey = new Map<string, StoredEntry>();
  for (const e of current) byKey.set(e.key, e);
  const later = [...history.since(rv)].filter(
    (e) => e.storage === storage && (namespace === undefined || e.entry.obj.metadata.namespace === namespace),
  );
  for (let i = later.length - 1; i >= 0; i--) {
    const e = later[i]!;
    if (e.type === 'ADDED') byKey.delete(e.entry.key);
    else if (e.prev) byKey.set(e.prev.key, e.prev);
  }
  return sortEntries([...byKey.values()]);
}
