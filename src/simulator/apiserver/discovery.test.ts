import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negotiateDiscovery, serveDiscovery } from './discovery.ts';
import { collectGroups, compareKubeVersions } from './discovery-groups.ts';
import { BUILTIN_RESOURCE_TYPES, type ResourceType } from './resource-types.ts';

const registry = { all: () => BUILTIN_RESOURCE_TYPES };
const AGG_133 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const AGG_127 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

const widget: ResourceType = {
  group: 'example.com',
  version: 'v1beta1',
  resource: 'widgets',
  singular: 'widget',
  kind: 'Widget',
  listKind: 'WidgetList',
  namespaced: true,
  shortNames: ['wd'],
  categories: [],
  verbs: ['get', 'list'],
  subresources: ['status'],
};

function body(r: ReturnType<typeof serveDiscovery>): Record<string, unknown> {
  assert.ok(r);
  return JSON.parse(r.body);
}

describe('negotiateDiscovery', () => {
  const cases: [string, string | undefined][] = [
    [AGG_133, 'v2'],
    [AGG_127, 'v2beta1'],
    ['application/json, */*', 'legacy'],
    ['', 'legacy'],
    [
      'application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      'v2',
    ],
    ['application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json', 'legacy'],
    ['application/yaml', undefined],
  ];
  for (const [accept, want] of cases) it(accept || '(empty)', () => assert.equal(negotiateDiscovery(accept), want));
});

