import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { secretsResource as res } from './secrets.ts';

const secret = {
  metadata: {
    name: 'tls',
    namespace: 'ns1',
    uid: 'u1',
    resourceVersion: '10596',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Certificate', name: 'cert', uid: 'c1' }],
  },
  type: 'kubernetes.io/tls',
  data: { 'tls.crt': 'c2VjcmV0' },
};
const opaque = { metadata: { name: 'plain', namespace: 'ns1', uid: 'u2' }, type: 'Opaque' };
const L = 'namespace="ns1",secret="tls"';
const P = 'namespace="ns1",secret="plain"';

test('kube_secret_info', () =>
  expectFamilies(
    res,
    [secret, opaque],
    `# HELP kube_secret_info [STABLE] Information about secret.
     # TYPE kube_secret_info gauge
     kube_secret_info{${L}} 1
     kube_secret_info{${P}} 1`,
    { families: ['kube_secret_info'] },
  ));

test('kube_secret_type', () =>
  expectFamilies(
    res,
    [secret, opaque],
    `# HELP kube_secret_type [STABLE] Type about secret.
     # TYPE kube_secret_type gauge
     kube_secret_type{${L},type="kubernetes.io/tls"} 1
     kube_secret_type{${P},type="Opaque"} 1`,
    { families: ['kube_secret_type'] },
  ));

test('kube_secret_created', () =>
  expectFamilies(
    res,
    [secret, opaque],
    `# HELP kube_secret_created [STABLE] Unix creation timestamp
     # TYPE kube_secret_created gauge
     kube_secret_created{${L}} 1.767323045e+09`,
    { families: ['kube_secret_created'] },
  ));

test('kube_secret_metadata_resource_version', () =>
  expectFamilies(
    res,
    [secret, opaque],
    `# HELP kube_secret_metadata_resource_version Resource version representing a specific version of secret.
     # TYPE kube_secret_metadata_resource_version gauge
     kube_secret_metadata_resource_version{${L}} 10596`,
    { families: ['kube_secret_metadata_resource_version'] },
  ));

test('kube_secret_owner', () =>
  expectFamilies(
    res,
    [secret, opaque],
    `# HELP kube_secret_owner Information about the Secret's owner.
     # TYPE kube_secret_owner gauge
     kube_secret_owner{${L},owner_kind="Certificate",owner_name="cert",owner_is_controller="false"} 1
     kube_secret_owner{${P},owner_kind="",owner_name="",owner_is_controller=""} 1`,
    { families: ['kube_secret_owner'] },
  ));

test('kube_secret_labels and _annotations', () =>
  expectFamilies(
    res,
    [secret],
    `# HELP kube_secret_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_secret_annotations gauge
     kube_secret_annotations{${L},annotation_team="a"} 1
     # HELP kube_secret_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_secret_labels gauge
     kube_secret_labels{${L},label_app="web"} 1`,
    { families: ['kube_secret_annotations', 'kube_secret_labels'], allowLabels: ['*'], allowAnnotations: ['*'] },
  ));
