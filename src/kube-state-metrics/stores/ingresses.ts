/** `ingresses`: networking.k8s.io/v1 Ingress. */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  arr,
  createdFamily,
  gauge,
  labelsFamily,
  namespaceNameLabels,
  obj,
  resourceVersionFamily,
  sample,
  str,
} from './store-utils.ts';

/** The legacy annotation wins over `spec.ingressClassName`; `_default` when neither is set. */
function ingressClass(o: KubeObject): string {
  const annotations = obj(o?.metadata?.annotations);
  if (typeof annotations['kubernetes.io/ingress.class'] === 'string') return annotations['kubernetes.io/ingress.class'];
  const name = obj(o?.spec).ingressClassName;
  return typeof name === 'string' ? name : '_default';
}

function pathMetrics(o: KubeObject): Metric[] {
  const out: Metric[] = [];
  for (const rule of arr(obj(o?.spec).rules).map(obj)) {
    if (rule.http === undefined || rule.http === null) continue;
    for (const path of arr(obj(rule.http).paths).map(obj)) {
      const head = [str(rule.host), str(path.path), str(path.pathType)];
      const backend = obj(path.backend);
      if (backend.service !== undefined && backend.service !== null) {
        const svc = obj(backend.service);
        const port = obj(svc.port).number;
        const portText = typeof port === 'number' && Number.isInteger(port) ? String(port) : '0';
        out.push(
          sample(1, ['host', 'path', 'path_type', 'service_name', 'service_port'], [...head, str(svc.name), portText]),
        );
      } else {
        const r = obj(backend.resource);
        out.push(
          sample(
            1,
            ['host', 'path', 'path_type', 'resource_api_group', 'resource_kind', 'resource_name'],
            [...head, str(r.apiGroup), str(r.kind), str(r.name)],
          ),
        );
      }
    }
  }
  return out;
}

export const ingressesResource: ResourceDefinition = {
  name: 'ingresses',
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  resource: 'ingresses',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: namespaceNameLabels('ingress'),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_ingress_info', 'Information about ingress.', 'STABLE', (o) => [
      sample(1, ['ingressclass'], [ingressClass(o)]),
    ]),
    annotationsFamily('kube_ingress_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_ingress_labels', 'STABLE', allowLabels),
    createdFamily('kube_ingress_created', 'STABLE'),
    resourceVersionFamily(
      'kube_ingress_metadata_resource_version',
      'Resource version representing a specific version of ingress.',
      'ALPHA',
    ),
    gauge('kube_ingress_path', 'Ingress host, paths and backend service information.', 'STABLE', pathMetrics),
    gauge('kube_ingress_tls', 'Ingress TLS host and secret information.', 'STABLE', (o) =>
      arr(obj(o?.spec).tls).flatMap((t) => {
        const tls = obj(t);
        return arr(tls.hosts).map((host) => sample(1, ['tls_host', 'secret'], [str(host), str(tls.secretName)]));
      }),
    ),
  ],
};
