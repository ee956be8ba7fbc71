import { test } from 'node:test';
import { expectFamilies } from '../metric/testing.ts';
import { validatingwebhookconfigurationsResource as res } from './validatingwebhookconfigurations.ts';

const config = {
  metadata: { name: 'hooks', uid: 'u1', resourceVersion: '4242', creationTimestamp: '2026-01-02T03:04:05Z' },
  webhooks: [
    { name: 'a.example.com', clientConfig: { service: { name: 'svc', namespace: 'hooks-ns', port: 443 } } },
    { name: 'b.example.com', clientConfig: { url: 'https://hooks.example.com/b' } },
  ],
};
const L = 'namespace="",validatingwebhookconfiguration="hooks"';

test('kube_validatingwebhookconfiguration_info', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_validatingwebhookconfiguration_info Information about the ValidatingWebhookConfiguration.
     # TYPE kube_validatingwebhookconfiguration_info gauge
     kube_validatingwebhookconfiguration_info{${L}} 1`,
    { families: ['kube_validatingwebhookconfiguration_info'] },
  ));

test('kube_validatingwebhookconfiguration_created', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_validatingwebhookconfiguration_created Unix creation timestamp.
     # TYPE kube_validatingwebhookconfiguration_created gauge
     kube_validatingwebhookconfiguration_created{${L}} 1.767323045e+09`,
    { families: ['kube_validatingwebhookconfiguration_created'] },
  ));

test('kube_validatingwebhookconfiguration_metadata_resource_version', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_validatingwebhookconfiguration_metadata_resource_version Resource version representing a specific version of the ValidatingWebhookConfiguration.
     # TYPE kube_validatingwebhookconfiguration_metadata_resource_version gauge
     kube_validatingwebhookconfiguration_metadata_resource_version{${L}} 4242`,
    { families: ['kube_validatingwebhookconfiguration_metadata_resource_version'] },
  ));

test('kube_validatingwebhookconfiguration_webhook_clientconfig_service', () =>
  expectFamilies(
    res,
    [config],
    `# HELP kube_validatingwebhookconfiguration_webhook_clientconfig_service Service used by the apiserver to connect to a validating webhook.
     # TYPE kube_validatingwebhookconfiguration_webhook_clientconfig_service gauge
     kube_validatingwebhookconfiguration_webhook_clientconfig_service{${L},webhook_name="a.example.com",service_name="svc",service_namespace="hooks-ns"} 1
     kube_validatingwebhookconfiguration_webhook_clientconfig_service{${L},webhook_name="b.example.com",service_name="",service_namespace=""} 1`,
    { families: ['kube_validatingwebhookconfiguration_webhook_clientconfig_service'] },
  ));
