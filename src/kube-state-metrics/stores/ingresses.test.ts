import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { ingressesResource as res } from './ingresses.ts';

const ing = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u1',
    resourceVersion: '100',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'example.com',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } },
            {
              path: '/static',
              pathType: 'ImplementationSpecific',
              backend: { resource: { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'assets' } },
            },
          ],
        },
      },
      { host: 'no-http.example.com' },
    ],
    tls: [{ hosts: ['example.com', 'www.example.com'], secretName: 'tls-secret' }],
  },
};
const legacy = {
  metadata: {
    name: 'legacy',
    namespace: 'default',
    uid: 'u2',
    annotations: { 'kubernetes.io/ingress.class': 'traefik' },
  },
  spec: { ingressClassName: 'nginx' },
};
const bare = { metadata: { name: 'bare', namespace: 'default', uid: 'u3' }, spec: {} };
const L = 'namespace="default",ingress="web"';

test('kube_ingress_info', () =>
  expectFamilies(
    res,
    [ing, legacy, bare],
    `# HELP kube_ingress_info [STABLE] Information about ingress.
     # TYPE kube_ingress_info gauge
     kube_ingress_info{${L},ingressclass="nginx"} 1
     kube_ingress_info{namespace="default",ingress="legacy",ingressclass="traefik"} 1
     kube_ingress_info{namespace="default",ingress="bare",ingressclass="_default"} 1`,
    { families: ['kube_ingress_info'] },
  ));

test('kube_ingress_created', () =>
  expectFamilies(
    res,
    [ing, bare],
    `# HELP kube_ingress_created [STABLE] Unix creation timestamp
     # TYPE kube_ingress_created gauge
     kube_ingress_created{${L}} 1.767323045e+09`,
    { families: ['kube_ingress_created'] },
  ));

test('kube_ingress_metadata_resource_version', () =>
  expectFamilies(
    res,
    [ing],
    `# HELP kube_ingress_metadata_resource_version Resource version representing a specific version of ingress.
     # TYPE kube_ingress_metadata_resource_version gauge
     kube_ingress_metadata_resource_version{${L}} 100`,
    { families: ['kube_ingress_metadata_resource_version'] },
  ));

test('kube_ingress_path', () =>
  expectFamilies(
    res,
    [ing],
    `# HELP kube_ingress_path [STABLE] Ingress host, paths and backend service information.
     # TYPE kube_ingress_path gauge
     kube_ingress_path{${L},host="example.com",path="/",path_type="Prefix",service_name="web",service_port="8080"} 1
     kube_ingress_path{${L},host="example.com",path="/static",path_type="ImplementationSpecific",resource_api_group="k8s.example.com",resource_kind="Bucket",resource_name="assets"} 1`,
    { families: ['kube_ingress_path'] },
  ));

test('kube_ingress_tls', () =>
  expectFamilies(
    res,
    [ing],
    `# HELP kube_ingress_tls [STABLE] Ingress TLS host and secret information.
     # TYPE kube_ingress_tls gauge
     kube_ingress_tls{${L},tls_host="example.com",secret="tls-secret"} 1
     kube_ingress_tls{${L},tls_host="www.example.com",secret="tls-secret"} 1`,
    { families: ['kube_ingress_tls'] },
  ));

test('kube_ingress_labels and _annotations', () =>
  expectFamilies(
    res,
    [ing],
    `# HELP kube_ingress_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_ingress_annotations gauge
     kube_ingress_annotations{${L},annotation_team="a"} 1
     # HELP kube_ingress_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_ingress_labels gauge
     kube_ingress_labels{${L},label_app="web"} 1`,
    { families: ['kube_ingress_annotations', 'kube_ingress_labels'], allowLabels: ['app'], allowAnnotations: ['team'] },
  ));
