import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { mutatingwebhookconfigurationsResource as res } from './mutatingwebhookconfigurations.ts';

const config = {
  metadata: { name: 'hooks', uid: 'u1', resourceVersion: '4242', creationTimestamp: '2026-01-02T03:04:05Z' },
  webhooks: [
    { name: 'a.example.com', clientConfig: { service: { name: 'svc', namespace: 'hooks-ns', port: 443 } } },
    { name: 'b.example.com', clientConfig: { url: 'https://hooks.example.com/b' } },
  ],
};
const L = 'namespace="",mutatingwebhookconfiguration="hooks"';

test('kube_mutatingwebhookconfiguration_info', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_mutatingwebhookconfiguration_info Information about the MutatingWebhookConfiguration.
     # TYPE kube_mutatingwebhookconfiguration_info gauge
     kube_mutatingwebhookconfiguration_info{${L}} 1`,
    { families: ['kube_mutatingwebhookconfiguration_info'] },
  ));

test('kube_mutatingwebhookconfiguration_created', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_mutatingwebhookconfiguration_created Unix creation timestamp.
     # TYPE kube_mutatingwebhookconfiguration_created gauge
     kube_mutatingwebhookconfiguration_created{${L}} 1.767323045e+09`,
    { families: ['kube_mutatingwebhookconfiguration_created'] },
  ));

test('kube_mutatingwebhookconfiguration_metadata_resource_version', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_mutatingwebhookconfiguration_metadata_resource_version Resource version representing a specific version of the MutatingWebhookConfiguration.
     # TYPE kube_mutatingwebhookconfiguration_metadata_resource_version gauge
     kube_mutatingwebhookconfiguration_metadata_resource_version{${L}} 4242`,
    { families: ['kube_mutatingwebhookconfiguration_metadata_resource_version'] },
  ));

test('kube_mutatingwebhookconfiguration_webhook_clientconfig_service', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_mutatingwebhookconfiguration_webhook_clientconfig_service Service used by the apiserver to connect to a mutating webhook.
     # TYPE kube_mutatingwebhookconfiguration_webhook_clientconfig_service gauge
     kube_mutatingwebhookconfiguration_webhook_clientconfig_service{${L},webhook_name="a.example.com",service_name="svc",service_namespace="hooks-ns"} 1
     kube_mutatingwebhookconfiguration_webhook_clientconfig_service{${L},webhook_name="b.example.com",service_name="",service_namespace=""} 1`,
    { families: ['kube_mutatingwebhookconfiguration_webhook_clientconfig_service'] },
  ));
