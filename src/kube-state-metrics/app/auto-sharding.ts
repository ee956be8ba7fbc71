/**
 * StatefulSet auto-sharding (`--pod`, `--pod-namespace`): this pod's controlling apps/v1
 * StatefulSet gives the shard count (`spec.replicas`, default 1) and the pod name's ordinal suffix
 * gives the shard. The StatefulSet is then watched (by name) and every change of either value
 * reconfigures the stores.
 */
import type { KubeApiClient } from '../../shared/kube/api-client.ts';
import type { KubeObject } from '../../shared/kube/object.ts';
import { Reflector } from '../../shared/kube/reflector.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { ShardConfig } from '../sharding/shard-filter.ts';

interface StatefulSetLike extends KubeObject {
  spec?: { replicas?: unknown };
}

/** The shard settings a StatefulSet implies for one of its pods; throws naming both when the name does not fit. */
export function shardFromStatefulSet(ss: StatefulSetLike, podName: string): ShardConfig {
  const name = ss.metadata.name ?? '';
  const replicas = ss.spec?.replicas;
  const totalShards = typeof replicas === 'number' && Number.isInteger(replicas) ? replicas : 1;
  const suffix = podName.startsWith(`${name}-`) ? podName.slice(name.length + 1) : podName;
  if (!/^\d+$/.test(suffix) || Number(suffix) >= 2 ** 31) {
    throw new Error(
      `failed to detect shard index for Pod ${podName} of StatefulSet ${name}, parsed ${JSON.stringify(suffix)}`,
    );
  }
  return { shard: Number(suffix), totalShards };
}

/** Finds the StatefulSet controlling the pod (`GET` of the pod, then of the StatefulSet). */
export async function detectStatefulSet(
  client: KubeApiClient,
  podName: string,
  namespace: string,
): Promise<StatefulSetLike> {
  const ns = encodeURIComponent(namespace);
  const pod = await client.getJSON<KubeObject>(`/api/v1/namespaces/${ns}/pods/${encodeURIComponent(podName)}`);
  for (const ref of pod?.metadata?.ownerReferences ?? []) {
    if (ref.apiVersion !== 'apps/v1' || ref.kind !== 'StatefulSet' || ref.controller !== true) continue;
    try {
      return await client.getJSON<StatefulSetLike>(
        `/apis/apps/v1/namespaces/${ns}/statefulsets/${encodeURIComponent(ref.name)}`,
      );
    } catch (err) {
      throw new Error(`retrieve shard's StatefulSet: ${namespace}/${ref.name}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  throw new Error(`no suitable statefulset found for auto detecting sharding for Pod ${namespace}/${podName}`);
}

export interface AutoShardingOptions {
  client: KubeApiClient;
  pod: string;
  namespace: string;
  /** Called with the first settings and on every change. */
  onChange: (shard: ShardConfig) => void;
  logger?: Logger;
}

/** Watches the StatefulSet; `start` resolves with the settings it began with. */
export class AutoSharding {
  readonly #o: AutoShardingOptions;
  #reflector: Reflector | undefined;
  #current: ShardConfig | undefined;

  constructor(options: AutoShardingOptions) {
    this.#o = options;
  }

  async start(): Promise<ShardConfig> {
    const o = this.#o;
    const ss = await detectStatefulSet(o.client, o.pod, o.namespace);
    const name = ss.metadata.name ?? '';
    // A pod name that does not fit its StatefulSet is a startup error, not something to wait out.
    this.#current = shardFromStatefulSet(ss, o.pod);
    const seen = (obj: KubeObject) => {
      if (obj.metadata.name === name) this.#apply(obj as StatefulSetLike);
    };
    this.#reflector = new Reflector({
      client: o.client,
      path: `/apis/apps/v1/namespaces/${encodeURIComponent(o.namespace)}/statefulsets`,
      fieldSelector: `metadata.name=${name}`,
      resource: '*v1.StatefulSet',
      store: {
        replace: (items) => items.forEach(seen),
        add: seen,
        update: seen,
        delete: () => {},
      },
      ...(o.logger ? { logger: o.logger } : {}),
    });
    this.#reflector.start();
    return this.#current;
  }

  #apply(ss: StatefulSetLike): void {
    let next: ShardConfig;
    try {
      next = shardFromStatefulSet(ss, this.#o.pod);
    } catch (err) {
      this.#o.logger?.error('Detected sharding settings from StatefulSet', { err });
      return;
    }
    const cur = this.#current;
    if (cur && cur.shard === next.shard && cur.totalShards === next.totalShards) return;
    this.#current = next;
    this.#o.logger?.info('Auto-sharding settings', { shard: next.shard, totalShards: next.totalShards });
    if (cur) this.#o.onChange(next);
  }

  async stop(): Promise<void> {
    await this.#reflector?.stop();
  }
}
