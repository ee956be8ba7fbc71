import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { ObjectStore } from '../apiserver/object-store.ts';
import { generateCluster, loadCluster } from '../seed/generate-cluster.ts';
import { type Controllers, startControllers } from './controllers.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function podsOwnedBy(store: ObjectStore, owner: KubeObject): KubeObject[] {
  return store
    .list('v1', 'Pod', owner.metadata.namespace)
    .filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid));
}

function ownedReplicaSets(store: ObjectStore, d: KubeObject): KubeObject[] {
  return store
    .list('apps/v1', 'ReplicaSet', d.metadata.namespace)
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid));
}

/** Polls until `check` passes; gives up after ~20 s so a broken controller fails instead of hanging. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 800) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('controllers', () => {
  let store: ObjectStore;
  let controllers: Controllers;
  before(() => {
    store = new ObjectStore();
    loadCluster(store, generateCluster({ nodes: 4, podsPerNode: 15, seed: 11, now: NOW }));
    controllers = startControllers(store, {
      seed: 2,
      bindDelayMs: 5,
      startDelayMs: 5,
      jobRunMs: 5,
      heartbeatIntervalMs: 20,
    });
  });
  after(() => controllers.stop());

  function seededDeployment(): KubeObject {
    const d = store.list('apps/v1', 'Deployment').find((x) => x.metadata.namespace !== 'kube-system');
    assert.ok(d, 'a seeded deployment');
    return store.get('apps/v1', 'Deployment', d.metadata.namespace, d.metadata.name ?? '')!;
  }

  const scales = [
    { name: 'scales a seeded deployment up', to: (n: number) => n + 3 },
    { name: 'scales it down', to: (_n: number) => 1 },
    { name: 'scales it to zero', to: (_n: number) => 0 },
  ];
  for (const tc of scales) {
    it(tc.name, async () => {
      const d = seededDeployment();
      const setsBefore = ownedReplicaSets(store, d).length;
      const replicas = tc.to(d.spec.replicas);
      store.update({ ...d, spec: { ...d.spec, replicas } });
      await controllers.whenIdle();
      const sets = ownedReplicaSets(store, d);
      assert.equal(sets.length, setsBefore, 'scaling must not start a rollout');
      const current = sets.find((rs) => rs.spec.replicas === replicas && replicas > 0) ?? sets[sets.length - 1]!;
      const pods = podsOwnedBy(store, current).filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase));
      assert.equal(pods.length, replicas);
      const after = store.get('apps/v1', 'Deployment', d.metadata.namespace, d.metadata.name ?? '')!;
      assert.equal(after.status.replicas, replicas);
      assert.equal(after.status.observedGeneration, after.metadata.generation);
    });
  }

  it('rolls out a new ReplicaSet when the template changes', async () => {
    const d = seededDeployment();
    store.update({ ...d, spec: { ...d.spec, replicas: 2 } });
    await controllers.whenIdle();
    const fresh = store.get('apps/v1', 'Deployment', d.metadata.namespace, d.metadata.name ?? '')!;
    const template = {
      ...fresh.spec.template,
      metadata: { ...fresh.spec.template.metadata, annotations: { rev: 'x' } },
    };
    store.update({ ...fresh, spec: { ...fresh.spec, template } });
    await controllers.whenIdle();
    const sets = ownedReplicaSets(store, d);
    const active = sets.filter((rs) => rs.spec.replicas > 0);
    assert.equal(active.length, 1);
    assert.equal(podsOwnedBy(store, active[0]!).length, 2);
    for (const p of podsOwnedBy(store, active[0]!)) {
      assert.equal(p.status.phase, 'Running');
      assert.ok(p.spec.nodeName);
      assert.deepEqual(p.metadata.annotations, { rev: 'x' });
    }
    const after = store.get('apps/v1', 'Deployment', d.metadata.namespace, d.metadata.name ?? '')!;
    assert.equal(
      after.metadata.annotations?.['deployment.kubernetes.io/revision'],
      active[0]!.metadata.annotations?.['deployment.kubernetes.io/revision'],
    );
  });

  it('creates ReplicaSet and pods for a new Deployment', async () => {
    store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hello', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'hello' } },
        template: { metadata: { labels: { app: 'hello' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    await controllers.whenIdle();
    const d = store.get('apps/v1', 'Deployment', 'default', 'hello')!;
    assert.equal(ownedReplicaSets(store, d).length, 1);
    const pods = podsOwnedBy(store, ownedReplicaSets(store, d)[0]!);
    assert.equal(pods.length, 3);
    assert.equal(new Set(pods.map((p) => p.status.podIP)).size, 3);
    assert.equal(d.status.readyReplicas, 3);
    assert.equal(d.status.availableReplicas, 3);
  });

  it('replaces a deleted ReplicaSet pod', async () => {
    const d = store.get('apps/v1', 'Deployment', 'default', 'hello')!;
    const rs = ownedReplicaSets(store, d)[0]!;
    const victim = podsOwnedBy(store, rs)[0]!;
    store.delete('v1', 'Pod', 'default', victim.metadata.name ?? '');
    await controllers.whenIdle();
    const pods = podsOwnedBy(store, rs);
    assert.equal(pods.length, 3);
    assert.ok(!pods.some((p) => p.metadata.name === victim.metadata.name));
  });

  it('scales a StatefulSet by ordinal with claims', async () => {
    store.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    await controllers.whenIdle();
    let sts = store.get('apps/v1', 'StatefulSet', 'default', 'db')!;
    assert.deepEqual(
      podsOwnedBy(store, sts)
        .map((p) => p.metadata.name)
        .sort(),
      ['db-0', 'db-1', 'db-2'],
    );
    assert.equal(store.get('v1', 'PersistentVolumeClaim', 'default', 'data-db-2')?.status.phase, 'Bound');
    store.update({ ...sts, spec: { ...sts.spec, replicas: 1 } });
    await controllers.whenIdle();
    sts = store.get('apps/v1', 'StatefulSet', 'default', 'db')!;
    assert.deepEqual(
      podsOwnedBy(store, sts).map((p) => p.metadata.name),
      ['db-0'],
    );
    assert.equal(sts.status.replicas, 1);
  });

  const userPods = [
    { name: 'unbound', nodeName: undefined },
    { name: 'prebound', nodeName: 'node-0002' },
  ];
  for (const tc of userPods) {
    it(`schedules and starts a user-created pod (${tc.name})`, async () => {
      store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: tc.name, namespace: 'default' },
        spec: { ...(tc.nodeName ? { nodeName: tc.nodeName } : {}), containers: [{ name: 'c', image: 'busybox' }] },
      });
      await eventually(() => store.get('v1', 'Pod', 'default', tc.name)?.status?.phase === 'Running');
      const pod = store.get('v1', 'Pod', 'default', tc.name)!;
      assert.ok(pod.spec.nodeName);
      if (tc.nodeName) assert.equal(pod.spec.nodeName, tc.nodeName);
      assert.match(pod.status.podIP, /^10\.\d+\.\d+\.\d+$/);
      assert.equal(pod.status.containerStatuses[0].ready, true);
    });
  }

  it('runs a new Job to completion and leaves seeded jobs alone', async () => {
    const seeded = store.list('batch/v1', 'Job').map((j) => JSON.stringify(j.status));
    store.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once', namespace: 'default' },
      spec: {
        completions: 2,
        parallelism: 1,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
      },
    });
    await eventually(() => store.get('batch/v1', 'Job', 'default', 'once')?.status?.succeeded === 2);
    const job = store.get('batch/v1', 'Job', 'default', 'once')!;
    assert.deepEqual(
      job.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`),
      ['SuccessCriteriaMet=True', 'Complete=True'],
    );
    assert.equal(job.status.active, 0);
    const pods = podsOwnedBy(store, job);
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.equal(p.status.phase, 'Succeeded');
      assert.equal(p.metadata.labels?.['job-name'], 'once');
    }
    const after = store
      .list('batch/v1', 'Job')
      .filter((j) => j.metadata.name !== 'once')
      .map((j) => JSON.stringify(j.status));
    assert.deepEqual(after, seeded);
  });

  it('gives a node created later one pod of every DaemonSet', async () => {
    store.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'late-node', labels: { 'kubernetes.io/hostname': 'late-node' } },
      spec: { podCIDR: '10.200.0.0/24' },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '127.0.9.9' }],
      },
    });
    await controllers.whenIdle();
    for (const ds of store.list('apps/v1', 'DaemonSet')) {
      const pods = podsOwnedBy(store, ds).filter((p) => p.spec.nodeName === 'late-node');
      assert.equal(pods.length, 1, `${ds.metadata.name} on late-node`);
      assert.equal(pods[0]!.status.phase, 'Running');
      assert.equal(pods[0]!.status.podIP, '127.0.9.9');
      assert.equal(ds.status.desiredNumberScheduled, store.list('v1', 'Node').length);
    }
    store.delete('v1', 'Node', undefined, 'late-node');
    await controllers.whenIdle();
    assert.equal(
      store
        .list('v1', 'Pod')
        .filter((p) => p.spec.nodeName === 'late-node' && p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet').length,
      0,
    );
  });

  it('renews the leases of Ready nodes', async () => {
    const before = store.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'node-0001')!;
    await eventually(
      () =>
        store.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'node-0001')!.spec.renewTime !==
        before.spec.renewTime,
    );
    const lease = store.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'node-0001')!;
    assert.match(lease.spec.renewTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.equal(lease.spec.holderIdentity, 'node-0001');
  });

  it('survives hostile objects and keeps reconciling', async () => {
    const errors: string[] = [];
    const hostileStore = new ObjectStore();
    loadCluster(hostileStore, generateCluster({ nodes: 2, podsPerNode: 6, seed: 3, now: NOW }));
    const c = startControllers(hostileStore, {
      log: { error: (msg) => errors.push(msg), v() {} },
      bindDelayMs: 1,
      startDelayMs: 1,
    });
    try {
      hostileStore.create({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'odd-node' },
        spec: { taints: 'none', podCIDR: 42 },
        status: { conditions: { Ready: true }, addresses: 'x' },
      });
      hostileStore.create({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'bad-replicas', namespace: 'default' },
        spec: { replicas: 'many', template: { spec: { containers: [] } } },
      });
      hostileStore.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'bad-template', namespace: 'default' },
        spec: { replicas: 1, template: { spec: { containers: { not: 'an array' } } } },
      });
      hostileStore.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'odd-pod', namespace: 'default' },
        spec: { containers: 'none' },
        status: { conditions: 'Ready' },
      });
      await c.whenIdle();
      assert.ok(errors.includes('Ignoring invalid spec.replicas'), errors.join('; '));
      assert.ok(errors.includes('Failed to sync ReplicaSet'), errors.join('; '));
      assert.equal(
        hostileStore.list('apps/v1', 'ReplicaSet', 'default').filter((r) => r.metadata.name?.startsWith('bad-replicas'))
          .length,
        0,
      );
      hostileStore.create({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'fine', namespace: 'default' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'fine' } },
          template: { metadata: { labels: { app: 'fine' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
        },
      });
      await c.whenIdle();
      assert.equal(hostileStore.get('apps/v1', 'Deployment', 'default', 'fine')?.status?.readyReplicas, 2);
    } finally {
      c.stop();
    }
  });
});
