import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { poddisruptionbudgetsResource as res } from './poddisruptionbudgets.ts';

const pdb = {
  metadata: {
    name: 'web',
    namespace: 'ns1',
    uid: 'u1',
    generation: 21,
    creationTimestamp: '2026-01-02T03:04:05Z',
    deletionTimestamp: '2026-01-02T04:00:00Z',
    labels: { app: 'web' },
    annotations: { team: 'a' },
  },
  spec: { minAvailable: 2 },
  status: { currentHealthy: 12, desiredHealthy: 10, disruptionsAllowed: 2, expectedPods: 15, observedGeneration: 111 },
};
const empty = { metadata: { name: 'empty', namespace: 'ns1', uid: 'u2' } };
const L = 'namespace="ns1",poddisruptionbudget="web"';
const E = 'namespace="ns1",poddisruptionbudget="empty"';

const cases: [string, string, string, string][] = [
  ['kube_poddisruptionbudget_status_current_healthy', 'Current number of healthy pods', '12', '0'],
  ['kube_poddisruptionbudget_status_desired_healthy', 'Minimum desired number of healthy pods', '10', '0'],
  [
    'kube_poddisruptionbudget_status_pod_disruptions_allowed',
    'Number of pod disruptions that are currently allowed',
    '2',
    '0',
  ],
  [
    'kube_poddisruptionbudget_status_expected_pods',
    'Total number of pods counted by this disruption budget',
    '15',
    '0',
  ],
  [
    'kube_poddisruptionbudget_status_observed_generation',
    'Most recent generation observed when updating this PDB status',
    '111',
    '0',
  ],
];
for (const [name, help, v, zero] of cases) {
  test(name, () =>
    expectFamilies(
      res,
      [pdb, empty],
      `# HELP ${name} [STABLE] ${help}
       # TYPE ${name} gauge
       ${name}{${L}} ${v}
       ${name}{${E}} ${zero}`,
      { families: [name] },
    ),
  );
}

test('kube_poddisruptionbudget_created', () =>
  expectFamilies(
    res,
    [pdb, empty],
    `# HELP kube_poddisruptionbudget_created [STABLE] Unix creation timestamp
     # TYPE kube_poddisruptionbudget_created gauge
     kube_poddisruptionbudget_created{${L}} 1.767323045e+09`,
    { families: ['kube_poddisruptionbudget_created'] },
  ));

test('kube_poddisruptionbudget_deletion_timestamp', () =>
  expectFamilies(
    res,
    [pdb, empty],
    `# HELP kube_poddisruptionbudget_deletion_timestamp Unix deletion timestamp
     # TYPE kube_poddisruptionbudget_deletion_timestamp gauge
     kube_poddisruptionbudget_deletion_timestamp{${L}} 1.7673264e+09`,
    { families: ['kube_poddisruptionbudget_deletion_timestamp'] },
  ));

test('kube_poddisruptionbudget_labels and _annotations', () =>
  expectFamilies(
    res,
    [pdb],
    `# HELP kube_poddisruptionbudget_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_poddisruptionbudget_annotations gauge
     kube_poddisruptionbudget_annotations{${L},annotation_team="a"} 1
     # HELP kube_poddisruptionbudget_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_poddisruptionbudget_labels gauge
     kube_poddisruptionbudget_labels{${L},label_app="web"} 1`,
    {
      families: ['kube_poddisruptionbudget_annotations', 'kube_poddisruptionbudget_labels'],
      allowLabels: ['app'],
      allowAnnotations: ['team'],
    },
  ));
