import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { MetricsStore } from '../metrics-store/metrics-store.ts';
import { allResources, defaultResourceNames, resolveResources } from './index.ts';

/** Family counts per resource from the reference's resource summary (v2.20.0). */
const FAMILY_COUNTS: Record<string, number> = {
  certificatesigningrequests: 5,
  clusterrolebindings: 5,
  clusterroles: 5,
  configmaps: 5,
  cronjobs: 14,
  daemonsets: 13,
  deployments: 18,
  endpoints: 6,
  endpointslices: 7,
  horizontalpodautoscalers: 15,
  ingressclasses: 4,
  ingresses: 7,
  jobs: 17,
  leases: 2,
  limitranges: 2,
  mutatingadmissionpolicies: 2,
  mutatingadmissionpolicybindings: 2,
  mutatingwebhookconfigurations: 4,
  namespaces: 5,
  networkpolicies: 5,
  nodes: 13,
  persistentvolumeclaims: 9,
  persistentvolumes: 11,
  poddisruptionbudgets: 9,
  pods: 60,
  replicasets: 11,
  replicationcontrollers: 9,
  resourcequotas: 4,
  rolebindings: 5,
  roles: 5,
  secrets: 7,
  serviceaccounts: 7,
  services: 8,
  statefulsets: 16,
  storageclasses: 4,
  validatingadmissionpolicies: 2,
  validatingadmissionpolicybindings: 3,
  validatingwebhookconfigurations: 4,
  volumeattachments: 6,
};

const OPTIONS = { allowLabels: ['*'], allowAnnotations: ['*'] };

test('registry lists the 39 resources alphabetically, 32 by default', () => {
  const names = allResources.map((r) => r.name);
  assert.deepEqual(names, Object.keys(FAMILY_COUNTS));
  assert.deepEqual(names, [...names].sort());
  assert.equal(defaultResourceNames.length, 32);
  assert.deepEqual(
    names.filter((n) => !defaultResourceNames.includes(n)),
    ['clusterrolebindings', 'clusterroles', 'endpoints', 'ingressclasses', 'rolebindings', 'roles', 'serviceaccounts'],
  );
});

test('every resource declares the upstream number of families, 336 in all, names unique', () => {
  const seen = new Set<string>();
  let total = 0;
  for (const r of allResources) {
    const families = r.families(OPTIONS);
    assert.equal(families.length, FAMILY_COUNTS[r.name], `${r.name} family count`);
    for (const f of families) {
      assert.match(f.name, /^kube_[a-z0-9_]+$/, `${r.name}: ${f.name}`);
      assert.ok(!seen.has(f.name), `duplicate family ${f.name}`);
      seen.add(f.name);
      assert.ok(f.help.length > 0, `${f.name} help`);
    }
    total += families.length;
  }
  assert.equal(total, 336);
  const optIn = allResources.flatMap((r) =>
    r
      .families(OPTIONS)
      .filter((f) => f.optIn)
      .map((f) => f.name),
  );
  assert.deepEqual(optIn.sort(), ['kube_persistentvolume_csi_attributes', 'kube_pod_nodeselectors']);
  const counters = allResources.flatMap((r) => r.families(OPTIONS).filter((f) => f.type === 'counter'));
  assert.deepEqual(counters.map((f) => f.name).sort(), [
    'kube_pod_container_status_restarts_total',
    'kube_pod_init_container_status_restarts_total',
  ]);
});

const GARBAGE: unknown[] = [
  { metadata: {} },
  { metadata: { name: 'x', uid: 'g1', labels: 'nope', annotations: 5, ownerReferences: {} }, spec: 'x', status: 7 },
  {
    metadata: { name: 'y', uid: 'g2', creationTimestamp: 'yesterday', resourceVersion: {} },
    spec: { containers: 'no', rules: [null, 3], limits: [{ min: null }], ports: [null] },
    status: { conditions: [null, 'x', { type: 5 }], phase: {} },
    subsets: [null, { ports: 'p' }],
    endpoints: [null, { addresses: 'a' }],
    webhooks: [null],
  },
];

test('generators never throw on malformed objects', () => {
  for (const r of allResources) {
    for (const f of r.families(OPTIONS)) {
      for (const o of GARBAGE) {
        assert.doesNotThrow(() => f.generate(o as KubeObject), `${f.name} on ${JSON.stringify(o)}`);
      }
    }
    assert.doesNotThrow(() => r.defaultLabels({ metadata: {} }), `${r.name} default labels`);
    const store = new MetricsStore(r, r.families(OPTIONS));
    for (const o of GARBAGE) store.add(o as KubeObject);
  }
});

test('resolveResources validates, dedupes and orders', () => {
  assert.deepEqual(
    resolveResources(['pods', ' configmaps', 'pods', '']).map((r) => r.name),
    ['configmaps', 'pods'],
  );
  assert.equal(resolveResources([]).length, 32);
  assert.throws(
    () => resolveResources(['pod']),
    /^Error: resource pod does not exist\. Available resources: certificatesigningrequests,/,
  );
});
