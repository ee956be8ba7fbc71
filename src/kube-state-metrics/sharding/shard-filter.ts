/**
 * Applies a static shard to what the reflector sees, as upstream's sharding ListerWatcher does:
 * list items and ADDED/MODIFIED/DELETED events are kept only when their UID hashes to this shard;
 * BOOKMARK and ERROR events pass through; an unknown event type becomes an ERROR event so that
 * the reflector restarts instead of acting on something it does not understand.
 */
import type { KubeObject, Status, WatchEvent } from '../../shared/kube/object.ts';
import { shouldKeep } from './shard-hash.ts';

export interface ShardConfig {
  /** Zero-based ordinal of this instance. */
  shard: number;
  /** Number of instances; `shard 0 of 1` disables filtering. */
  totalShards: number;
}

/** Whether filtering is active at all (upstream skips the wrapper for shard 0 of 1). */
export function isSharded(config: ShardConfig): boolean {
  return !(config.shard === 0 && config.totalShards === 1);
}

function keeps(obj: unknown, config: ShardConfig): boolean {
  const uid = (obj as KubeObject | null)?.metadata?.uid;
  return shouldKeep(typeof uid === 'string' ? uid : '', config.shard, config.totalShards);
}

/** The list items this shard keeps (the list's resourceVersion and continue token are the caller's). */
export function filterListItems<T extends KubeObject>(items: readonly T[], config: ShardConfig): T[] {
  if (!isSharded(config)) return [...items];
  return items.filter((o) => keeps(o, config));
}

/** The event to deliver, or `undefined` when it belongs to another shard. */
export function filterWatchEvent<T extends KubeObject>(
  event: WatchEvent<T | Status>,
  config: ShardConfig,
): WatchEvent<T | Status> | undefined {
  switch (event.type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      return !isSharded(config) || keeps(event.object, config) ? event : undefined;
    case 'BOOKMARK':
    case 'ERROR':
      return event;
    default: {
      const status: Status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `unexpected watch event type ${JSON.stringify((event as { type: unknown }).type)}`,
        reason: 'InternalError',
        code: 500,
      };
      return { type: 'ERROR', object: status };
    }
  }
}
