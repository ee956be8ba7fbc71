import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { leasesResource as res } from './leases.ts';

const lease = {
  metadata: {
    name: 'node-1',
    namespace: 'kube-node-lease',
    uid: 'u1',
    ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'n1' }],
  },
  spec: { holderIdentity: 'node-1', renewTime: '2026-01-02T03:04:05.123456Z' },
};
const orphan = { metadata: { name: 'lock', namespace: 'kube-system', uid: 'u2' }, spec: {} };

test('kube_lease_owner', () =>
  expectFamilies(
    res,
    [lease, orphan],
    `# HELP kube_lease_owner Information about the Lease's owner.
     # TYPE kube_lease_owner gauge
     kube_lease_owner{lease="node-1",owner_kind="Node",owner_name="node-1",namespace="kube-node-lease",lease_holder="node-1"} 1
     kube_lease_owner{lease="lock",owner_kind="",owner_name="",namespace="kube-system",lease_holder=""} 1`,
    { families: ['kube_lease_owner'] },
  ));

test('kube_lease_renew_time', () =>
  expectFamilies(
    res,
    [lease, orphan],
    `# HELP kube_lease_renew_time Kube lease renew time.
     # TYPE kube_lease_renew_time gauge
     kube_lease_renew_time{lease="node-1",namespace="kube-node-lease"} 1.767323045e+09`,
    { families: ['kube_lease_renew_time'] },
  ));
