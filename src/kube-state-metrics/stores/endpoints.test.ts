import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { endpointsResource as res } from './endpoints.ts';

const ep = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
  subsets: [
    {
      addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
      notReadyAddresses: [{ ip: '10.0.0.3' }],
      ports: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    },
  ],
};
const L = 'namespace="default",endpoint="web"';

test('kube_endpoint_info', () =>
  expectFamilies(
    res,
    [ep],
    `# HELP kube_endpoint_info [STABLE] Information about endpoint.
     # TYPE kube_endpoint_info gauge
     kube_endpoint_info{${L}} 1`,
    { families: ['kube_endpoint_info'] },
  ));

test('kube_endpoint_created', () =>
  expectFamilies(
    res,
    [ep],
    `# HELP kube_endpoint_created [STABLE] Unix creation timestamp
     # TYPE kube_endpoint_created gauge
     kube_endpoint_created{${L}} 1.767323045e+09`,
    { families: ['kube_endpoint_created'] },
  ));

test('kube_endpoint_labels and _annotations', () =>
  expectFamilies(
    res,
    [ep],
    `# HELP kube_endpoint_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_endpoint_annotations gauge
     kube_endpoint_annotations{${L},annotation_team="a"} 1
     # HELP kube_endpoint_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_endpoint_labels gauge
     kube_endpoint_labels{${L},label_app="web"} 1`,
    { families: ['kube_endpoint_annotations', 'kube_endpoint_labels'], allowLabels: ['*'], allowAnnotations: ['*'] },
  ));

test('kube_endpoint_address', () =>
  expectFamilies(
    res,
    [ep],
    `# HELP kube_endpoint_address [STABLE] Information about Endpoint available and non available addresses.
     # TYPE kube_endpoint_address gauge
     kube_endpoint_address{${L},port_protocol="TCP",port_number="80",port_name="http",ip="10.0.0.1",ready="true"} 1
     kube_endpoint_address{${L},port_protocol="TCP",port_number="80",port_name="http",ip="10.0.0.2",ready="true"} 1
     kube_endpoint_address{${L},port_protocol="TCP",port_number="80",port_name="http",ip="10.0.0.3",ready="false"} 1
     kube_endpoint_address{${L},port_protocol="UDP",port_number="53",port_name="dns",ip="10.0.0.1",ready="true"} 1
     kube_endpoint_address{${L},port_protocol="UDP",port_number="53",port_name="dns",ip="10.0.0.2",ready="true"} 1
     kube_endpoint_address{${L},port_protocol="UDP",port_number="53",port_name="dns",ip="10.0.0.3",ready="false"} 1`,
    { families: ['kube_endpoint_address'] },
  ));

test('kube_endpoint_ports (deprecated)', () =>
  expectFamilies(
    res,
    [ep],
    `# HELP kube_endpoint_ports [STABLE] (Deprecated since v2.14.0) Information about the Endpoint ports.
     # TYPE kube_endpoint_ports gauge
     kube_endpoint_ports{${L},port_name="http",port_protocol="TCP",port_number="80"} 1
     kube_endpoint_ports{${L},port_name="dns",port_protocol="UDP",port_number="53"} 1`,
    { families: ['kube_endpoint_ports'] },
  ));
