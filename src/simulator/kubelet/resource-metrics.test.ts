import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KUBELET_1_33_SAMPLE } from '../../metrics-server/decoder/sample-payloads.ts';
import { renderResourceMetrics, renderResourceScrapeError, resourceMetricsContentType } from './resource-metrics.ts';
import { promtoolCheck } from './test-cluster.ts';
import { exampleNodeUsage } from './test-fixtures.ts';
import { NodeUsageModel } from './usage-model.ts';

/** The reference's captured kubelet 1.33 payload, also the decoder's test input. */
const EXPECTED_133 = KUBELET_1_33_SAMPLE;

function families(body: string): string[] {
  return body
    .split('\n')
    .filter((l) => l.startsWith('# TYPE '))
    .map((l) => l.split(' ')[2] ?? '');
}

describe('renderResourceMetrics', () => {
  it('renders the 1.33 reference example byte for byte', () => {
    assert.equal(renderResourceMetrics(exampleNodeUsage()), EXPECTED_133);
  });

  const familyCases: { name: string; opts: Parameters<typeof renderResourceMetrics>[1]; want: string[] }[] = [
    {
      name: '1.34 adds pod and container swap',
      opts: { kubeletMinor: 34 },
      want: [
        'container_cpu_usage_seconds_total',
        'container_memory_working_set_bytes',
        'container_start_time_seconds',
        'container_swap_usage_bytes',
        'node_cpu_usage_seconds_total',
        'node_memory_working_set_bytes',
        'node_swap_usage_bytes',
        'pod_cpu_usage_seconds_total',
        'pod_memory_working_set_bytes',
        'pod_swap_usage_bytes',
        'resource_scrape_error',
      ],
    },
    {
      name: 'missing-memory drops every working-set and swap family',
      opts: { missingMemory: true },
      want: [
        'container_cpu_usage_seconds_total',
        'container_start_time_seconds',
        'node_cpu_usage_seconds_total',
        'pod_cpu_usage_seconds_total',
        'resource_scrape_error',
      ],
    },
  ];
  for (const tc of familyCases) {
    it(tc.name, () => assert.deepEqual(families(renderResourceMetrics(exampleNodeUsage(), tc.opts)), tc.want));
  }

  it('zero-cpu prints 0 for every CPU counter and keeps timestamps', () => {
    const body = renderResourceMetrics(exampleNodeUsage(), { zeroCpu: true });
    assert.match(body, /^node_cpu_usage_seconds_total 0 1735032838055$/m);
    assert.match(body, /^container_cpu_usage_seconds_total\{container="nginx",.*\} 0 1735032837430$/m);
    assert.match(
      body,
      /^pod_cpu_usage_seconds_total\{namespace="default",pod="web-5d78c9869d-9dklc"\} 0 1735032836611$/m,
    );
  });

  it('an empty node prints node families and the error gauge only', () => {
    const usage = { ...exampleNodeUsage(), pods: [] };
    assert.deepEqual(families(renderResourceMetrics(usage)), [
      'node_cpu_usage_seconds_total',
      'node_memory_working_set_bytes',
      'node_swap_usage_bytes',
      'resource_scrape_error',
    ]);
  });

  it('escapes hostile label values', () => {
    const usage = exampleNodeUsage();
    usage.pods[0]!.name = 'we"ird\\pod\nx';
    assert.match(renderResourceMetrics(usage), /pod="we\\"ird\\\\pod\\nx"/);
  });

  it('the error body', () => {
    assert.equal(
      renderResourceScrapeError(),
      '# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise\n# TYPE resource_scrape_error gauge\nresource_scrape_error 1\n',
    );
  });

  it('content type per minor', () => {
    assert.equal(resourceMetricsContentType(30), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(resourceMetricsContentType(32), 'text/plain; version=0.0.4; charset=utf-8; escaping=values');
    assert.equal(resourceMetricsContentType(), 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores');
  });

  it('promtool check metrics accepts a modelled node', (t) => {
    if (promtoolCheck('') === undefined) {
      t.skip('promtool not installed: apt-get install prometheus to run this check');
      return;
    }
    const now = Date.parse('2026-01-01T00:00:00Z');
    const model = new NodeUsageModel(
      { nodeName: 'n1', seed: 3, startTimeMs: now - 3_600_000, memoryCapacityBytes: 2 ** 34, cpuCapacityCores: 8 },
      now,
    );
    for (let i = 0; i < 30; i++) {
      model.upsertPod(
        {
          namespace: `ns-${i % 3}`,
          name: `pod-${i}`,
          uid: `u${i}`,
          startTimeMs: now - 60_000,
          containers: [
            { name: 'app', cpuRequest: 0.1, memoryRequest: 2 ** 27, startedAtMs: now - 50_000 },
            { name: 'sidecar', startedAtMs: now - 50_000 },
          ],
        },
        now,
      );
    }
    model.advance(now + 30_000);
    for (const minor of [33, 34]) {
      const body = renderResourceMetrics(model.snapshot(), { kubeletMinor: minor });
      const res = promtoolCheck(body);
      assert.equal(res?.ok, true, `promtool rejected the ${minor} body: ${res?.output}`);
    }
  });
});
