/**
 * The simulator's storage: every object in memory, one global increasing resourceVersion, a
 * bounded change history for watches, and the ClusterState view for in-process actors.
 *
 * Layout: one bucket per storage key (`group/resource`), holding a map per namespace keyed by
 * name, so gets, namespace lists and writes never scan other objects. Each object's JSON is
 * computed once per write. The sorted view of a bucket is cached until the next write to it.
 */
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ChangeType, ClusterChange, ClusterState } from './cluster-state.ts';
import { applyCreateDefaults, ClusterIpAllocator } from './create-defaults.ts';
import { ApiError, alreadyExists, conflict, expired, MODIFIED_CONFLICT, notFound } from './errors.ts';
import { defaultObjects, rootCaConfigMap } from './initial-objects.ts';
import { ResourceRegistry, storageKey } from './resource-registry.ts';
import { groupVersion, type ResourceType } from './resource-types.ts';
import { type HistoryEvent, rebuildSnapshot, type StoredEntry, StoreHistory, sortEntries } from './store-history.ts';
import { validateMetadata } from './validation.ts';

export interface ObjectStoreOptions {
  /** Events kept for watches that resume from an older resourceVersion (default 5000). */
  watchHistory?: number;
  /** PEM put in every namespace's `kube-root-ca.crt` ConfigMap under `ca.crt`. */
  rootCaPem?: string;
  registry?: ResourceRegistry;
  /** Clock for timestamps, ms since epoch (tests inject one). */
  now?: () => number;
}

export interface DeleteOptions {
  /** Check everything, change nothing (`dryRun=All`). */
  dryRun?: boolean;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
}

export type StoreListener = (event: HistoryEvent) => void;

interface Bucket {
  readonly byNs: Map<string, Map<string, StoredEntry>>;
  size: number;
  sorted: StoredEntry[] | undefined;
  /** rv of the newest change to this bucket, to reuse the current view for old continue tokens. */
  lastChangeRv: number;
}

const GENERATE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function spec(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}

function ownerUids(obj: KubeObject | undefined): string[] {
  return (obj?.metadata.ownerReferences ?? []).map((o) => o?.uid).filter((u): u is string => typeof u === 'string');
}

export class ObjectStore implements ClusterState {
  readonly registry: ResourceRegistry;
  readonly history: StoreHistory;
  readonly #buckets = new Map<string, Bucket>();
  readonly #listeners = new Map<string, Set<StoreListener>>();
  /** owner uid -> `storage\0namespace\0name` of its dependents, for cascading deletes. */
  readonly #dependents = new Map<string, Set<string>>();
  readonly #snapshots = new Map<string, StoredEntry[]>();
  readonly #now: () => number;
  readonly #rootCaPem: string;
  #rv = 1;
  readonly #clusterIps = new ClusterIpAllocator();

  constructor(options: ObjectStoreOptions = {}) {
    this.registry = options.registry ?? new ResourceRegistry();
    this.#now = options.now ?? Date.now;
    this.#rootCaPem = options.rootCaPem ?? '';
    this.history = new StoreHistory(options.watchHistory ?? 5000, this.#rv);
    for (const obj of defaultObjects()) this.create(obj);
  }

  // ---- typed API (used by the REST handler) ----

  #bucket(storage: string): Bucket {
    let b = this.#buckets.get(storage);
    if (!b) {
      b = { byNs: new Map(), size: 0, sorted: undefined, lastChangeRv: 0 };
      this.#buckets.set(storage, b);
    }
    return b;
  }

  currentRv(): number {
    return this.#rv;
  }

  getEntry(t: ResourceType, namespace: string | undefined, name: string): StoredEntry | undefined {
    return this.#buckets
      .get(storageKey(t))
      ?.byNs.get(t.namespaced ? (namespace ?? '') : '')
      ?.get(name);
  }

  /** Number of objects of the type (in the namespace when given). */
  count(t: ResourceType, namespace?: string): number {
    const b = this.#buckets.get(storageKey(t));
    if (!b) return 0;
    return namespace === undefined ? b.size : (b.byNs.get(namespace)?.size ?? 0);
  }

  /** Current objects sorted by key, shared (do not mutate the array). */
  sorted(t: ResourceType, namespace?: string): StoredEntry[] {
    const b = this.#buckets.get(storageKey(t));
    if (!b) return [];
    if (namespace !== undefined && t.namespaced) return sortEntries([...(b.byNs.get(namespace)?.values() ?? [])]);
    if (!b.sorted) {
      const all: StoredEntry[] = [];
      for (const m of b.byNs.values()) for (const e of m.values()) all.push(e);
      b.sorted = sortEntries(all);
    }
    return b.sorted;
  }

