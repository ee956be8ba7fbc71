import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { servicesResource as res } from './services.ts';

const lb = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'uid-1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    deletionTimestamp: '2026-01-02T04:00:00Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
  spec: {
    type: 'LoadBalancer',
    clusterIP: '10.96.0.10',
    loadBalancerIP: '1.2.3.4',
    externalTrafficPolicy: 'Local',
    externalIPs: ['1.2.3.4', '5.6.7.8'],
  },
  status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example.com' }] } },
};
const ext = {
  metadata: { name: 'db', namespace: 'default', uid: 'uid-2' },
  spec: { type: 'ExternalName', externalName: 'db.example.com' },
};
const L = 'namespace="default",service="web",uid="uid-1"';
const E = 'namespace="default",service="db",uid="uid-2"';

test('kube_service_info', () =>
  expectFamilies(
    res,
    [lb, ext],
    `# HELP kube_service_info [STABLE] Information about service.
     # TYPE kube_service_info gauge
     kube_service_info{${L},cluster_ip="10.96.0.10",external_name="",load_balancer_ip="1.2.3.4",external_traffic_policy="Local"} 1
     kube_service_info{${E},cluster_ip="",external_name="db.example.com",load_balancer_ip="",external_traffic_policy=""} 1`,
    { families: ['kube_service_info'] },
  ));

test('kube_service_created', () =>
  expectFamilies(
    res,
    [lb, ext],
    `# HELP kube_service_created [STABLE] Unix creation timestamp
     # TYPE kube_service_created gauge
     kube_service_created{${L}} 1.767323045e+09`,
    { families: ['kube_service_created'] },
  ));

test('kube_service_spec_type', () =>
  expectFamilies(
    res,
    [lb, ext],
    `# HELP kube_service_spec_type [STABLE] Type about service.
     # TYPE kube_service_spec_type gauge
     kube_service_spec_type{${L},type="LoadBalancer"} 1
     kube_service_spec_type{${E},type="ExternalName"} 1`,
    { families: ['kube_service_spec_type'] },
  ));

test('kube_service_spec_external_ip', () =>
  expectFamilies(
    res,
    [lb, ext],
    `# HELP kube_service_spec_external_ip [STABLE] Service external ips. One series for each ip
     # TYPE kube_service_spec_external_ip gauge
     kube_service_spec_external_ip{${L},external_ip="1.2.3.4"} 1
     kube_service_spec_external_ip{${L},external_ip="5.6.7.8"} 1`,
    { families: ['kube_service_spec_external_ip'] },
  ));

test('kube_service_status_load_balancer_ingress', () =>
  expectFamilies(
    res,
    [lb, ext],
    `# HELP kube_service_status_load_balancer_ingress [STABLE] Service load balancer ingress status
     # TYPE kube_service_status_load_balancer_ingress gauge
     kube_service_status_load_balancer_ingress{${L},ip="1.2.3.4",hostname=""} 1
     kube_service_status_load_balancer_ingress{${L},ip="",hostname="lb.example.com"} 1`,
    { families: ['kube_service_status_load_balancer_ingress'] },
  ));

test('kube_service_deletion_timestamp', () =>
  expectFamilies(
    res,
    [lb, ext],
    `# HELP kube_service_deletion_timestamp Unix deletion timestamp
     # TYPE kube_service_deletion_timestamp gauge
     kube_service_deletion_timestamp{${L}} 1.7673264e+09`,
    { families: ['kube_service_deletion_timestamp'] },
  ));

test('kube_service_labels and _annotations', () =>
  expectFamilies(
    res,
    [lb],
    `# HELP kube_service_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_service_annotations gauge
     kube_service_annotations{${L},annotation_team="a"} 1
     # HELP kube_service_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_service_labels gauge
     kube_service_labels{${L},label_app="web"} 1`,
    { families: ['kube_service_annotations', 'kube_service_labels'], allowLabels: ['*'], allowAnnotations: ['*'] },
  ));
