import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { limitrangesResource as res } from './limitranges.ts';

const lr = {
  metadata: { name: 'limits', namespace: 'team', uid: 'u1', creationTimestamp: '2026-01-02T03:04:05Z' },
  spec: {
    limits: [
      {
        type: 'Container',
        min: { cpu: '100m', memory: '64Mi' },
        max: { cpu: '2', memory: '1Gi' },
        default: { cpu: '500m' },
        defaultRequest: { memory: '128Mi' },
        maxLimitRequestRatio: { cpu: '4' },
      },
      { type: 'PersistentVolumeClaim', max: { storage: '10Gi', bogus: 'not-a-quantity' } },
    ],
  },
};
const L = 'namespace="team",limitrange="limits"';

test('kube_limitrange', () =>
  expectFamilies(
    res,
    [lr],
    `# HELP kube_limitrange [STABLE] Information about limit range.
     # TYPE kube_limitrange gauge
     kube_limitrange{${L},resource="cpu",type="Container",constraint="min"} 0.1
     kube_limitrange{${L},resource="memory",type="Container",constraint="min"} 6.7108864e+07
     kube_limitrange{${L},resource="cpu",type="Container",constraint="max"} 2
     kube_limitrange{${L},resource="memory",type="Container",constraint="max"} 1.073741824e+09
     kube_limitrange{${L},resource="cpu",type="Container",constraint="default"} 0.5
     kube_limitrange{${L},resource="memory",type="Container",constraint="defaultRequest"} 1.34217728e+08
     kube_limitrange{${L},resource="cpu",type="Container",constraint="maxLimitRequestRatio"} 4
     kube_limitrange{${L},resource="storage",type="PersistentVolumeClaim",constraint="max"} 1.073741824e+10`,
    { families: ['kube_limitrange'] },
  ));

test('kube_limitrange_created', () =>
  expectFamilies(
    res,
    [lr],
    `# HELP kube_limitrange_created [STABLE] Unix creation timestamp
     # TYPE kube_limitrange_created gauge
     kube_limitrange_created{${L}} 1.767323045e+09`,
    { families: ['kube_limitrange_created'] },
  ));
