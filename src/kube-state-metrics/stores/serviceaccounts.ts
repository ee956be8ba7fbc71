/** `serviceaccounts`: v1 ServiceAccount (off by default). Default labels include the UID. */
import type { ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  arr,
  createdFamily,
  deletionTimestampMetric,
  gauge,
  labelsFamily,
  obj,
  sample,
  str,
} from './store-utils.ts';

export const serviceaccountsResource: ResourceDefinition = {
  name: 'serviceaccounts',
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  namespaced: true,
  enabledByDefault: false,
  defaultLabels: (o) => ({
    keys: ['namespace', 'serviceaccount', 'uid'],
    values: [str(o?.metadata?.namespace), str(o?.metadata?.name), str(o?.metadata?.uid)],
  }),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_serviceaccount_info', 'Information about a service account', 'ALPHA', (o) => {
      const automount = o?.automountServiceAccountToken;
      return [sample(1, ['automount_token'], [typeof automount === 'boolean' ? String(automount) : ''])];
    }),
    createdFamily('kube_serviceaccount_created', 'ALPHA'),
    gauge('kube_serviceaccount_deleted', 'Unix deletion timestamp', 'ALPHA', deletionTimestampMetric),
    gauge('kube_serviceaccount_secret', 'Secret being referenced by a service account', 'ALPHA', (o) =>
      arr(o?.secrets).map((s) => sample(1, ['name'], [str(obj(s).name)])),
    ),
    gauge(
      'kube_serviceaccount_image_pull_secret',
      'Secret being referenced by a service account for the purpose of pulling images',
      'ALPHA',
      (o) => arr(o?.imagePullSecrets).map((s) => sample(1, ['name'], [str(obj(s).name)])),
    ),
    annotationsFamily('kube_serviceaccount_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_serviceaccount_labels', 'ALPHA', allowLabels),
  ],
};
