/**
 * What a freshly installed cluster holds before anyone creates anything: the four system
 * namespaces and the `default/kubernetes` Service pointing at the API server.
 */
import type { KubeObject } from '../../shared/kube/object.ts';

/** ClusterIP of `default/kubernetes`: the first address of kube-apiserver's default service CIDR. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

function namespace(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** The objects a new store starts with, in creation order (namespaces first). */
export function defaultObjects(apiServerAddress = '127.0.0.1', apiServerPort = 6443): KubeObject[] {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  return [
    ...SYSTEM_NAMESPACES.map(namespace),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels },
      spec: {
        type: 'ClusterIP',
        clusterIP: KUBERNETES_SERVICE_IP,
        clusterIPs: [KUBERNETES_SERVICE_IP],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        sessionAffinity: 'None',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiServerPort }],
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        { addresses: [{ ip: apiServerAddress }], ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }] },
      ],
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [apiServerAddress], conditions: { ready: true } }],
      ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }],
    },
  ];
}

/** The CA bundle ConfigMap the root-CA publisher puts in every namespace. */
export function rootCaConfigMap(namespace: string, caPem: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'kube-root-ca.crt',
      namespace,
    },
    data: { 'ca.crt': caPem },
  };
}
