/** Columns of services, endpoints, endpoint slices, ingresses, ingress classes and network policies. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import {
  AGE_COLUMN,
  age,
  column,
  formatLabelSelector,
  formatLabels,
  get,
  int,
  list,
  NAME_COLUMN,
  NONE,
  name,
  type Printer,
  record,
  str,
  strings,
} from './column.ts';

function loadBalancerIngress(status: unknown): string {
  return list(get(status, 'loadBalancer', 'ingress'))
    .map((i) => str(i.ip) || str(i.hostname))
    .filter((a) => a !== '')
    .join(',');
}

function serviceExternalIP(svc: KubeObject): string {
  const externalIPs = strings(get(svc, 'spec', 'externalIPs'));
  switch (str(get(svc, 'spec', 'type')) || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : NONE;
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc.status);
      const all = [...(lb === '' ? [] : lb.split(',')), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(get(svc, 'spec', 'externalName'));
    default:
      return '<unknown>';
  }
}

function servicePorts(svc: KubeObject): string {
  const ports = list(get(svc, 'spec', 'ports')).map((p) => {
    const protocol = str(p.protocol) || 'TCP';
    const nodePort = int(p.nodePort);
    return nodePort > 0 ? `${int(p.port)}:${nodePort}/${protocol}` : `${int(p.port)}/${protocol}`;
  });
  return ports.length === 0 ? NONE : ports.join(',');
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'The type of the service.'),
    column('Cluster-IP', 'The IP address of the service inside the cluster.'),
    column('External-IP', 'IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', 'string', 1),
  ],
  cells: (svc, now) => [
    name(svc),
    str(get(svc, 'spec', 'type')) || 'ClusterIP',
    strings(get(svc, 'spec', 'clusterIPs'))[0] || str(get(svc, 'spec', 'clusterIP')) || NONE,
    serviceExternalIP(svc),
    servicePorts(svc),
    age(svc, now),
    formatLabels(get(svc, 'spec', 'selector')),
  ],
};

/** Up to `max` items joined by commas, then ` + N more...`; `<unset>` for none. */
function listWithMore(items: string[], max = 3): string {
  if (items.length === 0) return '<unset>';
  const shown = items.slice(0, max).join(',');
  return items.length > max ? `${shown} + ${items.length - max} more...` : shown;
}

export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, column('Endpoints', 'Endpoints of the service.'), AGE_COLUMN],
  cells: (ep, now) => {
    const subsets = list(get(ep, 'subsets'));
    if (subsets.length === 0) return [name(ep), NONE, age(ep, now)];
    const endpoints: string[] = [];
    for (const subset of subsets) {
      const ports = list(subset.ports);
      const ips = list(subset.addresses).map((a) => str(a.ip));
      if (ports.length === 0) endpoints.push(...ips);
      for (const port of ports)
        endpoints.push(...ips.map((ip) => `${ip.includes(':') ? `[${ip}]` : ip}:${int(port.port)}`));
    }
    const shown = endpoints.slice(0, 3).join(',');
    return [name(ep), endpoints.length > 3 ? `${shown} + ${endpoints.length - 3} more...` : shown, age(ep, now)];
  },
};

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'The type of addresses carried by this EndpointSlice.'),
    column('Ports', 'Ports of the endpoints.'),
    column('Endpoints', 'Addresses of the endpoints.'),
    AGE_COLUMN,
  ],
  cells: (slice, now) => {
    const ports = list(get(slice, 'ports')).map((p) =>
      typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*',
    );
    const addresses = list(get(slice, 'endpoints')).flatMap((e) => strings(e.addresses));
    return [name(slice), str(get(slice, 'addressType')), listWithMore(ports), listWithMore(addresses), age(slice, now)];
  },
};

function ingressHosts(ing: KubeObject): string {
  const rules = list(get(ing, 'spec', 'rules'));
  const hosts = rules
    .slice(0, 3)
    .map((r) => str(r.host))
    .filter((h) => h !== '');
  if (hosts.length === 0) return '*';
  return rules.length > 3 ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
}

export const ingressPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Class', 'The name of the IngressClass resource.'),
    column('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  cells: (ing, now) => [
    name(ing),
    str(get(ing, 'spec', 'ingressClassName')) || NONE,
    ingressHosts(ing),
    loadBalancerIngress(ing.status),
    list(get(ing, 'spec', 'tls')).length > 0 ? '80, 443' : '80',
    age(ing, now),
  ],
};

export const ingressClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'The controller that should handle this class.'),
    column('Parameters', 'Parameters of the controller.'),
    AGE_COLUMN,
  ],
  cells: (cls, now) => {
    const params = record(get(cls, 'spec', 'parameters'));
    let parameters = NONE;
    if (params.kind !== undefined) {
      const group = str(params.apiGroup);
      parameters = `${str(params.kind)}${group ? `.${group}` : ''}/${str(params.name)}`;
    }
    return [name(cls), str(get(cls, 'spec', 'controller')), parameters, age(cls, now)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [NAME_COLUMN, column('Pod-Selector', 'Selects the pods to which this NetworkPolicy applies.'), AGE_COLUMN],
  cells: (np, now) => {
    return [name(np), formatLabelSelector(get(np, 'spec', 'podSelector')) || NONE, age(np, now)];
  },
};
