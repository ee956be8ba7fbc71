/** `validatingwebhookconfigurations`: admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration (cluster-scoped). */
import type { ResourceDefinition } from '../metric/family.ts';
import { namespacedClusterLabels } from './admission-policy-labels.ts';
import { arr, createdFamily, gauge, infoFamily, obj, resourceVersionFamily, sample, str } from './store-utils.ts';

export const validatingwebhookconfigurationsResource: ResourceDefinition = {
  name: 'validatingwebhookconfigurations',
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingWebhookConfiguration',
  resource: 'validatingwebhookconfigurations',
  namespaced: false,
  enabledByDefault: true,
  defaultLabels: namespacedClusterLabels('validatingwebhookconfiguration'),
  families: () => [
    infoFamily(
      'kube_validatingwebhookconfiguration_info',
      'Information about the ValidatingWebhookConfiguration.',
      'ALPHA',
    ),
    createdFamily('kube_validatingwebhookconfiguration_created', 'ALPHA', 'Unix creation timestamp.'),
    resourceVersionFamily(
      'kube_validatingwebhookconfiguration_metadata_resource_version',
      'Resource version representing a specific version of the ValidatingWebhookConfiguration.',
      'ALPHA',
    ),
    gauge(
      'kube_validatingwebhookconfiguration_webhook_clientconfig_service',
      'Service used by the apiserver to connect to a validating webhook.',
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
