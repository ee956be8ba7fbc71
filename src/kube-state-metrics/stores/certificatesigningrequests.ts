/** `certificatesigningrequests`: certificates.k8s.io/v1 CertificateSigningRequest (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, arr, createdFamily, gauge, labelsFamily, obj, sample, str } from './store-utils.ts';

const CONDITIONS = [
  ['approved', 'Approved'],
  ['denied', 'Denied'],
  ['failed', 'Failed'],
] as const;

/** Issued certificate length in bytes: the API carries it base64-encoded. */
function certLength(cert: unknown): number {
  return typeof cert === 'string' ? Buffer.from(cert, 'base64').length : 0;
}

export const certificatesigningrequestsResource: ResourceDefinition = {
  name: 'certificatesigningrequests',
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  resource: 'certificatesigningrequests',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: (o) => ({
    keys: ['certificatesigningrequest', 'signer_name'],
    values: [str(o?.metadata?.name), str(obj(o?.spec).signerName)],
  }),
  families: ({ allowLabels, allowAnnotations }) => [
    annotationsFamily('kube_certificatesigningrequest_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_certificatesigningrequest_labels', 'STABLE', allowLabels),
    createdFamily('kube_certificatesigningrequest_created', 'STABLE'),
    gauge(
      'kube_certificatesigningrequest_condition',
      'The number of each certificatesigningrequest condition',
      'STABLE',
      (o) => {
        // Counts, not booleans: a CSR listing the same condition twice reports 2.
        const types = arr(obj(o?.status).conditions).map((c) => obj(c).type);
        return CONDITIONS.map(([label, type]) =>
          sample(types.filter((t) => t === type).length, ['condition'], [label]),
        );
      },
    ),
    gauge('kube_certificatesigningrequest_cert_length', 'Length of the issued cert', 'STABLE', (o) => [
      sample(certLength(obj(o?.status).certificate)),
    ]),
  ],
};
