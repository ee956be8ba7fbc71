/** `leases`: coordination.k8s.io/v1 Lease. Default label is only `lease`; `namespace` is a family label. */
import type { ResourceDefinition } from '../metric/family.ts';
import { arr, gauge, nameLabel, obj, sample, str, timestampSeconds } from './store-utils.ts';

const OWNER_KEYS = ['owner_kind', 'owner_name', 'namespace', 'lease_holder'];

export const leasesResource: ResourceDefinition = {
  name: 'leases',
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  resource: 'leases',
  namespaced: true,
  enabledByDefault: true,
  defaultLabels: nameLabel('lease'),
  families: () => [
    gauge('kube_lease_owner', "Information about the Lease's owner.", 'ALPHA', (o) => {
      const namespace = str(o?.metadata?.namespace);
      const holder = str(obj(o?.spec).holderIdentity);
      const owners = arr(o?.metadata?.ownerReferences).map(obj);
      if (owners.length === 0) return [sample(1, OWNER_KEYS, ['', '', namespace, holder])];
      return owners.map((r) => sample(1, OWNER_KEYS, [str(r.kind), str(r.name), namespace, holder]));
    }),
    gauge('kube_lease_renew_time', 'Kube lease renew time.', 'ALPHA', (o) => {
      const t = timestampSeconds(obj(o?.spec).renewTime);
      return t === undefined ? [] : [sample(t, ['namespace'], [str(o?.metadata?.namespace)])];
    }),
  ],
};