describe('serveDiscovery', () => {
  it('echoes the aggregated media type parameters in the Content-Type', () => {
    const v2 = serveDiscovery('/api', AGG_133, registry);
    assert.equal(v2?.contentType, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const beta = serveDiscovery('/apis', AGG_127, registry);
    assert.equal(beta?.contentType, 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
    assert.equal(body(beta).apiVersion, 'apidiscovery.k8s.io/v2beta1');
  });

  it('lists pods in aggregated /api with subresources', () => {
    const doc = body(serveDiscovery('/api', AGG_133, registry)) as {
      items: {
        metadata: object;
        versions: { version: string; freshness: string; resources: { resource: string }[] }[];
      }[];
    };
    assert.equal(doc.items.length, 1);
    assert.deepEqual(doc.items[0]?.metadata, { creationTimestamp: null });
    const pods = doc.items[0]?.versions[0]?.resources.find((r) => r.resource === 'pods');
    assert.deepEqual(pods, {
      resource: 'pods',
      responseKind: { group: '', version: '', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        { subresource: 'binding', responseKind: { group: '', version: '', kind: 'Binding' }, verbs: ['create'] },
        {
          subresource: 'ephemeralcontainers',
          responseKind: { group: '', version: '', kind: 'Pod' },
          verbs: ['get', 'patch', 'update'],
        },
        {
          subresource: 'eviction',
          responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
          verbs: ['create'],
        },
        { subresource: 'log', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'] },
        {
          subresource: 'resize',
          responseKind: { group: '', version: '', kind: 'Pod' },
          verbs: ['get', 'patch', 'update'],
        },
        {
          subresource: 'status',
          responseKind: { group: '', version: '', kind: 'Pod' },
          verbs: ['get', 'patch', 'update'],
        },
      ],
    });
  });

  it('orders groups like kube-apiserver, then CRD groups, then aggregated groups', () => {
    const reg = { all: () => [...BUILTIN_RESOURCE_TYPES, widget] };
    const extra = [
      {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        groupPriorityMinimum: 100,
        versionPriority: 100,
        resources: undefined,
      },
    ];
    const doc = body(serveDiscovery('/apis', AGG_133, reg, extra)) as {
      items: { metadata: { name: string }; versions: { version: string; freshness: string }[] }[];
    };
    assert.deepEqual(
      doc.items.map((i) => i.metadata.name),
      [
        'apiregistration.k8s.io',
        'apps',
        'authentication.k8s.io',
        'authorization.k8s.io',
        'autoscaling',
        'batch',
        'certificates.k8s.io',
        'networking.k8s.io',
        'policy',
        'rbac.authorization.k8s.io',
        'storage.k8s.io',
        'admissionregistration.k8s.io',
        'apiextensions.k8s.io',
        'scheduling.k8s.io',
        'coordination.k8s.io',
        'discovery.k8s.io',
        'example.com',
        'metrics.k8s.io',
      ],
    );
    assert.deepEqual(doc.items.at(-1)?.versions, [{ version: 'v1beta1', resources: [], freshness: 'Stale' }]);
  });

  it('serves legacy /api, /apis, /apis/<group> and resource lists', () => {
    assert.deepEqual(
      body(serveDiscovery('/api', 'application/json, */*', registry, [], { serverAddress: '127.0.0.1:6443' })),
      {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
      },
    );
    const list = body(serveDiscovery('/apis', 'application/json', registry)) as { groups: { name: string }[] };
    assert.deepEqual(list.groups[1], {
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    assert.deepEqual(body(serveDiscovery('/apis/autoscaling/', 'application/json', registry)), {
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'autoscaling',
      versions: [{ groupVersion: 'autoscaling/v2', version: 'v2' }],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
    const apps = body(serveDiscovery('/apis/apps/v1', 'application/json', registry)) as {
      resources: { name: string }[];
    };
    assert.deepEqual(
      apps.resources.filter((r) => r.name.startsWith('deployments')),
      [
        {
          name: 'deployments',
          singularName: 'deployment',
          namespaced: true,
          kind: 'Deployment',
          verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
          shortNames: ['deploy'],
          categories: ['all'],
          storageVersionHash: '8aSe+NMegvE=',
        },
        {
          name: 'deployments/scale',
          singularName: '',
          namespaced: true,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: ['get', 'patch', 'update'],
        },
        {
          name: 'deployments/status',
          singularName: '',
          namespaced: true,
          kind: 'Deployment',
          verbs: ['get', 'patch', 'update'],
        },
      ],
    );
  });

  it('answers 404 for unknown groups and versions, 406 for unacceptable types, and ignores other paths', () => {
    assert.equal(serveDiscovery('/apis/nope.example.com', '', registry)?.status, 404);
    assert.equal(serveDiscovery('/apis/apps/v9', '', registry)?.status, 404);
    assert.equal(serveDiscovery('/api/v2', '', registry)?.status, 404);
    assert.equal(serveDiscovery('/apis', 'application/yaml', registry)?.status, 406);
    assert.equal(serveDiscovery('/api/v1/pods', '', registry), undefined);
    assert.equal(serveDiscovery('/apis/apps/v1/deployments', '', registry), undefined);
    assert.equal(serveDiscovery('/healthz', '', registry), undefined);
  });

  it('leaves aggregated group-versions to the proxy', () => {
    const extra = [{ group: 'metrics.k8s.io', version: 'v1beta1', resources: undefined }];
    assert.equal(serveDiscovery('/apis/metrics.k8s.io/v1beta1', '', registry, extra), undefined);
    assert.equal(serveDiscovery('/apis/metrics.k8s.io', '', registry, extra)?.status, 200);
  });
});

describe('versions', () => {
  it('sorts Kubernetes versions by preference', () => {
    const versions = ['v1alpha1', 'v2beta1', 'foo', 'v1', 'v1beta2', 'v2', 'v1beta1', 'bar'];
    assert.deepEqual(versions.sort(compareKubeVersions), [
      'v2',
      'v1',
      'v2beta1',
      'v1beta2',
      'v1beta1',
      'v1alpha1',
      'bar',
      'foo',
    ]);
  });
  it('prefers the highest CRD version', () => {
    const groups = collectGroups([{ ...widget, version: 'v1alpha1' }, widget]);
    assert.deepEqual(
      groups[0]?.versions.map((v) => v.version),
      ['v1beta1', 'v1alpha1'],
    );
  });
});
