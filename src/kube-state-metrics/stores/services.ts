/** `services`: v1 Service. Default labels include the UID. */
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

export const servicesResource: ResourceDefinition = {
  name: 'services',
  apiVersion: 'v1',
  kind: 'Service',
  resource: 'services',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: (o) => ({
    keys: ['namespace', 'service', 'uid'],
    values: [str(o?.metadata?.namespace), str(o?.metadata?.name), str(o?.metadata?.uid)],
  }),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_service_info', 'Information about service.', 'STABLE', (o) => {
      const spec = obj(o?.spec);
      return [
        sample(
          1,
          ['cluster_ip', 'external_name', 'load_balancer_ip', 'external_traffic_policy'],
          [str(spec.clusterIP), str(spec.externalName), str(spec.loadBalancerIP), str(spec.externalTrafficPolicy)],
        ),
      ];
    }),
    createdFamily('kube_service_created', 'STABLE'),
    gauge('kube_service_spec_type', 'Type about service.', 'STABLE', (o) => [
      sample(1, ['type'], [str(obj(o?.spec).type)]),
    ]),
    annotationsFamily('kube_service_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_service_labels', 'STABLE', allowLabels),
    gauge('kube_service_spec_external_ip', 'Service external ips. One series for each ip', 'STABLE', (o) =>
      arr(obj(o?.spec).externalIPs).map((ip) => sample(1, ['external_ip'], [str(ip)])),
    ),
    gauge('kube_service_status_load_balancer_ingress', 'Service load balancer ingress status', 'STABLE', (o) =>
      arr(obj(obj(o?.status).loadBalancer).ingress).map((i) => {
        const ingress = obj(i);
        return sample(1, ['ip', 'hostname'], [str(ingress.ip), str(ingress.hostname)]);
      }),
    ),
    gauge('kube_service_deletion_timestamp', 'Unix deletion timestamp', 'ALPHA', deletionTimestampMetric),
  ],
};
