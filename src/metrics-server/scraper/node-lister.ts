import type { KubeObject } from '../../shared/kube/object.ts';
import { type ListerWatcher, Reflector, type ReflectorStore } from '../../shared/kube/reflector.ts';
import type { ReplaceSession } from '../../shared/kube/reflector-cache.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { RESOURCE_METRICS_PATH_ANNOTATION } from '../kubelet-client/node-address.ts';
import type { NodeLister } from './scraper.ts';

export interface NodeInformer extends NodeLister {
  reflector: Reflector;
  /** Node by name, for the API's `node "x" not found`. */
  get(name: string): KubeObject | undefined;
}

/**
 * The part of a Node that metrics-server reads: name, uid, labels (selectors), the resource-metrics
 * path annotation, addresses, the kubelet port and the Ready condition (log severity). A real Node
 * carries its image list, capacity, managedFields and more (5-20 KB); kept whole, 5,000 of them
 * cost more memory than every stored metric point.
 */
export function slimNode(node: KubeObject): KubeObject {
  const m = node.metadata ?? {};
  const metadata: KubeObject['metadata'] = { name: m.name ?? '' };
  if (m.uid !== undefined) metadata.uid = m.uid;
  if (m.resourceVersion !== undefined) metadata.resourceVersion = m.resourceVersion;
  if (m.creationTimestamp !== undefined) metadata.creationTimestamp = m.creationTimestamp;
  if (m.labels) metadata.labels = m.labels;
  const path = m.annotations?.[RESOURCE_METRICS_PATH_ANNOTATION];
  if (path !== undefined) metadata.annotations = { [RESOURCE_METRICS_PATH_ANNOTATION]: path };
  const slim: KubeObject = { metadata };
  const s: unknown = node.status;
  if (!s || typeof s !== 'object') return slim;
  const src = s as Record<string, unknown>;
  const status: Record<string, unknown> = {};
  if (Array.isArray(src.addresses)) {
    status.addresses = src.addresses.map((a) =>
      a && typeof a === 'object'
        ? { type: (a as { type?: unknown }).type, address: (a as { address?: unknown }).address }
        : a,
    );
  }
  const endpoint = (src.daemonEndpoints as { kubeletEndpoint?: Record<string, unknown> } | undefined)?.kubeletEndpoint;
  if (endpoint && typeof endpoint === 'object') {
    const kubeletEndpoint: Record<string, unknown> = {};
    if (endpoint.Port !== undefined) kubeletEndpoint.Port = endpoint.Port;
    if (endpoint.port !== undefined) kubeletEndpoint.port = endpoint.port;
    status.daemonEndpoints = { kubeletEndpoint };
  }
  if (Array.isArray(src.conditions)) {
    status.conditions = src.conditions
      .filter((c) => c && typeof c === 'object' && (c as { type?: unknown }).type === 'Ready')
      .map((c) => ({ type: 'Ready', status: (c as { status?: unknown }).status }));
  }
  slim.status = status;
  return slim;
}

/** Nodes by name, each reduced by `slimNode` on arrival. */
export class NodeStore implements ReflectorStore {
  #items = new Map<string, KubeObject>();

  replace(objects: KubeObject[]): void {
    const next = new Map<string, KubeObject>();
    for (const o of objects) next.set(o.metadata?.name ?? '', slimNode(o));
    this.#items = next;
  }

  /** A relist taken page by page (only slim copies kept); served from the old set until committed. */
  beginReplace(): ReplaceSession {
    let next = new Map<string, KubeObject>();
    return {
      add: (o) => next.set(o.metadata?.name ?? '', slimNode(o)),
      restart: () => {
        next = new Map();
      },
      commit: () => {
        this.#items = next;
      },
    };
  }

  add(obj: KubeObject): void {
    this.#items.set(obj.metadata?.name ?? '', slimNode(obj));
  }

  update(obj: KubeObject): void {
    this.add(obj);
  }

  delete(obj: KubeObject): void {
    this.#items.delete(obj.metadata?.name ?? '');
  }

  get(name: string): KubeObject | undefined {
    return this.#items.get(name);
  }

  list(): KubeObject[] {
    return [...this.#items.values()];
  }

  get size(): number {
    return this.#items.size;
  }
}

/**
 * The Node list+watch that feeds both the scraper and the API. `--node-selector` goes to the API
 * server as a label selector, so unselected nodes are neither scraped nor served, as upstream.
 */
export function createNodeInformer(options: {
  client: ListerWatcher;
  /** `-l, --node-selector`; empty selects every node. */
  nodeSelector?: string;
  logger?: Logger;
}): NodeInformer {
  const store = new NodeStore();
  const reflector = new Reflector({
    client: options.client,
    path: '/api/v1/nodes',
    store,
    resource: '*v1.Node',
    ...(options.nodeSelector ? { labelSelector: options.nodeSelector } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { reflector, list: () => store.list(), get: (name) => store.get(name) };
}
