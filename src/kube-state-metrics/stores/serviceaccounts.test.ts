import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { serviceaccountsResource as res } from './serviceaccounts.ts';

const sa = {
  metadata: {
    name: 'builder',
    namespace: 'ci',
    uid: 'uid-1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    deletionTimestamp: '2026-01-02T04:00:00Z',
    labels: { app: 'ci' },
    annotations: { team: 'a' },
  },
  automountServiceAccountToken: false,
  secrets: [{ name: 'builder-token' }],
  imagePullSecrets: [{ name: 'registry' }, { name: 'mirror' }],
};
const bare = { metadata: { name: 'default', namespace: 'ci', uid: 'uid-2' } };
const L = 'namespace="ci",serviceaccount="builder",uid="uid-1"';
const B = 'namespace="ci",serviceaccount="default",uid="uid-2"';

test('kube_serviceaccount_info', () =>
  expectFamilies(
    res,
    [sa, bare],
    `# HELP kube_serviceaccount_info Information about a service account
     # TYPE kube_serviceaccount_info gauge
     kube_serviceaccount_info{${L},automount_token="false"} 1
     kube_serviceaccount_info{${B},automount_token=""} 1`,
    { families: ['kube_serviceaccount_info'] },
  ));

test('kube_serviceaccount_created and _deleted', () =>
  expectFamilies(
    res,
    [sa, bare],
    `# HELP kube_serviceaccount_created Unix creation timestamp
     # TYPE kube_serviceaccount_created gauge
     kube_serviceaccount_created{${L}} 1.767323045e+09
     # HELP kube_serviceaccount_deleted Unix deletion timestamp
     # TYPE kube_serviceaccount_deleted gauge
     kube_serviceaccount_deleted{${L}} 1.7673264e+09`,
    { families: ['kube_serviceaccount_created', 'kube_serviceaccount_deleted'] },
  ));

test('kube_serviceaccount_secret', () =>
  expectFamilies(
    res,
    [sa, bare],
    `# HELP kube_serviceaccount_secret Secret being referenced by a service account
     # TYPE kube_serviceaccount_secret gauge
     kube_serviceaccount_secret{${L},name="builder-token"} 1`,
    { families: ['kube_serviceaccount_secret'] },
  ));

test('kube_serviceaccount_image_pull_secret', () =>
  expectFamilies(
    res,
    [sa, bare],
    `# HELP kube_serviceaccount_image_pull_secret Secret being referenced by a service account for the purpose of pulling images
     # TYPE kube_serviceaccount_image_pull_secret gauge
     kube_serviceaccount_image_pull_secret{${L},name="registry"} 1
     kube_serviceaccount_image_pull_secret{${L},name="mirror"} 1`,
    { families: ['kube_serviceaccount_image_pull_secret'] },
  ));

test('kube_serviceaccount_labels and _annotations', () =>
  expectFamilies(
    res,
    [sa],
    `# HELP kube_serviceaccount_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_serviceaccount_annotations gauge
     kube_serviceaccount_annotations{${L},annotation_team="a"} 1
     # HELP kube_serviceaccount_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_serviceaccount_labels gauge
     kube_serviceaccount_labels{${L},label_app="ci"} 1`,
    {
      families: ['kube_serviceaccount_annotations', 'kube_serviceaccount_labels'],
      allowLabels: ['app'],
      allowAnnotations: ['team'],
    },
  ));
