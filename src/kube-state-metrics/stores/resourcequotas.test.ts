import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { resourcequotasResource as res } from './resourcequotas.ts';

const quota = {
  metadata: {
    name: 'compute',
    namespace: 'team',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'quota' },
    annotations: { team: 'a' },
  },
  spec: { hard: { cpu: '10' } },
  status: {
    hard: { 'requests.cpu': '4300m', 'requests.memory': '2.1G', pods: '10', 'count/configmaps': '100' },
    used: { 'requests.cpu': '1', 'requests.memory': '500M', pods: '9' },
  },
};
const L = 'namespace="team",resourcequota="compute"';

test('kube_resourcequota', () =>
  expectFamilies(
    res,
    [quota, { metadata: { name: 'nostatus', namespace: 'team', uid: 'u2' } }],
    `# HELP kube_resourcequota [STABLE] Information about resource quota.
     # TYPE kube_resourcequota gauge
     kube_resourcequota{${L},resource="requests.cpu",type="hard"} 4.3
     kube_resourcequota{${L},resource="requests.memory",type="hard"} 2.1e+09
     kube_resourcequota{${L},resource="pods",type="hard"} 10
     kube_resourcequota{${L},resource="count/configmaps",type="hard"} 100
     kube_resourcequota{${L},resource="requests.cpu",type="used"} 1
     kube_resourcequota{${L},resource="requests.memory",type="used"} 5e+08
     kube_resourcequota{${L},resource="pods",type="used"} 9`,
    { families: ['kube_resourcequota'] },
  ));

test('kube_resourcequota_created', () =>
  expectFamilies(
    res,
    [quota],
    `# HELP kube_resourcequota_created [STABLE] Unix creation timestamp
     # TYPE kube_resourcequota_created gauge
     kube_resourcequota_created{${L}} 1.767323045e+09`,
    { families: ['kube_resourcequota_created'] },
  ));

test('kube_resourcequota_labels and _annotations', () =>
  expectFamilies(
    res,
    [quota],
    `# HELP kube_resourcequota_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_resourcequota_annotations gauge
     kube_resourcequota_annotations{${L},annotation_team="a"} 1
     # HELP kube_resourcequota_labels [STABLE] Kubernetes labels converted to Prometheus labels.
     # TYPE kube_resourcequota_labels gauge
     kube_resourcequota_labels{${L},label_app="quota"} 1`,
    {
      families: ['kube_resourcequota_annotations', 'kube_resourcequota_labels'],
      allowLabels: ['*'],
      allowAnnotations: ['*'],
    },
  ));
