import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { ingressclassesResource as res } from './ingressclasses.ts';

const ic = {
  metadata: {
    name: 'nginx',
    uid: 'u1',
    creationTimestamp: '2026-01-02T03:04:05Z',
    labels: { app: 'ingress' },
    annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
  },
  spec: { controller: 'k8s.io/ingress-nginx' },
};

test('kube_ingressclass_info', () =>
  expectFamilies(
    res,
    [ic],
    `# HELP kube_ingressclass_info Information about ingressclass.
     # TYPE kube_ingressclass_info gauge
     kube_ingressclass_info{ingressclass="nginx",controller="k8s.io/ingress-nginx"} 1`,
    { families: ['kube_ingressclass_info'] },
  ));

test('kube_ingressclass_created', () =>
  expectFamilies(
    res,
    [ic],
    `# HELP kube_ingressclass_created Unix creation timestamp
     # TYPE kube_ingressclass_created gauge
     kube_ingressclass_created{ingressclass="nginx"} 1.767323045e+09`,
    { families: ['kube_ingressclass_created'] },
  ));

test('kube_ingressclass_labels and _annotations', () =>
  expectFamilies(
    res,
    [ic],
    `# HELP kube_ingressclass_annotations Kubernetes annotations converted to Prometheus labels.
     # TYPE kube_ingressclass_annotations gauge
     kube_ingressclass_annotations{ingressclass="nginx",annotation_ingressclass_kubernetes_io_is_default_class="true"} 1
     # HELP kube_ingressclass_labels Kubernetes labels converted to Prometheus labels.
     # TYPE kube_ingressclass_labels gauge
     kube_ingressclass_labels{ingressclass="nginx",label_app="ingress"} 1`,
    {
      families: ['kube_ingressclass_annotations', 'kube_ingressclass_labels'],
      allowLabels: ['*'],
      allowAnnotations: ['*'],
    },
  ));
