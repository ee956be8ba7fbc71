/**
 * Where an APIService's traffic goes. The simulator always routes to endpoints, which is
 * kube-apiserver's `--enable-aggregator-routing=true`: there is no kube-proxy to make ClusterIPs
 * reachable, so tests and the demo point EndpointSlices at 127.0.0.1 and the component's port. A
 * random ready endpoint of a slice labelled `kubernetes.io/service-name=<service>` that has a port
 * named like the Service port is chosen. The availability checks use kube-apiserver 1.33's
 * reasons and messages (which still say "endpoints" while reading slices here).
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';

export interface ServiceRef {
  namespace: string;
  name: string;
  /** `spec.service.port`, default 443. */
  port: number;
}

export interface Endpoint {
  host: string;
  port: number;
}

/** An availability failure: condition reason, message and status. */
export interface ServiceProblem {
  reason: 'ServiceNotFound' | 'ServicePortError' | 'EndpointsNotFound' | 'MissingEndpoints';
  message: string;
}

export type Resolution = { endpoints: Endpoint[] } | { problem: ServiceProblem; proxyError: string };

/** `spec.service` of an APIService, or undefined for a local one (or a malformed reference). */
export function serviceRefOf(apiService: KubeObject): ServiceRef | undefined {
  const s = apiService.spec?.service;
  if (typeof s !== 'object' || s === null) return undefined;
  if (typeof s.name !== 'string' || typeof s.namespace !== 'string') return undefined;
  const port = Number.isInteger(s.port) && s.port > 0 && s.port < 65536 ? (s.port as number) : 443;
  return { namespace: s.namespace, name: s.name, port };
}

function slicesOf(state: ClusterState, ref: ServiceRef): KubeObject[] {
  return state
    .list('discovery.k8s.io/v1', 'EndpointSlice', ref.namespace)
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === ref.name);
}

function readyAddresses(slice: KubeObject): string[] {
  const out: string[] = [];
  for (const e of Array.isArray(slice.endpoints) ? slice.endpoints : []) {
    if (e?.conditions?.ready === false) continue;
    const address = Array.isArray(e?.addresses) ? e.addresses[0] : undefined;
    if (typeof address === 'string' && address !== '') out.push(address);
  }
  return out;
}

/** Every ready endpoint of the service port, or why there is none. */
export function resolveService(state: ClusterState, ref: ServiceRef): Resolution {
  const where = `service/${ref.name} in "${ref.namespace}"`;
  const svc = state.get('v1', 'Service', ref.namespace, ref.name);
  if (!svc) {
    return {
      problem: { reason: 'ServiceNotFound', message: `${where} is not present` },
      proxyError: `service "${ref.name}" not found`,
    };
  }
  if (svc.spec?.type === 'ExternalName' && typeof svc.spec.externalName === 'string') {
    return { endpoints: [{ host: svc.spec.externalName, port: ref.port }] };
  }
  const ports: { name?: string; port?: number }[] = Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
  const svcPort = ports.find((p) => p?.port === ref.port);
  if (!svcPort) {
    return {
      problem: { reason: 'ServicePortError', message: `${where} is not listening on port ${ref.port}` },
      proxyError: `no service port ${ref.port} found for service "${ref.name}"`,
    };
  }
  const portName = svcPort.name ?? '';
  const slices = slicesOf(state, ref);
  if (slices.length === 0) {
    return {
      problem: { reason: 'EndpointsNotFound', message: `cannot find endpoints for ${where}` },
      proxyError: `no endpoints available for service "${ref.name}"`,
    };
  }
  const endpoints: Endpoint[] = [];
  for (const slice of slices) {
    const port = (Array.isArray(slice.ports) ? slice.ports : []).find(
      (p: { name?: unknown }) => (p?.name ?? '') === portName,
    );
    if (!port || !Number.isInteger(port.port)) continue;
    for (const host of readyAddresses(slice)) endpoints.push({ host, port: port.port });
  }
  if (endpoints.length === 0) {
    return {
      problem: {
        reason: 'MissingEndpoints',
        message: `endpoints for ${where} have no addresses with port name "${portName}"`,
      },
      proxyError: `no endpoints available for service "${ref.name}"`,
    };
  }
  return { endpoints };
}

/** `https://host:port`, with brackets around IPv6 literals. */
export function endpointUrl(e: Endpoint): string {
  return `https://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
}
