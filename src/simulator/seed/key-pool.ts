/**
 * A set of object keys that supports O(1) add, remove and uniform random pick, kept current
 * from ClusterState events. Churn draws its victims from these pools instead of listing (and
 * sorting) 150,000 pods on every event.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Random } from '../../shared/random.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';

export class KeyPool {
  readonly #keys: string[] = [];
  readonly #positions = new Map<string, number>();

  get size(): number {
    return this.#keys.length;
  }

  add(key: string): void {
    if (this.#positions.has(key)) return;
    this.#positions.set(key, this.#keys.length);
    this.#keys.push(key);
  }

  remove(key: string): void {
    const at = this.#positions.get(key);
    if (at === undefined) return;
    const last = this.#keys.pop() as string;
    this.#positions.delete(key);
    if (last !== key) {
      this.#keys[at] = last;
      this.#positions.set(last, at);
    }
  }

  pick(rnd: Random): string | undefined {
    if (this.#keys.length === 0) return undefined;
    return this.#keys[Math.floor(rnd.next() * this.#keys.length)];
  }
}

export function objectKeyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function splitKey(key: string): [string | undefined, string] {
  const slash = key.indexOf('/');
  const ns = key.slice(0, slash);
  return [ns === '' ? undefined : ns, key.slice(slash + 1)];
}

/**
 * A pool of the objects of one kind accepted by `filter`, filled from the current state and
 * kept current by a subscription. Returns the pool and its unsubscribe function.
 */
export function watchPool(
  state: ClusterState,
  apiVersion: string,
  kind: string,
  filter: (obj: KubeObject) => boolean,
): { pool: KeyPool; stop(): void } {
  const pool = new KeyPool();
  for (const obj of state.list(apiVersion, kind)) {
    try {
      if (filter(obj)) pool.add(objectKeyOf(obj));
    } catch {
      // See below: skipped.
    }
  }
  const stop = state.subscribe(apiVersion, kind, (c) => {
    const key = objectKeyOf(c.object);
    let keep = false;
    try {
      keep = c.type !== 'DELETED' && filter(c.object);
    } catch {
      // An object of unexpected shape is simply not a churn candidate.
    }
    if (keep) pool.add(key);
    else pool.remove(key);
  });
  return { pool, stop };
}
