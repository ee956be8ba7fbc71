import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLabelsAllowList, resolveLabelsAllowList } from '../options/labels-allowlist.ts';
import { createFamilyFilter } from '../options/metric-filter.ts';
import { configmapsResource } from '../stores/configmaps.ts';
import { namespacesResource } from '../stores/namespaces.ts';
import { buildWriters } from './build-writers.ts';
import { writeMetricsToString } from './metrics-writer.ts';

test('buildWriters filters families, applies allowlists and splits namespaced stores', async () => {
  const writers = buildWriters([namespacesResource, configmapsResource], {
    filter: createFamilyFilter({ denylist: ['_created$', 'resource_version', 'annotations', 'status'] }),
    allowLabels: resolveLabelsAllowList(
      parseLabelsAllowList('configmaps=[app]'),
      ['configmaps', 'namespaces'],
      ['configmaps', 'namespaces'],
    ),
    namespaces: ['a', 'b'],
  });
  assert.deepEqual(
    writers.map((w) => [w.resource, w.stores.length]),
    [
      ['configmaps', 2],
      ['namespaces', 1],
    ],
  );
  const cms = writers[0]!;
  cms.storesByNamespace.get('a')!.add({ metadata: { name: 'x', namespace: 'a', uid: '1', labels: { app: 'web' } } });
  cms.storesByNamespace.get('b')!.add({ metadata: { name: 'y', namespace: 'b', uid: '2' } });
  writers[1]!.stores[0]!.add({ metadata: { name: 'a', uid: '3', labels: { team: 'x' } } });
  assert.equal(
    await writeMetricsToString(writers, { openMetrics: false }),
    `# HELP kube_configmap_labels [STABLE] Kubernetes labels converted to Prometheus labels.
# TYPE kube_configmap_labels gauge
kube_configmap_labels{namespace="a",configmap="x",label_app="web"} 1
kube_configmap_labels{namespace="b",configmap="y"} 1
# HELP kube_configmap_info [STABLE] Information about configmap.
# TYPE kube_configmap_info gauge
kube_configmap_info{namespace="a",configmap="x"} 1
kube_configmap_info{namespace="b",configmap="y"} 1
# HELP kube_namespace_labels [STABLE] Kubernetes labels converted to Prometheus labels.
# TYPE kube_namespace_labels gauge
`,
  );
});
