import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { DEFAULT_PREFERRED_ADDRESS_TYPES, kubeletTarget, nodeAddress } from './node-address.ts';

function node(addresses: Array<[string, string]>, extra: { port?: unknown; path?: string } = {}): KubeObject {
  return {
    metadata: {
      name: 'n1',
      ...(extra.path !== undefined ? { annotations: { 'metrics.k8s.io/resource-metrics-path': extra.path } } : {}),
    },
    status: {
      addresses: addresses.map(([type, address]) => ({ type, address })),
      ...(extra.port !== undefined ? { daemonEndpoints: { kubeletEndpoint: { Port: extra.port } } } : {}),
    },
  };
}

describe('nodeAddress', () => {
  const cases = [
    {
      name: 'type priority beats list order',
      addresses: [
        ['InternalIP', '10.0.0.1'],
        ['Hostname', 'n1'],
      ] as Array<[string, string]>,
      types: DEFAULT_PREFERRED_ADDRESS_TYPES,
      want: 'n1',
    },
    {
      name: 'first entry of a type wins',
      addresses: [
        ['InternalIP', '10.0.0.1'],
        ['InternalIP', '10.0.0.2'],
      ] as Array<[string, string]>,
      types: ['InternalIP'],
      want: '10.0.0.1',
    },
    {
      name: 'manifest order InternalIP,ExternalIP,Hostname',
      addresses: [
        ['Hostname', 'n1'],
        ['ExternalIP', '1.2.3.4'],
        ['InternalIP', '10.0.0.1'],
      ] as Array<[string, string]>,
      types: ['InternalIP', 'ExternalIP', 'Hostname'],
      want: '10.0.0.1',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(nodeAddress(node(c.addresses), c.types), c.want));

  it('reports the types like Go prints a slice', () => {
    assert.throws(() => nodeAddress(node([]), DEFAULT_PREFERRED_ADDRESS_TYPES), {
      message: 'no address matched types [Hostname InternalDNS InternalIP ExternalDNS ExternalIP]',
    });
  });

  it('survives a hostile status', () => {
    const n: KubeObject = { metadata: { name: 'x' }, status: { addresses: 'nope' } };
    assert.throws(() => nodeAddress(n, ['InternalIP']), /no address matched types \[InternalIP\]/);
  });
});

describe('kubeletTarget', () => {
  const base = { scheme: 'https' as const, preferredAddressTypes: ['InternalIP'], defaultPort: 10250 };
  const cases = [
    {
      name: 'default port',
      n: node([['InternalIP', '10.0.0.1']], { port: 10255 }),
      use: false,
      want: 'https://10.0.0.1:10250/metrics/resource',
    },
    {
      name: 'node status port',
      n: node([['InternalIP', '10.0.0.1']], { port: 10255 }),
      use: true,
      want: 'https://10.0.0.1:10255/metrics/resource',
    },
    {
      name: 'node status port 0 falls back',
      n: node([['InternalIP', '10.0.0.1']], { port: 0 }),
      use: true,
      want: 'https://10.0.0.1:10250/metrics/resource',
    },
    {
      name: 'hostile port ignored',
      n: node([['InternalIP', '10.0.0.1']], { port: 'x' }),
      use: true,
      want: 'https://10.0.0.1:10250/metrics/resource',
    },
    {
      name: 'IPv6 is bracketed',
      n: node([['InternalIP', 'fd00::5']]),
      use: false,
      want: 'https://[fd00::5]:10250/metrics/resource',
    },
    {
      name: 'path annotation',
      n: node([['InternalIP', '10.0.0.1']], { path: '/metrics/nodes/n1/metrics/resource' }),
      use: false,
      want: 'https://10.0.0.1:10250/metrics/nodes/n1/metrics/resource',
    },
    {
      name: 'empty annotation ignored',
      n: node([['InternalIP', '10.0.0.1']], { path: '' }),
      use: false,
      want: 'https://10.0.0.1:10250/metrics/resource',
    },
    {
      name: 'annotation cannot add a query',
      n: node([['InternalIP', '10.0.0.1']], { path: 'x?y=1' }),
      use: false,
      want: 'https://10.0.0.1:10250/x%3Fy=1',
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(kubeletTarget(c.n, { ...base, useNodeStatusPort: c.use }).url, c.want));
  }
});
