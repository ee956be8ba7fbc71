import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { replicationcontrollersResource as res } from './replicationcontrollers.ts';

const rc = {
  metadata: {
    name: 'rc1',
    namespace: 'ns1',
    uid: 'u1',
    generation: 21,
    creationTimestamp: '2026-01-02T03:04:05Z',
    ownerReferences: [{ apiVersion: 'v1', kind: 'Thing', name: 'owner-a', uid: 'o1', controller: true }],
  },
  spec: { replicas: 5 },
  status: { replicas: 5, fullyLabeledReplicas: 10, readyReplicas: 5, availableReplicas: 3, observedGeneration: 1 },
};
const bare = { metadata: { name: 'rc2', namespace: 'ns1', uid: 'u2' } };
const L = 'namespace="ns1",replicationcontroller="rc1"';
const B = 'namespace="ns1",replicationcontroller="rc2"';

const statusCases: [string, string, string][] = [
  ['kube_replicationcontroller_status_replicas', 'The number of replicas per ReplicationController.', '5'],
  [
    'kube_replicationcontroller_status_fully_labeled_replicas',
    'The number of fully labeled replicas per ReplicationController.',
    '10',
  ],
  ['kube_replicationcontroller_status_ready_replicas', 'The number of ready replicas per ReplicationController.', '5'],
  [
    'kube_replicationcontroller_status_available_replicas',
    'The number of available replicas per ReplicationController.',
    '3',
  ],
  [
    'kube_replicationcontroller_status_observed_generation',
    'The generation observed by the ReplicationController controller.',
    '1',
  ],
  [
    'kube_replicationcontroller_metadata_generation',
    'Sequence number representing a specific generation of the desired state.',
    '21',
  ],
];
for (const [name, help, v] of statusCases) {
  test(name, () =>
    expectFamilies(
      res,
      [rc, bare],
      `# HELP ${name} [STABLE] ${help}
       # TYPE ${name} gauge
       ${name}{${L}} ${v}
       ${name}{${B}} 0`,
      { families: [name] },
    ),
  );
}

test('kube_replicationcontroller_spec_replicas', () =>
  expectFamilies(
    res,
    [rc, bare],
    `# HELP kube_replicationcontroller_spec_replicas [STABLE] Number of desired pods for a ReplicationController.
     # TYPE kube_replicationcontroller_spec_replicas gauge
     kube_replicationcontroller_spec_replicas{${L}} 5`,
    { families: ['kube_replicationcontroller_spec_replicas'] },
  ));

test('kube_replicationcontroller_created', () =>
  expectFamilies(
    res,
    [rc, bare],
    `# HELP kube_replicationcontroller_created [STABLE] Unix creation timestamp
     # TYPE kube_replicationcontroller_created gauge
     kube_replicationcontroller_created{${L}} 1.767323045e+09`,
    { families: ['kube_replicationcontroller_created'] },
  ));

test('kube_replicationcontroller_owner', () =>
  expectFamilies(
    res,
    [rc, bare],
    `# HELP kube_replicationcontroller_owner Information about the ReplicationController's owner.
     # TYPE kube_replicationcontroller_owner gauge
     kube_replicationcontroller_owner{${L},owner_kind="Thing",owner_name="owner-a",owner_is_controller="true"} 1
     kube_replicationcontroller_owner{${B},owner_kind="",owner_name="",owner_is_controller=""} 1`,
    { families: ['kube_replicationcontroller_owner'] },
  ));
