/**
 * The metrics stores of one configuration and the reflectors that feed them: one reflector per
 * enabled resource, or per resource and namespace when `--namespaces` is set; field selectors go
 * to the server, the shard filter applies to list items and watch events. A new shard assignment
 * (auto-sharding) builds a whole new set; the old one keeps serving until the new one is started.
 */
import type { ListerWatcher } from '../../shared/kube/reflector.ts';
import { Reflector } from '../../shared/kube/reflector.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { ResourceDefinition } from '../metric/family.ts';
import { type BuiltWriter, buildWriters } from '../metrics-store/build-writers.ts';
import type { ResolvedOptions } from '../options/validate.ts';
import { isSharded, type ShardConfig } from '../sharding/shard-filter.ts';
import { shouldKeep } from '../sharding/shard-hash.ts';
import { goTypeName, type KsmTelemetry } from './telemetry.ts';

/** The collection path of a resource, optionally inside one namespace. */
export function collectionPath(def: Pick<ResourceDefinition, 'apiVersion' | 'resource'>, namespace = ''): string {
  const base = def.apiVersion.includes('/') ? `/apis/${def.apiVersion}` : `/api/${def.apiVersion}`;
  return namespace === ''
    ? `${base}/${def.resource}`
    : `${base}/namespaces/${encodeURIComponent(namespace)}/${def.resource}`;
}

/** The field selector one reflector sends: namespaced resources get the denylist, pods the node term too. */
export function fieldSelectorFor(def: ResourceDefinition, resolved: ResolvedOptions): string {
  if (!def.namespaced) return '';
  const terms = [resolved.namespacedFieldSelector];
  if (def.name === 'pods') terms.push(resolved.podFieldSelector);
  return terms.filter((t) => t !== '').join(',');
}

/**
 * `--object-limit`: each LIST asks for at most `limit` objects, keeps at most that many and drops
 * the continue token, so a resource never holds more than `limit` objects after a (re)list.
 */
export function limitedLister(client: ListerWatcher, limit: number, onList: (kept: number) => void): ListerWatcher {
  return {
    async list(path, options) {
      const { continue: _ignored, ...rest } = options;
      const page = await client.list(path, { ...rest, limit });
      const items = page.items.slice(0, limit);
      onList(items.length);
      const { continue: _dropped, remainingItemCount: _remaining, ...metadata } = page.metadata ?? {};
      return { ...page, items, metadata };
    },
    openWatch: (path, options) => client.openWatch(path, options),
  };
}

export interface StoreSetOptions {
  resolved: ResolvedOptions;
  client: ListerWatcher;
  shard: ShardConfig;
  telemetry?: KsmTelemetry;
  logger?: Logger;
}

export class StoreSet {
  readonly writers: BuiltWriter[];
  readonly shard: ShardConfig;
  readonly #reflectors: Reflector[] = [];
  /** Reflectors whose first LIST has either completed or failed at least once. */
  readonly #settled = new Set<Reflector>();
  #settleWaiters: (() => void)[] = [];
  #stopped = false;

  constructor(options: StoreSetOptions) {
    const { resolved, client, shard, telemetry, logger } = options;
    this.shard = shard;
    this.writers = buildWriters(resolved.resources, {
      filter: resolved.filter,
      allowLabels: resolved.allowLabels,
      allowAnnotations: resolved.allowAnnotations,
      namespaces: resolved.options.namespaces,
    });
    const filter = isSharded(shard)
      ? (obj: { metadata: { uid?: string } }) => shouldKeep(obj.metadata.uid ?? '', shard.shard, shard.totalShards)
      : undefined;
    for (const writer of this.writers) {
      const def = writer.definition;
      const typeName = goTypeName(def);
      const fieldSelector = fieldSelectorFor(def, resolved);
      const limit = resolved.options.objectLimit;
      const lister =
        limit > 0
          ? limitedLister(client, limit, (kept) => telemetry?.recordListObjects(typeName, kept, limit))
          : client;
      for (const [namespace, store] of writer.storesByNamespace) {
        const reflector: Reflector = new Reflector({
          client: lister,
          path: collectionPath(def, namespace),
          store,
          resource: typeName,
          ...(fieldSelector ? { fieldSelector } : {}),
          ...(resolved.options.useApiserverCache ? { useApiserverCache: true } : {}),
          ...(filter ? { filter } : {}),
          onList: (result) => {
            telemetry?.listTotal.inc({ resource: typeName, result });
            this.#settled.add(reflector);
            if (this.hasSettled()) for (const resolve of this.#settleWaiters.splice(0)) resolve();
          },
          onWatch: (result) => telemetry?.watchTotal.inc({ resource: typeName, result }),
          ...(logger ? { logger: logger.child({ resource: typeName, ...(namespace ? { namespace } : {}) }) } : {}),
        });
        this.#reflectors.push(reflector);
      }
    }
  }

  start(): void {
    for (const r of this.#reflectors) r.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const resolve of this.#settleWaiters.splice(0)) resolve();
    await Promise.all(this.#reflectors.map((r) => r.stop()));
  }

  /** Every reflector has synced. */
  hasSynced(): boolean {
    return this.#reflectors.every((r) => r.hasSynced());
  }

  /** Every reflector has synced or reported a list error (RBAC gaps must not block readiness forever). */
  hasSettled(): boolean {
    return this.#reflectors.every((r) => r.hasSynced() || this.#settled.has(r));
  }

  /** Resolves once `hasSettled()` holds, or the set was stopped. */
  whenSettled(): Promise<void> {
    if (this.#stopped || this.hasSettled()) return Promise.resolve();
    return new Promise((resolve) => this.#settleWaiters.push(resolve));
  }

  /** Resolves once every reflector has completed its first list. */
  async whenSynced(): Promise<void> {
    await Promise.all(this.#reflectors.map((r) => r.whenSynced()));
  }

  get reflectorCount(): number {
    return this.#reflectors.length;
  }
}
