/**
 * Contract and robustness checks over the ten big resource stores: family counts as upstream,
 * unique names, and generators that survive partial and hostile objects without throwing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ResourceDefinition } from '../metric/family.ts';
import { renderResource } from '../metric/testing.ts';
import { cronjobsResource } from './cronjobs.ts';
import { daemonsetsResource } from './daemonsets.ts';
import { deploymentsResource } from './deployments.ts';
import { horizontalpodautoscalersResource } from './horizontalpodautoscalers.ts';
import { jobsResource } from './jobs.ts';
import { nodesResource } from './nodes.ts';
import { persistentvolumesResource } from './persistentvolumes.ts';
import { podsResource } from './pods.ts';
import { replicasetsResource } from './replicasets.ts';
import { statefulsetsResource } from './statefulsets.ts';

/** `[resource, families, of which STABLE, opt-in]`, counted from upstream v2.20.0. */
const EXPECTED: [ResourceDefinition, number, number, number][] = [
  [cronjobsResource, 14, 10, 0],
  [daemonsetsResource, 13, 11, 0],
  [deploymentsResource, 18, 14, 0],
  [horizontalpodautoscalersResource, 15, 8, 0],
  [jobsResource, 17, 14, 0],
  [nodesResource, 13, 8, 0],
  [persistentvolumesResource, 11, 5, 1],
  [podsResource, 60, 30, 1],
  [replicasetsResource, 11, 9, 0],
  [statefulsetsResource, 16, 16, 0],
];

const ALL = { allowLabels: ['*'], allowAnnotations: ['*'] };

const hostileSpec = {
  containers: [null, 1, 'x', { name: 5, image: {}, resources: { requests: 'x', limits: null } }, { resources: [] }],
  initContainers: {},
  volumes: [null, { persistentVolumeClaim: 'x' }, { ephemeral: 1 }, { name: 3, persistentVolumeClaim: null }],
  tolerations: [null, { tolerationSeconds: 'x', key: 1 }],
  nodeSelector: [],
  resourceClaims: [null, { resourceClaimName: 5 }, 'claim'],
  overhead: { cpu: 5, memory: null },
  replicas: 'x',
  strategy: { rollingUpdate: { maxSurge: {}, maxUnavailable: [] } },
  ordinals: null,
  persistentVolumeClaimRetentionPolicy: 'x',
  schedule: 5,
  timeZone: 5,
  suspend: 'yes',
  metrics: [null, { type: 'Object', object: null }, { type: 'Resource', resource: { target: null } }, { type: 7 }],
  behavior: { scaleUp: { tolerance: {} }, scaleDown: { tolerance: 'lots' } },
  scaleTargetRef: 'x',
  capacity: 'x',
  taints: [null, 'x'],
  podCIDRs: 'x',
  claimRef: [],
  csi: { volumeAttributes: 'x' },
  fc: { lun: 'x', targetWWNs: 'x', wwids: [1, null] },
  accessModes: 'x',
  hostNetwork: 'true',
};

const hostileStatus = {
  containerStatuses: [null, { state: null, lastState: 'x' }, { state: { running: null, terminated: 5, waiting: [] } }],
  initContainerStatuses: [{ name: {}, state: { terminated: { finishedAt: 'yesterday' } } }],
  conditions: [
    null,
    'x',
    { type: 'Ready', status: 5 },
    { type: 'PodScheduled', status: 'True', lastTransitionTime: 3 },
  ],
  podIPs: [null, { ip: 5 }, { ip: '::ffff:zz' }, { ip: 'fe80::1%eth0' }],
  addresses: 'x',
  capacity: { cpu: {}, memory: 'garbage', pods: '1e400' },
  allocatable: null,
  nodeInfo: 5,
  currentMetrics: [{ type: 'Pods', pods: { metric: null, current: 5 } }],
  active: 'x',
  phase: 5,
  failed: 'x',
  lastScheduleTime: 'soon',
  resourceClaimStatuses: 'x',
};

const GARBAGE = [
  { metadata: {} },
  {
    metadata: {
      name: 5,
      namespace: null,
      uid: 'g1',
      labels: 'x',
      annotations: [1, 2],
      ownerReferences: {},
      creationTimestamp: 'not a date',
      deletionTimestamp: 12,
      generation: 'x',
      resourceVersion: {},
    },
  },
  { metadata: { uid: 'g2' }, spec: null, status: null },
  { metadata: { uid: 'g3' }, spec: 'str', status: 42 },
  { metadata: { uid: 'g4' }, spec: [], status: [] },
  {
    metadata: { uid: 'g5', ownerReferences: [null, 'x', { controller: 'yes' }] },
    spec: hostileSpec,
    status: hostileStatus,
  },
  // Not even metadata: the watch stream should never deliver this, but the generators must not care.
  { spec: hostileSpec },
] as unknown as KubeObject[];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

describe('big resources: family lists', () => {
  for (const [def, total, stable, optIn] of EXPECTED) {
    it(`${def.name} declares ${total} families`, () => {
      const families = def.families(ALL);
      assert.equal(families.length, total);
      assert.equal(new Set(families.map((f) => f.name)).size, total, 'family names are unique');
      assert.equal(families.filter((f) => f.stability === 'STABLE').length, stable);
      assert.equal(families.filter((f) => f.optIn).length, optIn);
      for (const f of families) assert.match(f.name, /^kube_[a-z]+_[a-z_]+$/);
    });
  }
});

describe('big resources: partial and hostile objects', () => {
  for (const [def] of EXPECTED) {
    it(`${def.name} generators never throw and emit well-formed samples`, async () => {
      for (const o of GARBAGE) {
        const d = def.defaultLabels(o);
        assert.equal(d.keys.length, d.values.length);
        for (const f of def.families(ALL)) {
          const metrics = f.generate(o);
          for (const m of metrics) {
            assert.equal(m.labelKeys.length, m.labelValues.length, `${f.name}: keys and values pair up`);
            for (const k of m.labelKeys) assert.match(k, LABEL_NAME, `${f.name}: label name ${k}`);
            for (const v of m.labelValues) assert.equal(typeof v, 'string', `${f.name}: label values are strings`);
            assert.equal(typeof m.value, 'number', `${f.name}: value is a number`);
          }
        }
      }
      await renderResource(def, GARBAGE, ALL);
    });
  }
});
