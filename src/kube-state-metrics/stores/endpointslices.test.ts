import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { endpointslicesResource as res } from './endpointslices.ts';

const slice = {
  metadata: {
    name: 'web-abc',
    namespace: 'default',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { 'kubernetes.io/service-name': 'web' },
    annotations: { team: 'a' },
  },
  addressType: 'IPv4',
  endpoints: [
    {
      addresses: ['10.0.0.1', '10.0.0.9'],
      conditions: { ready: true, serving: true, terminating: false },
      hostname: 'web-0',
      targetRef: { kind: 'Pod', name: 'web-0', namespace: 'default' },
      nodeName: 'node-1',
      zone: 'z1',
      hints: { forZones: [{ name: 'z1' }, { name: 'z2' }] },
    },
    { addresses: ['10.0.0.2'], conditions: {} },
  ],
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }, {}],
};
const L = 'endpointslice="web-abc",namespace="default"';

test('kube_endpointslice_info', () =>
  expectFamilies(
    res,
    [slice],
    `# HELP kube_endpointslice_info Information about endpointslice.
     # TYPE kube_endpointslice_info gauge
     kube_endpointslice_info{${L},addresstype="IPv4"} 1`,
    { families: ['kube_endpointslice_info'] },
  ));

test('kube_endpointslice_created', () =>
  expectFamilies(
    res,
    [slice],
    `# HELP kube_endpointslice_created Unix creation timestamp
     # TYPE kube_endpointslice_created gauge
     kube_endpointslice_created{${L}} 1.767323045e+09`,
    { families: ['kube_endpointslice_created'] },
  ));

test('kube_endpointslice_endpoints_hints', () =>
  expectFamilies(
    res,
    [slice],
    `# HELP kube_endpointslice_endpoints_hints Topology routing hints attached to endpoints
     # TYPE kube_endpointslice_endpoints_hints gauge
     kube_endpointslice_endpoints_hints{${L},address="10.0.0.1",for_zone="z1"} 1
     kube_endpointslice_endpoints_hints{${L},address="10.0.0.1",for_zone="z2"} 1`,
    { families: ['kube_endpointslice_endpoints_hints'] },
  ));

test('kube_endpointslice_endpoints', () =>
  expectFamilies(
    res,
    [slice],
    `# HELP kube_endpointslice_endpoints Endpoints attached to the endpointslice.
     # TYPE kube_endpointslice_endpoints gauge
     kube_endpointslice_endpoints{${L},ready="true",serving="true",hostname="web-0",terminating="false",targetref_kind="Pod",targetref_name="web-0",targetref_namespace="default",endpoint_nodename="node-1",endpoint_zone="z1",address="10.0.0.1"} 1
     kube_endpointslice_endpoints{${L},ready="true",serving="true",hostname="web-0",terminating="false",targetref_kind="Pod",targetref_name="web-0",targetref_namespace="default",endpoint_nodename="node-1",endpoint_zone="z1",address="10.0.0.9"} 1
     kube_endpointslice_endpoints{${L},ready="",serving="",hostname="",terminating="",targetref_kind="",targetref_name="",targetref_namespace="",endpoint_nodename="",endpoint_zone="",address="10.0.0.2"} 1`,
    { families: ['kube_endpointslice_endpoints'] },
  ));

test('kube_endpointslice_ports', () =>
  expectFamilies(
    res,
    [slice],
    `# HELP kube_endpointslice_ports Ports attached to the endpointslice.
     # TYPE kube_endpointslice_ports gauge
     kube_endpointslice_ports{${L},port_name="http",port_protocol="TCP",port_number="80"} 1
     kube_endpointslice_ports{${L},port_name="",port_protocol="",port_number=""} 1`,
    { families: ['kube_endpointslice_ports'] },
  ));

test('kube_endpointslice_labels and _annotations', () =>
  expectFamilies(
    res,
    [slice],
    `# HELP kube_endpointslice_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_endpointslice_annotations gauge
     kube_endpointslice_annotations{${L}} 1
     # HELP kube_endpointslice_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_endpointslice_labels gauge
     kube_endpointslice_labels{${L},label_kubernetes_io_service_name="web"} 1`,
    {
      families: ['kube_endpointslice_annotations', 'kube_endpointslice_labels'],
      allowLabels: ['kubernetes.io/service-name'],
      allowAnnotations: ['absent'],
    },
  ));
