/** `endpoints`: v1 Endpoints (off by default since v2.18 in favour of endpointslices). */
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import {
  annotationsFamily,
  arr,
  createdFamily,
  gauge,
  infoFamily,
  labelsFamily,
  namespaceNameLabels,
  obj,
  sample,
  str,
} from './store-utils.ts';

/** Go prints the int32 port with `strconv.FormatInt`; a missing port is 0. */
function portNumber(port: unknown): string {
  return typeof port === 'number' && Number.isInteger(port) ? String(port) : '0';
}

const ADDRESS_KEYS = ['port_protocol', 'port_number', 'port_name', 'ip', 'ready'];

export const endpointsResource: ResourceDefinition = {
  name: 'endpoints',
  apiVersion: 'v1',
  kind: 'Endpoints',
  resource: 'endpoints',
  namespaced: true,
  enabledByDefault: false,
  defaultLabels: namespaceNameLabels('endpoint'),
  families: ({ allowLabels, allowAnnotations }) => [
    infoFamily('kube_endpoint_info', 'Information about endpoint.', 'STABLE'),
    createdFamily('kube_endpoint_created', 'STABLE'),
    annotationsFamily('kube_endpoint_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_endpoint_labels', 'STABLE', allowLabels),
    gauge(
      'kube_endpoint_address',
      'Information about Endpoint available and non available addresses.',
      'STABLE',
      (o) => {
        const out: Metric[] = [];
        for (const subset of arr(o?.subsets).map(obj)) {
          for (const port of arr(subset.ports).map(obj)) {
            const head = [str(port.protocol), portNumber(port.port), str(port.name)];
            for (const a of arr(subset.addresses)) out.push(sample(1, ADDRESS_KEYS, [...head, str(obj(a).ip), 'true']));
            for (const a of arr(subset.notReadyAddresses)) {
              out.push(sample(1, ADDRESS_KEYS, [...head, str(obj(a).ip), 'false']));
            }
          }
        }
        return out;
      },
    ),
    gauge(
      'kube_endpoint_ports',
      'Information about the Endpoint ports.',
      'STABLE',
      (o) =>
        arr(o?.subsets).flatMap((s) =>
          arr(obj(s).ports).map((p) => {
            const port = obj(p);
            return sample(
              1,
              ['port_name', 'port_protocol', 'port_number'],
              [str(port.name), str(port.protocol), portNumber(port.port)],
            );
          }),
        ),
      { deprecatedVersion: 'v2.14.0' },
    ),
  ],
};
