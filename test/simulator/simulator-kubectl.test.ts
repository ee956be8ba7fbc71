/**
 * The in-process simulator reacting to kubectl like a real cluster: scale, create, delete.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { KubeObject } from '../../src/shared/kube/object.ts';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';

const exec = promisify(execFile);

/** Polls until `check` passes; gives up after ~20 s so a broken controller fails instead of hanging. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 800) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('simulator with kubectl', () => {
  let dir: string;
  let sim: Simulator;
  const kubectl = async (...args: string[]) =>
    (
      await exec('kubectl', args, {
        env: { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: sim.kubeconfigPath },
      })
    ).stdout;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'km-sim-kubectl-'));
    sim = await startSimulator({ stateDir: join(dir, 'state'), port: 0, nodes: 3, podsPerNode: 10, seed: 4 });
  });
  after(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const activePods = (rs: KubeObject) =>
    sim.state
      .list('v1', 'Pod', rs.metadata.namespace)
      .filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid && !p.metadata.deletionTimestamp);

  it('kubectl scale changes the pods of a seeded deployment', async () => {
    const d = sim.state.list('apps/v1', 'Deployment').find((x) => x.metadata.namespace !== 'kube-system')!;
    const { namespace, name } = d.metadata;
    assert.equal(
      (await kubectl('scale', 'deployment', name!, '-n', namespace!, '--replicas=5')).trim(),
      `deployment.apps/${name} scaled`,
    );
    await sim.controllers!.whenIdle();
    const sets = sim.state
      .list('apps/v1', 'ReplicaSet', namespace)
      .filter((rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid && rs.spec.replicas > 0);
    assert.equal(sets.length, 1);
    assert.equal(activePods(sets[0]!).length, 5);
    const out = await kubectl('get', 'deployment', name!, '-n', namespace!, '-o', 'jsonpath={.status.replicas}');
    assert.equal(out, '5');
  });

  it('kubectl rollout restart creates a new ReplicaSet and rollout status completes', async () => {
    const d = sim.state.list('apps/v1', 'Deployment').find((x) => x.metadata.namespace !== 'kube-system')!;
    const { namespace, name } = d.metadata;
    const owned = () =>
      sim.state
        .list('apps/v1', 'ReplicaSet', namespace)
        .filter((rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid);
    const before = new Set(owned().map((rs) => rs.metadata.name));
    await kubectl('rollout', 'restart', `deployment/${name}`, '-n', namespace!);
    await sim.controllers!.whenIdle();
    const fresh = owned().filter((rs) => !before.has(rs.metadata.name));
    assert.equal(fresh.length, 1);
    assert.equal(fresh[0]!.spec.replicas, d.spec.replicas);
    const status = await kubectl('rollout', 'status', `deployment/${name}`, '-n', namespace!, '--timeout=20s');
    assert.match(status, /successfully rolled out/);
  });

  it('kubectl create -f runs an unscheduled pod', async () => {
    const manifest = join(dir, 'pod.yaml');
    await writeFile(
      manifest,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: hello\n    image: busybox\n',
    );
    assert.equal((await kubectl('create', '-f', manifest)).trim(), 'pod/hello created');
    await eventually(() => sim.state.get('v1', 'Pod', 'default', 'hello')?.status?.phase === 'Running');
    const out = await kubectl(
      'get',
      'pod',
      'hello',
      '-o',
      'jsonpath={.spec.nodeName} {.status.containerStatuses[0].ready}',
    );
    assert.match(out, /^node-000\d true$/);
  });

  it('kubectl delete of a ReplicaSet pod gets it replaced', async () => {
    const rs = sim.state
      .list('apps/v1', 'ReplicaSet')
      .find((x) => x.spec.replicas > 0 && x.metadata.namespace !== 'kube-system')!;
    const before = activePods(rs).map((p) => p.metadata.name);
    await kubectl('delete', 'pod', before[0]!, '-n', rs.metadata.namespace!, '--wait=false');
    await sim.controllers!.whenIdle();
    const now = activePods(rs).map((p) => p.metadata.name);
    assert.equal(now.length, before.length);
    assert.ok(!now.includes(before[0]));
  });

  it('refuses a busy port with the address in the message, and reuses the PKI', async () => {
    await assert.rejects(startSimulator({ stateDir: join(dir, 'state'), port: sim.port, nodes: 0 }), {
      message: new RegExp(`^cannot serve on 127\\.0\\.0\\.1:${sim.port}: listen EADDRINUSE`),
    });
    const again = await startSimulator({ stateDir: join(dir, 'state'), port: 0, nodes: 0 });
    try {
      assert.deepEqual(again.pki.written, []);
      assert.equal(again.state.list('v1', 'Node').length, 0);
    } finally {
      await again.stop();
    }
  });
});
