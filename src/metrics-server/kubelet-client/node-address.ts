import { isIPv6 } from 'node:net';
import type { KubeObject } from '../../shared/kube/object.ts';

/** Node address types, `--kubelet-preferred-address-types` values. */
export const NODE_ADDRESS_TYPES = ['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'] as const;

/** Upstream's default priority (the manifests pass `InternalIP,ExternalIP,Hostname`). */
export const DEFAULT_PREFERRED_ADDRESS_TYPES: readonly string[] = NODE_ADDRESS_TYPES;

/** Node annotation that replaces `/metrics/resource` (virtual kubelets, kwok). */
export const RESOURCE_METRICS_PATH_ANNOTATION = 'metrics.k8s.io/resource-metrics-path';

export const DEFAULT_RESOURCE_METRICS_PATH = '/metrics/resource';

export interface KubeletTarget {
  host: string;
  port: number;
  path: string;
  /** `https://10.0.0.1:10250/metrics/resource`, IPv6 hosts in brackets. */
  url: string;
  /** `10.0.0.1:10250` / `[fd00::1]:10250`, as Go's `net.JoinHostPort` prints it. */
  hostPort: string;
}

export interface TargetOptions {
  scheme: 'https' | 'http';
  preferredAddressTypes: readonly string[];
  /** `--kubelet-port`. */
  defaultPort: number;
  /** `--kubelet-use-node-status-port`. */
  useNodeStatusPort: boolean;
}

/**
 * The first address of the most preferred type: type priority beats list order, and within a
 * type the first entry wins. Throws upstream's message when nothing matches.
 */
export function nodeAddress(node: KubeObject, preferred: readonly string[]): string {
  const addresses: unknown = node.status?.addresses;
  const list = Array.isArray(addresses) ? addresses : [];
  for (const type of preferred) {
    for (const a of list) {
      if (a && typeof a === 'object' && a.type === type && typeof a.address === 'string' && a.address !== '') {
        return a.address;
      }
    }
  }
  throw new Error(`no address matched types [${preferred.join(' ')}]`);
}

export function kubeletTarget(node: KubeObject, options: TargetOptions): KubeletTarget {
  const host = nodeAddress(node, options.preferredAddressTypes);
  let port = options.defaultPort;
  if (options.useNodeStatusPort) {
    const endpoint = node.status?.daemonEndpoints?.kubeletEndpoint;
    // The API's JSON field is `Port` (capital P); accept `port` from hand-written fixtures too.
    const statusPort = Number(endpoint?.Port ?? endpoint?.port ?? 0);
    if (Number.isInteger(statusPort) && statusPort > 0 && statusPort < 65536) port = statusPort;
  }
  const annotated = node.metadata.annotations?.[RESOURCE_METRICS_PATH_ANNOTATION];
  let path = typeof annotated === 'string' && annotated !== '' ? annotated : DEFAULT_RESOURCE_METRICS_PATH;
  if (!path.startsWith('/')) path = '/' + path;
  // Go puts the annotation into URL.Path, which escapes `?` and `#`; never let it add a query.
  path = path.replace(/[?#\s]/g, encodeURIComponent);
  const hostPort = `${isIPv6(host) ? `[${host}]` : host}:${port}`;
  return { host, port, path, hostPort, url: `${options.scheme}://${hostPort}${path}` };
}
