import type { KubeObject } from './object.ts';
import { objectKey } from './object.ts';

/**
 * A relist fed page by page, so a paged LIST never holds every object at once: `add` each listed
 * object as its page arrives; `restart` when the list starts over (an expired continue token);
 * `commit` when the list is complete, which drops whatever the list did not name. A session that
 * is abandoned (list error) leaves the objects added so far, each a real state of its object.
 */
export interface ReplaceSession {
  add(obj: KubeObject): void;
  restart(): void;
  commit(resourceVersion: string): void;
}

/** What a reflector feeds: the client-go `Store` contract on plain JSON objects. */
export interface ReflectorStore {
  /** The full current set after a (re)list; whatever the store holds that is not in it is gone. */
  replace(objects: KubeObject[], resourceVersion: string): void;
  /** Optional streaming form of `replace`; stores without it get `replace` with the whole list. */
  beginReplace?(): ReplaceSession;
  add(obj: KubeObject): void;
  update(obj: KubeObject, old?: KubeObject): void;
  delete(obj: KubeObject): void;
}

export interface CacheListener {
  onAdd?(obj: KubeObject): void;
  onUpdate?(obj: KubeObject, old: KubeObject): void;
  onDelete?(obj: KubeObject): void;
}

export type KeyFunc = (obj: KubeObject) => string;

/** UID when present (stable across delete-and-recreate of the same name), else `namespace/name`. */
export const uidKey: KeyFunc = (obj) => obj.metadata?.uid || objectKey(obj);

/**
 * An in-memory object cache fed by a reflector. It turns a relist into the add/update/delete
 * events the relist implies, so consumers see the same event stream whether a change arrived by
 * watch or was discovered after a 410. Unchanged objects (same resourceVersion) are not reported.
 */
export class ReflectorCache implements ReflectorStore {
  readonly #items = new Map<string, KubeObject>();
  readonly #key: KeyFunc;
  readonly #listener: CacheListener;
  #resourceVersion = '';

  constructor(options: { key?: KeyFunc; listener?: CacheListener } = {}) {
    this.#key = options.key ?? uidKey;
    this.#listener = options.listener ?? {};
  }

  get size(): number {
    return this.#items.size;
  }

  /** The resourceVersion of the last relist. */
  get resourceVersion(): string {
    return this.#resourceVersion;
  }

  get(key: string): KubeObject | undefined {
    return this.#items.get(key);
  }

  list(): KubeObject[] {
    return [...this.#items.values()];
  }

  replace(objects: KubeObject[], resourceVersion: string): void {
    this.#resourceVersion = resourceVersion;
    const seen = new Set<string>();
    for (const obj of objects) {
      const key = this.#key(obj);
      seen.add(key);
      this.#upsert(key, obj);
    }
    for (const [key, old] of this.#items) {
      if (seen.has(key)) continue;
      this.#items.delete(key);
      this.#listener.onDelete?.(old);
    }
  }

  add(obj: KubeObject): void {
    this.#upsert(this.#key(obj), obj);
  }

  update(obj: KubeObject): void {
    this.#upsert(this.#key(obj), obj);
  }

  delete(obj: KubeObject): void {
    const key = this.#key(obj);
    const old = this.#items.get(key);
    if (!old) return;
    this.#items.delete(key);
    this.#listener.onDelete?.(obj);
  }

  #upsert(key: string, obj: KubeObject): void {
    const old = this.#items.get(key);
    this.#items.set(key, obj);
    if (!old) this.#listener.onAdd?.(obj);
    else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion || !obj.metadata?.resourceVersion) {
      this.#listener.onUpdate?.(obj, old);
    }
  }
}
