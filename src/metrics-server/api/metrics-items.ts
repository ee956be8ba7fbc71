/**
 * Reads NodeMetrics/PodMetrics for a request: metadata from the listers, usage from storage,
 * selectors applied, sorted (nodes by name, pods by namespace then name).
 */
import type { KubeObject, Status } from '../../shared/kube/object.ts';
import {
  type FieldSelector,
  type LabelSelector,
  matchFields,
  matchLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../shared/kube/selectors.ts';
import type { MetricsApiDeps, NodeMetricsItem, PodMetricsItem } from './api-types.ts';
import { badRequest, internalError, notFound } from './status.ts';

export type ItemsResult<T> = { ok: true; value: T } | { ok: false; status: Status };

const FIELDS = ['metadata.name', 'metadata.namespace'];

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Parses `labelSelector` and `fieldSelector`; only metadata.name/metadata.namespace fields exist. */
export function parseSelectors(query: URLSearchParams): ItemsResult<{ labels: LabelSelector; fields: FieldSelector }> {
  try {
    const labels = parseLabelSelector(query.get('labelSelector') ?? '');
    const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
    for (const f of fields) {
      if (!FIELDS.includes(f.field)) {
        return {
          ok: false,
          status: badRequest(`"${f.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`),
        };
      }
    }
    return { ok: true, value: { labels, fields } };
  } catch (err) {
    return { ok: false, status: badRequest(errorMessage(err)) };
  }
}

function byName(a: KubeObject, b: KubeObject): number {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function byNamespaceName(a: KubeObject, b: KubeObject): number {
  const x = a.metadata.namespace ?? '';
  const y = b.metadata.namespace ?? '';
  return x < y ? -1 : x > y ? 1 : byName(a, b);
}

export function listNodeMetrics(
  deps: MetricsApiDeps,
  query: URLSearchParams,
  now: number,
): ItemsResult<NodeMetricsItem[]> {
  const selectors = parseSelectors(query);
  if (!selectors.ok) return selectors;
  const { labels, fields } = selectors.value;
  let nodes: KubeObject[];
  try {
    nodes = deps.nodes
      .list(labels)
      .filter(
        (n) =>
          matchLabels(labels, n.metadata.labels) &&
          (deps.nodeSelector === undefined || matchLabels(deps.nodeSelector, n.metadata.labels)) &&
          matchFields(fields, n),
      );
  } catch (err) {
    return { ok: false, status: internalError(`failed listing nodes: ${errorMessage(err)}`) };
  }
  nodes.sort(byName);
  return nodeItems(deps, nodes, now);
}

function nodeItems(deps: MetricsApiDeps, nodes: readonly KubeObject[], now: number): ItemsResult<NodeMetricsItem[]> {
  let usages: ReturnType<MetricsApiDeps['storage']['getNodeMetrics']>;
  try {
    usages = deps.storage.getNodeMetrics(nodes.map((n) => n.metadata.name ?? ''));
  } catch (err) {
    return { ok: false, status: internalError(`failed reading nodes metrics: ${errorMessage(err)}`) };
  }
  const items: NodeMetricsItem[] = [];
  nodes.forEach((node, i) => {
    const usage = usages[i];
    if (usage === undefined) return;
    items.push({
      name: node.metadata.name ?? '',
      labels: node.metadata.labels,
      creationTimestamp: now,
      timestamp: usage.timestamp,
      window: usage.window,
      usage: { cpu: usage.cpu, memory: usage.memory },
    });
  });
  return { ok: true, value: items };
}

export function getNodeMetrics(deps: MetricsApiDeps, name: string, now: number): ItemsResult<NodeMetricsItem> {
  let node: KubeObject | undefined;
  try {
    node = deps.nodes.get(name);
  } catch (err) {
    return { ok: false, status: internalError(`failed getting node: ${errorMessage(err)}`) };
  }
  if (node === undefined) return { ok: false, status: notFound('node', '', name) };
  // Upstream never scrapes nodes outside --node-selector, so they have no metrics: say so even
  // if storage still held some.
  if (deps.nodeSelector !== undefined && !matchLabels(deps.nodeSelector, node.metadata.labels)) {
    return { ok: false, status: notFound('nodemetrics', 'metrics.k8s.io', name) };
  }
  const items = nodeItems(deps, [node], now);
  if (!items.ok) return items;
  const item = items.value[0];
  if (item === undefined) return { ok: false, status: notFound('nodemetrics', 'metrics.k8s.io', name) };
  return { ok: true, value: item };
}

export function listPodMetrics(
  deps: MetricsApiDeps,
  namespace: string | undefined,
  query: URLSearchParams,
  now: number,
): ItemsResult<PodMetricsItem[]> {
  const selectors = parseSelectors(query);
  if (!selectors.ok) return selectors;
  const { labels, fields } = selectors.value;
  let pods: KubeObject[];
  try {
    pods = deps.pods
      .list(labels, namespace)
      .filter(
        (p) =>
          (namespace === undefined || p.metadata.namespace === namespace) &&
          matchLabels(labels, p.metadata.labels) &&
          matchFields(fields, p),
      );
  } catch (err) {
    return { ok: false, status: internalError(`failed listing pods: ${errorMessage(err)}`) };
  }
  pods.sort(byNamespaceName);
  return podItems(deps, pods, now);
}

function podItems(deps: MetricsApiDeps, pods: readonly KubeObject[], now: number): ItemsResult<PodMetricsItem[]> {
  let usages: ReturnType<MetricsApiDeps['storage']['getPodMetrics']>;
  try {
    usages = deps.storage.getPodMetrics(
      pods.map((p) => ({ namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '' })),
    );
  } catch (err) {
    return { ok: false, status: internalError(`failed pod metrics: ${errorMessage(err)}`) };
  }
  const items: PodMetricsItem[] = [];
  pods.forEach((pod, i) => {
    const usage = usages[i];
    if (usage === undefined) return;
    items.push({
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      labels: pod.metadata.labels,
      creationTimestamp: now,
      timestamp: usage.timestamp,
      window: usage.window,
      containers: usage.containers.map((c) => ({ name: c.name, usage: { cpu: c.cpu, memory: c.memory } })),
    });
  });
  return { ok: true, value: items };
}

export function getPodMetrics(
  deps: MetricsApiDeps,
  namespace: string,
  name: string,
  now: number,
): ItemsResult<PodMetricsItem> {
  let pod: KubeObject | undefined;
  try {
    pod = deps.pods.get(namespace, name);
  } catch (err) {
    return { ok: false, status: internalError(`failed getting pod: ${errorMessage(err)}`) };
  }
  if (pod === undefined) return { ok: false, status: notFound('pods', '', name) };
  const items = podItems(deps, [pod], now);
  if (!items.ok) return items;
  const item = items.value[0];
  if (item === undefined) {
    return { ok: false, status: notFound('podmetrics', 'metrics.k8s.io', `${namespace}/${name}`) };
  }
  return { ok: true, value: item };
}
