import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { certificatesigningrequestsResource as res } from './certificatesigningrequests.ts';

const csr = {
  metadata: {
    name: 'node-csr',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { 'app.kubernetes.io/name': 'kubelet' },
    annotations: { owner: 'ops' },
  },
  spec: { signerName: 'kubernetes.io/kube-apiserver-client-kubelet' },
  status: {
    conditions: [{ type: 'Approved', status: 'True' }],
    certificate: Buffer.from('x'.repeat(1234)).toString('base64'),
  },
};
const pending = { metadata: { name: 'pending', uid: 'u2' }, spec: { signerName: 's' }, status: {} };
const L = 'certificatesigningrequest="node-csr",signer_name="kubernetes.io/kube-apiserver-client-kubelet"';

test('kube_certificatesigningrequest_created', () =>
  expectFamilies(
    res,
    [csr, pending],
    `# HELP kube_certificatesigningrequest_created [STABLE] Unix creation timestamp
     # TYPE kube_certificatesigningrequest_created gauge
     kube_certificatesigningrequest_created{${L}} 1.767323045e+09`,
    { families: ['kube_certificatesigningrequest_created'] },
  ));

test('kube_certificatesigningrequest_condition', () =>
  expectFamilies(
    res,
    [csr, pending],
    `# HELP kube_certificatesigningrequest_condition [STABLE] The number of each certificatesigningrequest condition
     # TYPE kube_certificatesigningrequest_condition gauge
     kube_certificatesigningrequest_condition{${L},condition="approved"} 1
     kube_certificatesigningrequest_condition{${L},condition="denied"} 0
     kube_certificatesigningrequest_condition{${L},condition="failed"} 0
     kube_certificatesigningrequest_condition{certificatesigningrequest="pending",signer_name="s",condition="approved"} 0
     kube_certificatesigningrequest_condition{certificatesigningrequest="pending",signer_name="s",condition="denied"} 0
     kube_certificatesigningrequest_condition{certificatesigningrequest="pending",signer_name="s",condition="failed"} 0`,
    { families: ['kube_certificatesigningrequest_condition'] },
  ));

test('kube_certificatesigningrequest_cert_length', () =>
  expectFamilies(
    res,
    [csr, pending],
    `# HELP kube_certificatesigningrequest_cert_length [STABLE] Length of the issued cert
     # TYPE kube_certificatesigningrequest_cert_length gauge
     kube_certificatesigningrequest_cert_length{${L}} 1234
     kube_certificatesigningrequest_cert_length{certificatesigningrequest="pending",signer_name="s"} 0`,
    { families: ['kube_certificatesigningrequest_cert_length'] },
  ));

test('kube_certificatesigningrequest_labels and _annotations', async () => {
  await expectFamilies(
    res,
    [csr],
    `# HELP kube_certificatesigningrequest_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_certificatesigningrequest_annotations gauge
     # HELP kube_certificatesigningrequest_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_certificatesigningrequest_labels gauge`,
    { families: ['kube_certificatesigningrequest_annotations', 'kube_certificatesigningrequest_labels'] },
  );
  await expectFamilies(
    res,
    [csr],
    `# HELP kube_certificatesigningrequest_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_certificatesigningrequest_annotations gauge
     kube_certificatesigningrequest_annotations{${L},annotation_owner="ops"} 1
     # HELP kube_certificatesigningrequest_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_certificatesigningrequest_labels gauge
     kube_certificatesigningrequest_labels{${L},label_app_kubernetes_io_name="kubelet"} 1`,
    {
      families: ['kube_certificatesigningrequest_annotations', 'kube_certificatesigningrequest_labels'],
      allowLabels: ['*'],
      allowAnnotations: ['owner', 'missing'],
    },
  );
});