  /**
   * The sorted objects as of `rv`, for the pages after the first of a paginated list. Throws 410
   * Expired when history no longer reaches back to `rv`.
   */
  sortedAt(t: ResourceType, namespace: string | undefined, rv: number): StoredEntry[] {
    const storage = storageKey(t);
    const ns = t.namespaced ? namespace : undefined;
    const cacheKey = `${storage}\0${ns ?? ''}\0${rv}`;
    const cached = this.#snapshots.get(cacheKey);
    if (cached) return cached;
    const b = this.#buckets.get(storage);
    let snap: StoredEntry[];
    if (!b || b.lastChangeRv <= rv) {
      snap = this.sorted(t, ns);
    } else if (rv < this.history.compactedRv) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
    } else {
      const current = ns === undefined ? this.sorted(t) : this.sorted(t, ns);
      snap = rebuildSnapshot(current, this.history, storage, ns, rv);
    }
    this.rememberSnapshot(cacheKey, snap);
    return snap;
  }

  /** Keeps a list snapshot so later pages of the same list are served from it (a few are kept). */
  rememberSnapshot(cacheKey: string, snap: StoredEntry[]): void {
    this.#snapshots.delete(cacheKey);
    this.#snapshots.set(cacheKey, snap);
    while (this.#snapshots.size > 8) this.#snapshots.delete(this.#snapshots.keys().next().value!);
  }

  /** Registers for every committed change to the storage key; returns an unsubscribe function. */
  onEvent(storage: string, listener: StoreListener): () => void {
    let set = this.#listeners.get(storage);
    if (!set) {
      set = new Set();
      this.#listeners.set(storage, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Forgets all history but the newest `keep` events: watches and continue tokens before it get 410. */
  compact(keep = 0): void {
    this.history.compact(keep, this.#rv);
    this.#snapshots.clear();
  }

  #typeOf(obj: KubeObject): ResourceType {
    const t = this.registry.byKind(obj.apiVersion ?? '', obj.kind ?? '');
    if (!t) throw new ApiError(404, 'NotFound', `no kind "${obj.kind}" is registered for version "${obj.apiVersion}"`);
    return t;
  }

  #entry(t: ResourceType, obj: KubeObject, rv: number): StoredEntry {
    const { apiVersion: _a, kind: _k, metadata, ...rest } = obj;
    metadata.resourceVersion = String(rv);
    const stored: KubeObject = { apiVersion: groupVersion(t), kind: t.kind, metadata, ...rest };
    const key = t.namespaced ? `${metadata.namespace}/${metadata.name}` : (metadata.name ?? '');
    return { obj: stored, json: JSON.stringify(stored), rv, key };
  }

  #commit(t: ResourceType, type: ChangeType, entry: StoredEntry, prev?: StoredEntry): void {
    const storage = storageKey(t);
    const b = this.#bucket(storage);
    const ns = t.namespaced ? (entry.obj.metadata.namespace ?? '') : '';
    const name = entry.obj.metadata.name ?? '';
    let m = b.byNs.get(ns);
    if (type === 'DELETED') {
      m?.delete(name);
      if (m?.size === 0) b.byNs.delete(ns);
      b.size--;
    } else {
      if (!m) {
        m = new Map();
        b.byNs.set(ns, m);
      }
      if (type === 'ADDED') b.size++;
      m.set(name, entry);
    }
    b.sorted = undefined;
    b.lastChangeRv = entry.rv;
    const ref = `${storage}\0${ns}\0${name}`;
    for (const uid of ownerUids(prev?.obj)) this.#dependents.get(uid)?.delete(ref);
    if (type !== 'DELETED') {
      for (const uid of ownerUids(entry.obj)) {
        let s = this.#dependents.get(uid);
        if (!s) {
          s = new Set();
          this.#dependents.set(uid, s);
        }
        s.add(ref);
      }
    }
    const event: HistoryEvent = { rv: entry.rv, storage, type, entry, ...(prev ? { prev } : {}) };
    this.history.append(event);
    const listeners = this.#listeners.get(storage);
    if (listeners) {
      for (const l of [...listeners]) {
        try {
          l(event);
        } catch {
          // Listeners must not throw; one that does loses this event rather than the store its state.
        }
      }
    }
  }

  #generateName(t: ResourceType, ns: string | undefined, prefix: string): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += GENERATE_CHARS[Math.floor(Math.random() * GENERATE_CHARS.length)];
      const name = prefix + suffix;
      if (!this.getEntry(t, ns, name)) return name;
    }
    throw new ApiError(500, 'InternalError', `could not generate a unique name from "${prefix}"`);
  }

  /**
   * Creates an object of type `t`. Fixture convenience: keeps `uid`, `creationTimestamp`,
   * `deletionTimestamp`, `generation` and `status` when given, and fills them when absent.
   * The store takes ownership of `obj` (it is not copied).
   */
  createTyped(t: ResourceType, obj: KubeObject, dryRun = false): StoredEntry {
    const meta = obj.metadata;
    if (!t.namespaced) delete meta.namespace;
    const ns = t.namespaced ? meta.namespace : undefined;
    if (!meta.name && typeof meta.generateName === 'string' && meta.generateName) {
      meta.name = this.#generateName(t, ns, meta.generateName);
    }
    validateMetadata(t, obj);
    const name = meta.name!;
    if (t.namespaced && !(t.group === '' && t.resource === 'namespaces')) {
      const nsType = this.registry.get('', 'v1', 'namespaces')!;
      if (!this.getEntry(nsType, undefined, ns!)) throw notFound(nsType, ns!);
    }
    if (this.getEntry(t, ns, name)) throw alreadyExists(t, name);
    if (typeof meta.uid !== 'string' || !meta.uid) meta.uid = randomUUID();
    if (typeof meta.creationTimestamp !== 'string' || !meta.creationTimestamp) {
      meta.creationTimestamp = rfc3339(this.#now());
    }
    if (typeof meta.generation !== 'number' && obj.spec !== undefined) meta.generation = 1;
    applyCreateDefaults(t, obj, this.#clusterIps);
    if (t.group === '' && t.resource === 'namespaces') {
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status ??= { phase: 'Active' };
    }
    if (dryRun) return this.#entry(t, obj, this.#rv);
    const entry = this.#entry(t, obj, ++this.#rv);
    this.#commit(t, 'ADDED', entry);
    if (t.group === '' && t.resource === 'namespaces') this.#afterNamespaceCreated(name);
    return entry;
  }

  #afterNamespaceCreated(ns: string): void {
    const cmType = this.registry.get('', 'v1', 'configmaps')!;
    if (!this.getEntry(cmType, ns, 'kube-root-ca.crt')) this.createTyped(cmType, rootCaConfigMap(ns, this.#rootCaPem));
  }

  /**
   * Replaces an existing object. `mode` 'main' keeps the stored status for types with a status
   * subresource (PUT semantics), 'status' changes only status, 'all' replaces everything (in-process).
   */
  updateTyped(t: ResourceType, obj: KubeObject, mode: 'main' | 'status' | 'all' = 'main', dryRun = false): StoredEntry {
    const meta = obj.metadata;
    const ns = t.namespaced ? meta.namespace : undefined;
    const name = meta.name ?? '';
    const prev = this.getEntry(t, ns, name);
    if (!prev) throw notFound(t, name);
    if (
      meta.resourceVersion !== undefined &&
      meta.resourceVersion !== '' &&
      meta.resourceVersion !== prev.obj.metadata.resourceVersion
    ) {
      throw conflict(t, name, MODIFIED_CONFLICT);
    }
    const old = prev.obj;
    let next: KubeObject;
    if (mode === 'status') {
      next = { ...old, metadata: { ...old.metadata }, status: obj.status };
    } else {
      next = { ...obj, metadata: { ...meta } };
      if (mode === 'main' && t.subresources.includes('status')) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      validateMetadata(t, next);
    }
    const m = next.metadata;
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    if (t.namespaced) m.namespace = old.metadata.namespace;
    else delete m.namespace;
    if (old.metadata.deletionTimestamp) m.deletionTimestamp = old.metadata.deletionTimestamp;
    if (typeof old.metadata.generation === 'number') {
      m.generation =
        mode !== 'status' && spec(next) !== spec(old) ? old.metadata.generation + 1 : old.metadata.generation;
    }
    if (dryRun) return this.#entry(t, next, this.#rv);
    const entry = this.#entry(t, next, ++this.#rv);
    this.#commit(t, 'MODIFIED', entry, prev);
    if (m.deletionTimestamp && (m.finalizers ?? []).length === 0) return this.#remove(t, entry, 'Background');
    return entry;
  }

  /**
   * Deletes an object. With finalizers it only gets a deletionTimestamp (MODIFIED); otherwise it
   * is removed at once (no graceful termination is modelled) and, unless the policy is Orphan,
   * its dependents (by ownerReferences uid) are deleted too.
   */
  deleteTyped(t: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): StoredEntry {
    const prev = this.getEntry(t, namespace, name);
    if (!prev) throw notFound(t, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== prev.obj.metadata.uid) {
      throw conflict(
        t,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${prev.obj.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== prev.obj.metadata.resourceVersion) {
      throw conflict(
        t,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${prev.obj.metadata.resourceVersion}`,
      );
    }
    if (options.dryRun) return prev;
    if ((prev.obj.metadata.finalizers ?? []).length > 0) {
      if (prev.obj.metadata.deletionTimestamp) return prev;
      const next: KubeObject = {
        ...prev.obj,
        metadata: { ...prev.obj.metadata, deletionTimestamp: rfc3339(this.#now()), deletionGracePeriodSeconds: 0 },
      };
      const entry = this.#entry(t, next, ++this.#rv);
      this.#commit(t, 'MODIFIED', entry, prev);
      return entry;
    }
    return this.#remove(t, prev, options.propagationPolicy ?? 'Background');
  }

  #remove(t: ResourceType, prev: StoredEntry, policy: NonNullable<DeleteOptions['propagationPolicy']>): StoredEntry {
    const gone: KubeObject = { ...prev.obj, metadata: { ...prev.obj.metadata } };
    const entry = this.#entry(t, gone, ++this.#rv);
    this.#commit(t, 'DELETED', entry, prev);
    if (t.group === '' && t.resource === 'namespaces') this.#emptyNamespace(gone.metadata.name ?? '');
    const uid = gone.metadata.uid;
    const deps = uid ? this.#dependents.get(uid) : undefined;
    if (uid) this.#dependents.delete(uid);
    if (deps && policy !== 'Orphan') {
      for (const ref of deps) {
        const [storage, ns, name] = ref.split('\0') as [string, string, string];
        const dt = this.#typeByStorage(storage);
        if (dt && this.getEntry(dt, ns, name))
          this.deleteTyped(dt, ns || undefined, name, { propagationPolicy: policy });
      }
    }
    return entry;
  }

  #typeByStorage(storage: string): ResourceType | undefined {
    for (const t of this.registry.all()) if (storageKey(t) === storage) return t;
    return undefined;
  }

  #emptyNamespace(ns: string): void {
    for (const t of this.registry.all()) {
      if (!t.namespaced || t.virtual) continue;
      const b = this.#buckets.get(storageKey(t));
      const m = b?.byNs.get(ns);
      if (!m) continue;
      for (const e of [...m.values()]) {
        if (this.getEntry(t, ns, e.obj.metadata.name ?? '')) {
          this.#remove(t, this.getEntry(t, ns, e.obj.metadata.name ?? '')!, 'Background');
        }
      }
    }
  }

  /** Deletes every object of a type (used when a CRD goes away). */
  dropAll(t: ResourceType): void {
    for (const e of [...this.sorted(t)]) {
      const cur = this.getEntry(t, e.obj.metadata.namespace, e.obj.metadata.name ?? '');
      if (cur) this.#remove(t, cur, 'Background');
    }
  }

  // ---- ClusterState ----

  create(obj: KubeObject): KubeObject {
    return this.createTyped(this.#typeOf(obj), { ...obj, metadata: { ...obj.metadata } }).obj;
  }

  update(obj: KubeObject): KubeObject {
    return this.updateTyped(this.#typeOf(obj), { ...obj, metadata: { ...obj.metadata } }, 'all').obj;
  }

  updateStatus(obj: KubeObject): KubeObject {
    return this.updateTyped(this.#typeOf(obj), { ...obj, metadata: { ...obj.metadata } }, 'status').obj;
  }

  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const t = this.#typeOf({ apiVersion, kind, metadata: {} });
    const prev = this.getEntry(t, namespace, name);
    if (!prev) return undefined;
    const { finalizers: _f, ...meta } = prev.obj.metadata;
    if ((prev.obj.metadata.finalizers ?? []).length > 0) {
      // In-process deletes are immediate: drop finalizers rather than leave the object Terminating.
      const stripped = this.#entry(t, { ...prev.obj, metadata: meta }, ++this.#rv);
      this.#commit(t, 'MODIFIED', stripped, prev);
      return this.#remove(t, stripped, 'Background').obj;
    }
    return this.#remove(t, prev, 'Background').obj;
  }

  /** A copy of the stored object: callers may mutate it and pass it to `update`. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const e = this.getEntry(this.#typeOf({ apiVersion, kind, metadata: {} }), namespace, name);
    return e ? (JSON.parse(e.json) as KubeObject) : undefined;
  }

  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const t = this.#typeOf({ apiVersion, kind, metadata: {} });
    const b = this.#buckets.get(storageKey(t));
    if (!b) return [];
    const out: KubeObject[] = [];
    if (namespace !== undefined && t.namespaced) {
      for (const e of b.byNs.get(namespace)?.values() ?? []) out.push(e.obj);
    } else {
      for (const m of b.byNs.values()) for (const e of m.values()) out.push(e.obj);
    }
    return out;
  }

  subscribe(apiVersion: string, kind: string, listener: (change: ClusterChange) => void): () => void {
    const t = this.#typeOf({ apiVersion, kind, metadata: {} });
    return this.onEvent(storageKey(t), (e) => {
      listener({
        type: e.type,
        object: e.entry.obj,
        ...(e.type === 'MODIFIED' && e.prev ? { previous: e.prev.obj } : {}),
      });
    });
  }

  resourceVersion(): string {
    return String(this.#rv);
  }
}
