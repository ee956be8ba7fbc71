import type { KubeObject } from '../../shared/kube/object.ts';
import { type ListerWatcher, Reflector } from '../../shared/kube/reflector.ts';
import { ReflectorCache } from '../../shared/kube/reflector-cache.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { NodeLister } from './scraper.ts';

export interface NodeInformer extends NodeLister {
  reflector: Reflector;
  /** Node by name, for the API's `node "x" not found`. */
  get(name: string): KubeObject | undefined;
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
  const cache = new ReflectorCache({ key: (n) => n.metadata?.name ?? '' });
  const reflector = new Reflector({
    client: options.client,
    path: '/api/v1/nodes',
    store: cache,
    resource: '*v1.Node',
    ...(options.nodeSelector ? { labelSelector: options.nodeSelector } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { reflector, list: () => cache.list(), get: (name) => cache.get(name) };
}
