/**
 * Last and previous point per node (upstream `pkg/storage/node.go`). Each `store` rebuilds the
 * state from the batch alone: a node missing from a batch loses its history.
 */
import { resourceUsage } from './resource-usage.ts';
import type { MetricsPoint, NodeUsage, StorageLogger } from './types.ts';

export class NodeStorage {
  #last = new Map<string, MetricsPoint>();
  #prev = new Map<string, MetricsPoint>();
  readonly #log: StorageLogger;

  constructor(log: StorageLogger) {
    this.#log = log;
  }

  store(nodes: ReadonlyMap<string, MetricsPoint>): void {
    const last = new Map<string, MetricsPoint>();
    const prev = new Map<string, MetricsPoint>();
    for (const [name, point] of nodes) {
      last.set(name, point);
      const oldLast = this.#last.get(name);
      if (oldLast !== undefined && point.timestamp > oldLast.timestamp) {
        prev.set(name, oldLast);
        continue;
      }
      const oldPrev = this.#prev.get(name);
      if (oldPrev !== undefined && oldPrev.timestamp < point.timestamp) {
        prev.set(name, oldPrev);
      } else if (oldPrev !== undefined || oldLast !== undefined) {
        this.#log.debug({ node: name }, 'Found new node metrics point is older than stored previous, drop previous');
      }
    }
    this.#last = last;
    this.#prev = prev;
  }

  /** Usage of one node, or undefined when it has fewer than two usable points. */
  get(name: string): NodeUsage | undefined {
    const last = this.#last.get(name);
    const prev = this.#prev.get(name);
    if (last === undefined || prev === undefined) return undefined;
    const usage = resourceUsage(last, prev, 'node');
    if (!usage.ok) {
      this.#log.error({ node: name, err: usage.error }, 'Skipping node usage metric');
      return undefined;
    }
    return { timestamp: usage.timestamp, window: usage.window, cpu: usage.cpu, memory: usage.memory };
  }

  /** Nodes with a previous point (the readiness input). */
  get prevCount(): number {
    return this.#prev.size;
  }

  /** Stored points, last and previous. */
  get pointCount(): number {
    return this.#last.size + this.#prev.size;
  }
}
