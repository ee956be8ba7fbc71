/**
 * Seams of the metrics API: what the handler needs from storage and from the shared reflector
 * caches, and the request/response shapes the HTTPS server mounts behind authn/authz.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { LabelSelector } from '../../shared/kube/selectors.ts';
import type { NodeUsage, PodRef, PodUsage } from '../storage/types.ts';

export type MetricsVersion = 'v1beta1' | 'v1';
export const METRICS_GROUP = 'metrics.k8s.io';

/** Read side of the storage (implemented by `MetricsStorage`). */
export interface MetricsGetter {
  getNodeMetrics(names: readonly string[]): (NodeUsage | undefined)[];
  getPodMetrics(pods: readonly PodRef[]): (PodUsage | undefined)[];
}

/**
 * Metadata view of Nodes from the shared reflector. Only `metadata.name`, `metadata.labels`
 * are read. May throw; the error becomes a 500 naming the operation.
 */
export interface NodeLister {
  /** Nodes matching `selector` (an empty selector matches all). */
  list(selector: LabelSelector): readonly KubeObject[];
  get(name: string): KubeObject | undefined;
}

/**
 * Metadata view of Running Pods (upstream's informer uses `status.phase=Running`): only
 * `metadata.name`, `metadata.namespace` and `metadata.labels` are read.
 */
export interface PodLister {
  /** Pods matching `selector`, in `namespace` or in all namespaces when undefined. */
  list(selector: LabelSelector, namespace: string | undefined): readonly KubeObject[];
  get(namespace: string, name: string): KubeObject | undefined;
}

export interface MetricsApiDeps {
  storage: MetricsGetter;
  nodes: NodeLister;
  pods: PodLister;
  /** `--node-selector`, ANDed with a request's label selector on node lists. */
  nodeSelector?: LabelSelector;
  /** Versions served, the first preferred. Default `['v1beta1', 'v1']`. */
  versions?: readonly MetricsVersion[];
  /** Clock for `creationTimestamp` (ms since the epoch). Default `Date.now`. */
  now?: () => number;
  /** `host:port` advertised in `APIGroupList.serverAddressByClientCIDRs`. */
  serverAddress?: string;
  /** Binary version, shown as the OpenAPI `info.version` (up to the first `-`). */
  version?: string;
}

export interface MetricsRequest {
  method: string;
  /** Path without the query string, e.g. `/apis/metrics.k8s.io/v1beta1/nodes`. */
  path: string;
  query: URLSearchParams;
  /** The Accept header, if any. */
  accept?: string | undefined;
  /** The If-None-Match header, for discovery and OpenAPI documents. */
  ifNoneMatch?: string | undefined;
}

export interface MetricsResponse {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** A NodeMetrics ready to encode: quantities numeric, times in ms, window in ns. */
export interface NodeMetricsItem {
  name: string;
  labels: Record<string, string> | undefined;
  /** ms; the time of the request, as upstream. */
  creationTimestamp: number;
  timestamp: number | null;
  window: number;
  usage: ResourceUsage;
}

export interface PodMetricsItem {
  namespace: string;
  name: string;
  labels: Record<string, string> | undefined;
  creationTimestamp: number;
  timestamp: number | null;
  window: number;
  containers: { name: string; usage: ResourceUsage }[];
}

export interface ResourceUsage {
  /** Nanocores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}
