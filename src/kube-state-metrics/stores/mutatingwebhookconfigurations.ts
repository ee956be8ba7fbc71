/** `mutatingwebhookconfigurations`: admissionregistration.k8s.io/v1 MutatingWebhookConfiguration (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { namespacedClusterLabels } from './admission-policy-labels.ts';
import { arr, createdFamily, gauge, infoFamily, obj, resourceVersionFamily, sample, str } from './store-utils.ts';

export const mutatingwebhookconfigurationsResource: ResourceDefinition = {
  name: 'mutatingwebhookconfigurations',
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'MutatingWebhookConfiguration',
  resource: 'mutatingwebhookconfigurations',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: namespacedClusterLabels('mutatingwebhookconfiguration'),
  families: () => [
    infoFamily(
      'kube_mutatingwebhookconfiguration_info',
      'Information about the MutatingWebhookConfiguration.',
      'ALPHA',
    ),
    createdFamily('kube_mutatingwebhookconfiguration_created', 'ALPHA', 'Unix creation timestamp.'),
    resourceVersionFamily(
      'kube_mutatingwebhookconfiguration_metadata_resource_version',
      'Resource version representing a specific version of the MutatingWebhookConfiguration.',
      'ALPHA',
    ),
    gauge(
      'kube_mutatingwebhookconfiguration_webhook_clientconfig_service',
      'Service used by the apiserver to connect to a mutating webhook.',
      'ALPHA',
      (o) =>
        arr(o?.webhooks).map((w) => {
          const webhook = obj(w);
          const svc = obj(obj(webhook.clientConfig).service);
          return sample(
            1,
            ['webhook_name', 'service_name', 'service_namespace'],
            [str(webhook.name), str(svc.name), str(svc.namespace)],
          );
        }),
    ),
  ],
};
