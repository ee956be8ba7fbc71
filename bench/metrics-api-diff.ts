/**
 * Compares what two metrics-servers serve (NodeMetricsList and PodMetricsList JSON): which nodes,
 * pods and containers each has, and, where both computed their rate over the same pair of kubelet
 * samples (equal `timestamp` and `window`), whether the usage values are equal.
 */
import { parseGoDuration } from '../src/shared/duration.ts';

interface Usage {
  cpu?: string;
  memory?: string;
}

interface Item {
  metadata: { name: string; namespace?: string };
  timestamp: string;
  window: string;
  usage?: Usage;
  containers?: { name: string; usage: Usage }[];
}

export interface ServedDiff {
  kind: 'nodes' | 'pods';
  upstream: number;
  ours: number;
  onlyUpstream: string[];
  onlyOurs: string[];
  /** In both, computed from the same samples (timestamp and window equal). */
  samePair: number;
  /** Same samples and equal usage (every container's cpu and memory for pods). */
  equalValues: number;
  /** Containers listed in another order (values compared by container name). */
  containerOrder: number;
  /** Value differences limited to the CPU of some of a pod's containers, memory equal (see partialCpuOnly). */
  otherPreviousSample: number;
  /** Same samples, different usage: key and both texts. */
  valueDiffs: { key: string; upstream: string; ours: string }[];
  /** In both but from different sample pairs (scraped at other moments): values not comparable. */
  otherPair: number;
  /** Timestamps or windows written differently though denoting the same instant/duration. */
  formatDiffs: { key: string; upstream: string; ours: string }[];
  /** Pods in both whose container name sets differ. */
  containerSetDiffs: string[];
}

function key(i: Item): string {
  return i.metadata.namespace ? `${i.metadata.namespace}/${i.metadata.name}` : i.metadata.name;
}

function usageText(i: Item, sorted = true): string {
  if (i.usage) return `cpu=${i.usage.cpu} memory=${i.usage.memory}`;
  const containers = [...(i.containers ?? [])];
  if (sorted) containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return containers.map((c) => `${c.name}:cpu=${c.usage.cpu},memory=${c.usage.memory}`).join(' ');
}

/**
 * A pod whose memory is equal in every container and whose CPU differs in some but not all of
 * them: the same last samples, but another previous sample for those containers (a pod's
 * timestamp and window describe one container's pair; each container has its own).
 */
function partialCpuOnly(u: Item, o: Item): boolean {
  const ours = new Map((o.containers ?? []).map((c) => [c.name, c.usage]));
  let cpuDiffs = 0;
  for (const c of u.containers ?? []) {
    const oc = ours.get(c.name);
    if (!oc || oc.memory !== c.usage.memory) return false;
    if (oc.cpu !== c.usage.cpu) cpuDiffs++;
  }
  return cpuDiffs > 0 && cpuDiffs < (u.containers?.length ?? 0);
}

/** Go duration text (`15.218s`, `1m0.5s`, `812ms`) in ms, NaN when unreadable, for comparing windows written differently. */
export function goDurationMs(text: string): number {
  try {
    return parseGoDuration(text);
  } catch {
    return Number.NaN;
  }
}

export function diffServed(kind: 'nodes' | 'pods', upstreamItems: Item[], ourItems: Item[]): ServedDiff {
  const up = new Map(upstreamItems.map((i) => [key(i), i]));
  const ours = new Map(ourItems.map((i) => [key(i), i]));
  const d: ServedDiff = {
    kind,
    upstream: up.size,
    ours: ours.size,
    onlyUpstream: [],
    onlyOurs: [],
    samePair: 0,
    containerOrder: 0,
    otherPreviousSample: 0,
    equalValues: 0,
    valueDiffs: [],
    otherPair: 0,
    formatDiffs: [],
    containerSetDiffs: [],
  };
  for (const [k, u] of up) {
    const o = ours.get(k);
    if (!o) {
      d.onlyUpstream.push(k);
      continue;
    }
    if (kind === 'pods') {
      const names = (i: Item) =>
        (i.containers ?? [])
          .map((c) => c.name)
          .sort()
          .join(',');
      if (names(u) !== names(o)) d.containerSetDiffs.push(`${k}: upstream [${names(u)}] ours [${names(o)}]`);
    }
    const sameInstant = Date.parse(u.timestamp) === Date.parse(o.timestamp);
    const sameWindow = goDurationMs(u.window) === goDurationMs(o.window);
    if (sameInstant && sameWindow) {
      if (u.timestamp !== o.timestamp || u.window !== o.window) {
        d.formatDiffs.push({ key: k, upstream: `${u.timestamp} ${u.window}`, ours: `${o.timestamp} ${o.window}` });
      }
      d.samePair++;
      const ut = usageText(u);
      const ot = usageText(o);
      if (kind === 'pods' && usageText(u, false) !== usageText(o, false)) {
        if (usageText(u, false) !== ut || usageText(o, false) !== ot) d.containerOrder++;
      }
      if (ut === ot) d.equalValues++;
      else {
        if (kind === 'pods' && partialCpuOnly(u, o)) d.otherPreviousSample++;
        d.valueDiffs.push({ key: k, upstream: ut, ours: ot });
      }
    } else {
      d.otherPair++;
    }
  }
  for (const k of ours.keys()) if (!up.has(k)) d.onlyOurs.push(k);
  return d;
}

export function summarizeServed(d: ServedDiff, examples = 3): string {
  const lines = [
    `${d.kind}: upstream ${d.upstream}, ours ${d.ours}; only upstream ${d.onlyUpstream.length}, only ours ${d.onlyOurs.length}; ` +
      `same sample pair ${d.samePair} (equal values ${d.equalValues}, different ${d.valueDiffs.length}, ` +
      `of which CPU of some containers only ${d.otherPreviousSample}), other pair ${d.otherPair}; ` +
      `containers in another order ${d.containerOrder}`,
  ];
  for (const k of d.onlyUpstream.slice(0, examples)) lines.push(`  only upstream: ${k}`);
  for (const k of d.onlyOurs.slice(0, examples)) lines.push(`  only ours: ${k}`);
  for (const v of d.valueDiffs.slice(0, examples))
    lines.push(`  value: ${v.key}\n    upstream ${v.upstream}\n    ours     ${v.ours}`);
  for (const v of d.formatDiffs.slice(0, examples))
    lines.push(`  format: ${v.key} upstream ${v.upstream} ours ${v.ours}`);
  for (const c of d.containerSetDiffs.slice(0, examples)) lines.push(`  containers: ${c}`);
  return lines.join('\n');
}
