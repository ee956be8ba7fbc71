/**
 * Kubelet faults, set per node by annotation (`kubectl annotate node X
 * sim.kube-metrics.io/kubelet-fault=slow=3s`) or at start with `--kubelet-faults`. Removing the
 * annotation heals the node. Unknown kinds are logged once and ignored, so a typo never takes a
 * kubelet down.
 */

import { parseGoDuration } from '../../shared/duration.ts';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Logger } from '../../shared/logging/logger.ts';

export const KUBELET_FAULT_ANNOTATION = 'sim.kube-metrics.io/kubelet-fault';

export const FAULT_KINDS = [
  'down',
  'timeout',
  'slow',
  'http-500',
  'garbage',
  'truncated',
  'reset',
  'zero-cpu',
  'missing-memory',
  'wrong-cert',
  'stale',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export type KubeletFault =
  | { kind: Exclude<FaultKind, 'slow'> }
  | {
      kind: 'slow';
      /** Added before every answer (ms). */
      delayMs: number;
    };

/** Parses `down`, `slow=3s`, ...; throws an Error naming the text when it is not a fault. */
export function parseKubeletFault(text: string): KubeletFault {
  const value = text.trim();
  const eq = value.indexOf('=');
  const kind = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? undefined : value.slice(eq + 1);
  if (kind === 'slow') {
    if (arg === undefined || arg === '')
      throw new Error(`kubelet fault "${text}": slow needs a duration, e.g. slow=3s`);
    let delayMs: number;
    try {
      delayMs = parseGoDuration(arg);
    } catch (err) {
      throw new Error(`kubelet fault "${text}": ${(err as Error).message}`, { cause: err });
    }
    if (!(delayMs >= 0) || delayMs > 24 * 3_600_000) {
      throw new Error(`kubelet fault "${text}": delay must be between 0 and 24h`);
    }
    return { kind, delayMs };
  }
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`unknown kubelet fault "${text}" (known: ${FAULT_KINDS.join(', ')})`);
  }
  if (arg !== undefined) throw new Error(`kubelet fault "${text}": ${kind} takes no argument`);
  return { kind: kind as Exclude<FaultKind, 'slow'> };
}

/**
 * `--kubelet-faults` value: comma-separated `node=kind` pairs, e.g. `worker-1=down,worker-2=slow=3s`.
 * Throws with every problem listed.
 */
export function parseKubeletFaultsFlag(text: string): Map<string, KubeletFault> {
  const entries: ([string, string] | string)[] = [];
  for (const entry of text.split(',')) {
    const item = entry.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    entries.push(eq <= 0 ? `"${item}" is not node=kind` : [item.slice(0, eq), item.slice(eq + 1)]);
  }
  return parseEntries(entries);
}

/** `--kubelet-faults` already split into node -> kind text (the flag library's string map). */
export function parseKubeletFaultsMap(map: Record<string, string>): Map<string, KubeletFault> {
  return parseEntries(Object.entries(map));
}

/** Entries are node/kind pairs, or a problem already found in the text (kept in input order). */
function parseEntries(entries: ([string, string] | string)[]): Map<string, KubeletFault> {
  const out = new Map<string, KubeletFault>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      problems.push(entry);
      continue;
    }
    const [node, kind] = entry;
    try {
      out.set(node, parseKubeletFault(kind));
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(`invalid --kubelet-faults: ${problems.join('; ')}`);
  return out;
}

export function formatKubeletFault(f: KubeletFault | undefined): string {
  if (!f) return 'none';
  return f.kind === 'slow' ? `slow=${f.delayMs}ms` : f.kind;
}

export function sameFault(a: KubeletFault | undefined, b: KubeletFault | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && (a.kind !== 'slow' || b.kind !== 'slow' || a.delayMs === b.delayMs);
}

/**
 * Decides each node's fault. A start-time fault holds until the node's annotation is first seen;
 * after that the annotation alone decides, so removing it heals the node.
 */
export class FaultResolver {
  readonly #startup: Map<string, KubeletFault>;
  readonly #annotated = new Set<string>();
  readonly #warned = new Set<string>();
  readonly #logger: Logger | undefined;

  constructor(startup: Map<string, KubeletFault> = new Map(), logger?: Logger) {
    this.#startup = new Map(startup);
    this.#logger = logger;
  }

  faultFor(node: KubeObject): KubeletFault | undefined {
    const name = node.metadata.name ?? '';
    const value = node.metadata.annotations?.[KUBELET_FAULT_ANNOTATION];
    if (typeof value !== 'string') {
      return this.#annotated.has(name) ? undefined : this.#startup.get(name);
    }
    this.#annotated.add(name);
    try {
      return parseKubeletFault(value);
    } catch (err) {
      const key = `${name}\0${value}`;
      if (!this.#warned.has(key)) {
        this.#warned.add(key);
        this.#logger?.warn('Ignoring kubelet fault annotation', {
          node: name,
          annotation: KUBELET_FAULT_ANNOTATION,
          value,
          err: (err as Error).message,
        });
      }
      return undefined;
    }
  }

  forget(nodeName: string): void {
    this.#annotated.delete(nodeName);
  }
}
