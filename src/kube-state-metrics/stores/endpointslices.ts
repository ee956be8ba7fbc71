/** `endpointslices`: discovery.k8s.io/v1 EndpointSlice. Default labels are `endpointslice, namespace` (that order). */

import type { KubeObject } from '../../shared/kube/object.ts';
import type { Metric, ResourceDefinition } from '../metric/family.ts';
import { annotationsFamily, arr, createdFamily, gauge, labelsFamily, obj, sample, str } from './store-utils.ts';

/** Optional booleans print as `true`/`false`, or empty when unset (Go's nil pointer). */
function optBool(v: unknown): string {
  return typeof v === 'boolean' ? String(v) : '';
}

const ENDPOINT_KEYS = [
  'ready',
  'serving',
  'hostname',
  'terminating',
  'targetref_kind',
  'targetref_name',
  'targetref_namespace',
  'endpoint_nodename',
  'endpoint_zone',
  'address',
];

function endpointMetrics(o: KubeObject): Metric[] {
  const out: Metric[] = [];
  for (const ep of arr(o?.endpoints).map(obj)) {
    const cond = obj(ep.conditions);
    const ref = obj(ep.targetRef);
    const head = [
      optBool(cond.ready),
      optBool(cond.serving),
      str(ep.hostname),
      optBool(cond.terminating),
      str(ref.kind),
      str(ref.name),
      str(ref.namespace),
      str(ep.nodeName),
      str(ep.zone),
    ];
    for (const address of arr(ep.addresses)) out.push(sample(1, ENDPOINT_KEYS, [...head, str(address)]));
  }
  return out;
}

function hintMetrics(o: KubeObject): Metric[] {
  const out: Metric[] = [];
  for (const ep of arr(o?.endpoints).map(obj)) {
    const zones = arr(obj(ep.hints).forZones);
    const addresses = arr(ep.addresses);
    // Only the first address carries the hints, as upstream reports them.
    if (zones.length === 0 || addresses.length === 0) continue;
    for (const zone of zones) out.push(sample(1, ['address', 'for_zone'], [str(addresses[0]), str(obj(zone).name)]));
  }
  return out;
}

export const endpointslicesResource: ResourceDefinition = {
  name: 'endpointslices',
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: (o) => ({
    keys: ['endpointslice', 'namespace'],
    values: [str(o?.metadata?.name), str(o?.metadata?.namespace)],
  }),
  families: ({ allowLabels, allowAnnotations }) => [
    gauge('kube_endpointslice_info', 'Information about endpointslice.', 'ALPHA', (o) => [
      sample(1, ['addresstype'], [str(o?.addressType)]),
    ]),
    createdFamily('kube_endpointslice_created', 'ALPHA'),
    gauge('kube_endpointslice_endpoints_hints', 'Topology routing hints attached to endpoints', 'ALPHA', hintMetrics),
    gauge('kube_endpointslice_endpoints', 'Endpoints attached to the endpointslice.', 'ALPHA', endpointMetrics),
    gauge('kube_endpointslice_ports', 'Ports attached to the endpointslice.', 'ALPHA', (o) =>
      arr(o?.ports).map((p) => {
        const port = obj(p);
        const number = typeof port.port === 'number' && Number.isInteger(port.port) ? String(port.port) : '';
        return sample(1, ['port_name', 'port_protocol', 'port_number'], [str(port.name), str(port.protocol), number]);
      }),
    ),
    annotationsFamily('kube_endpointslice_annotations', 'ALPHA', allowAnnotations),
    labelsFamily('kube_endpointslice_labels', 'ALPHA', allowLabels),
  ],
};
