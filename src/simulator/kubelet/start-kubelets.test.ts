import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../shared/logging/logger.ts';
import { KUBELET_FAULT_ANNOTATION } from './faults.ts';
import { KubeletFleet } from './kubelet-fleet.ts';
import { startKubelets } from './start-kubelets.ts';
import { createTestPki, testAuthorize, testNode, testPod, testStore } from './test-cluster.ts';

describe('startKubelets', () => {
  it('wires the PKI, the --kubelet-faults text and the hooks', async () => {
    const pki = await createTestPki();
    const store = testStore();
    store.create(testNode('s1', '127.0.95.1'));
    store.create(testPod('default', 'web-1', 's1', new Date(Date.now() - 60_000).toISOString()));
    const fleet = await startKubelets({
      state: store,
      pki: { kubeletCA: pki.kubeletCA, ca: pki.clusterCA },
      kubeletPort: 0,
      faults: 's1=missing-memory',
      seed: 'abc',
      authorize: testAuthorize,
    });
    try {
      assert.deepEqual(fleet.nodeNames(), ['s1']);
      const body = fleet.payloadFor('s1').toString();
      assert.match(body, /^container_cpu_usage_seconds_total\{container="app",namespace="default",pod="web-1"\} /m);
      assert.doesNotMatch(body, /working_set/);
    } finally {
      await fleet.stop();
    }
  });

  it('rejects a bad --kubelet-faults value before starting anything', async () => {
    const pki = await createTestPki();
    await assert.rejects(
      startKubelets({
        state: testStore(),
        pki: { kubeletCA: pki.kubeletCA, ca: pki.clusterCA },
        faults: 's1=explode',
        authorize: testAuthorize,
      }),
      /invalid --kubelet-faults: unknown kubelet fault "explode"/,
    );
  });
});

describe('OOM restarts reach the API', () => {
  it('writes restartCount and lastState OOMKilled, and the kubelet reports the new instance', async () => {
    const pki = await createTestPki();
    const T0 = Date.parse('2026-03-01T12:00:00Z');
    let clock = T0;
    const store = testStore(() => clock);
    store.create(testNode('o1', '127.0.95.2'));
    store.create(testPod('default', 'leaky', 'o1', '2026-03-01T11:00:00Z'));
    const fleet = new KubeletFleet({
      state: store,
      kubeletCA: pki.kubeletCA,
      clientCA: pki.clusterCA.certPem,
      auth: { authorize: testAuthorize },
      kubeletPort: 0,
      seed: 5,
      leakProbability: 1,
      tickIntervalMs: 3_600_000,
      now: () => clock,
    });
    await fleet.start();
    try {
      const startOf = () =>
        Number(
          /^container_start_time_seconds\{container="app",namespace="default",pod="leaky"\} (\S+)$/m.exec(
            fleet.payloadFor('o1').toString(),
          )?.[1],
        );
      const before = startOf();
      const status = () => store.get('v1', 'Pod', 'default', 'leaky')?.status?.containerStatuses?.[0];
      while (status()?.restartCount === 0 && clock < T0 + 4 * 3_600_000) {
        clock += 15_000;
        fleet.tick();
      }
      const st = status();
      assert.equal(st?.restartCount, 1);
      assert.equal(st?.lastState?.terminated?.reason, 'OOMKilled');
      assert.equal(st?.lastState?.terminated?.exitCode, 137);
      assert.ok(Date.parse(st?.state?.running?.startedAt) > T0, 'new running instance');
      assert.ok(startOf() > before + 60, `start time moved: ${startOf()} > ${before}`);
    } finally {
      await fleet.stop();
    }
  });
});

describe('a kubelet that cannot bind', () => {
  it('is logged with its node and address, and the others keep running', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.95.3', resolve));
    const port = (blocker.address() as { port: number }).port;
    const lines: string[] = [];
    const logger = createLogger({ verbosity: 0, format: 'json', sink: { write: (l) => lines.push(l) } });
    const pki = await createTestPki();
    const store = testStore();
    store.create(testNode('busy', '127.0.95.3'));
    store.create(testNode('free', '127.0.95.4'));
    const fleet = await startKubelets({
      state: store,
      pki: { kubeletCA: pki.kubeletCA, ca: pki.clusterCA },
      kubeletPort: port,
      authorize: testAuthorize,
      logger,
    });
    try {
      assert.equal(fleet.kubelet('busy'), undefined);
      assert.equal(fleet.kubelet('free')?.listening, true);
      const failures = lines.map((l) => JSON.parse(l)).filter((r) => r.msg === 'Failed to start simulated kubelet');
      assert.deepEqual(
        failures.map((r) => [r.node, r.address]),
        [['busy', `127.0.95.3:${port}`]],
      );
    } finally {
      await fleet.stop();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('a kubelet that starts down', () => {
  it('binds and publishes its port once healed', async () => {
    const pki = await createTestPki();
    const store = testStore();
    store.create(testNode('d1', '127.0.95.5'));
    const fleet = await startKubelets({
      state: store,
      pki: { kubeletCA: pki.kubeletCA, ca: pki.clusterCA },
      kubeletPort: 0,
      faults: 'd1=down',
      authorize: testAuthorize,
    });
    try {
      const declared = () => store.get('v1', 'Node', undefined, 'd1')?.status?.daemonEndpoints?.kubeletEndpoint?.Port;
      assert.equal(fleet.kubelet('d1')?.listening, false);
      assert.equal(declared(), 10250);
      const node = store.get('v1', 'Node', undefined, 'd1');
      assert.ok(node);
      node.metadata.annotations = { [KUBELET_FAULT_ANNOTATION]: 'zero-cpu' };
      store.update(node);
      await fleet.whenIdle();
      const k = fleet.kubelet('d1');
      assert.equal(k?.listening, true);
      assert.notEqual(k?.port, 0);
      assert.equal(declared(), k?.port);
    } finally {
      await fleet.stop();
    }
  });
});
