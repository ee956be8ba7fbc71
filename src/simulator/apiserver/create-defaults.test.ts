import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCreateDefaults, ClusterIpAllocator } from './create-defaults.ts';
import { BUILTIN_RESOURCE_TYPES } from './resource-types.ts';

const typeOf = (resource: string) => BUILTIN_RESOURCE_TYPES.find((t) => t.resource === resource)!;

describe('applyCreateDefaults', () => {
  it('allocates distinct cluster IPs, keeps a given one and defaults ports', () => {
    const ips = new ClusterIpAllocator();
    const a = { metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } };
    const b = { metadata: { name: 'b' }, spec: { clusterIP: '10.96.0.11', ports: [] } };
    const c = { metadata: { name: 'c' }, spec: {} };
    applyCreateDefaults(typeOf('services'), a, ips);
    applyCreateDefaults(typeOf('services'), b, ips);
    applyCreateDefaults(typeOf('services'), c, ips);
    assert.equal((a.spec as { clusterIP?: string }).clusterIP, '10.96.0.10');
    assert.deepEqual(a.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    assert.equal(b.spec.clusterIP, '10.96.0.11');
    assert.equal((c.spec as { clusterIP?: string }).clusterIP, '10.96.0.12', 'skips the reserved address');
  });

  it('leaves headless and ExternalName services without an IP', () => {
    const ips = new ClusterIpAllocator();
    const headless = { metadata: { name: 'h' }, spec: { clusterIP: 'None' } };
    const ext = { metadata: { name: 'e' }, spec: { type: 'ExternalName', externalName: 'x.example.com' } };
    applyCreateDefaults(typeOf('services'), headless, ips);
    applyCreateDefaults(typeOf('services'), ext, ips);
    assert.equal(headless.spec.clusterIP, 'None');
    assert.equal((ext.spec as { clusterIP?: string }).clusterIP, undefined);
  });

  it('defaults CronJob suspend and policies but keeps what is sent', () => {
    const cj = { metadata: { name: 'cj' }, spec: { schedule: '* * * * *', successfulJobsHistoryLimit: 5 } };
    applyCreateDefaults(typeOf('cronjobs'), cj, new ClusterIpAllocator());
    assert.deepEqual(cj.spec, {
      schedule: '* * * * *',
      successfulJobsHistoryLimit: 5,
      suspend: false,
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
    });
  });

  it('ignores objects without a spec object', () => {
    const weird = { metadata: { name: 'w' }, spec: 'nope' };
    applyCreateDefaults(typeOf('services'), weird, new ClusterIpAllocator());
    assert.equal(weird.spec, 'nope');
  });
});
