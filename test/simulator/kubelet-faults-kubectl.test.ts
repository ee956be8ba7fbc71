/**
 * Acceptance (issue 4): every kubelet fault kind, set and cleared with plain `kubectl annotate`
 * against the simulator, does what it says on the node's real HTTPS endpoint, and the kubelet
 * heals when the annotation is removed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { kubectlBinaries, run } from '../metrics-server/e2e-helpers.ts';

const ANNOTATION = 'sim.kube-metrics.io/kubelet-fault';
const NODE = 'node-0000';

interface Scrape {
  status: number;
  body: Buffer;
  text: string;
}

describe('kubelet faults set and cleared with kubectl annotate', () => {
  const kubectls = kubectlBinaries();
  let dir: string;
  let sim: Simulator;
  let env: NodeJS.ProcessEnv;
  const agents: Agent[] = [];

  const kubelet = () => {
    const k = sim.kubelets?.kubelet(NODE);
    assert.ok(k, `no kubelet for ${NODE}`);
    return k;
  };

  /** A client with its own connections, so a fault's broken sockets never leak into the next case. */
  function client(): Agent {
    const a = new Agent({
      connect: { ca: sim.pki.kubeletCA.certPem, cert: sim.pki.admin.certPem, key: sim.pki.admin.keyPem },
    });
    agents.push(a);
    return a;
  }

  async function scrape(headersTimeout = 10_000): Promise<Scrape> {
    const k = kubelet();
    const res = await request(`https://${k.endpoint.ip}:${k.port}/metrics/resource`, {
      dispatcher: client(),
      headersTimeout,
      bodyTimeout: headersTimeout,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, body, text: body.toString() };
  }

  async function annotate(value: string | undefined): Promise<void> {
    const arg = value === undefined ? `${ANNOTATION}-` : `${ANNOTATION}=${value}`;
    const r = await run(kubectls[kubectls.length - 1]!.path, ['annotate', 'node', NODE, arg, '--overwrite'], env);
    assert.equal(r.code, 0, `kubectl annotate ${arg}: ${r.stderr}`);
    await sim.kubelets?.whenIdle();
  }

  async function healthy(): Promise<void> {
    const r = await scrape();
    assert.equal(r.status, 200);
    assert.match(r.text, /^node_cpu_usage_seconds_total [1-9]/m);
    assert.match(r.text, /^node_memory_working_set_bytes /m);
  }

  before(async () => {
    if (kubectls.length === 0) throw new Error('no kubectl.1.NN binaries beside the kubectl on PATH');
    dir = await mkdtemp(join(tmpdir(), 'kubelet-faults-'));
    sim = await startSimulator({
      stateDir: join(dir, 'sim'),
      port: 0,
      nodes: 1,
      podsPerNode: 3,
      kubelets: true,
      kubeletPort: 0,
      controllers: false,
    });
    env = { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: sim.kubeconfigPath };
  });

  after(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const code = (err: unknown) => String((err as { code?: string }).code);
  const cases: { fault: string; check: () => Promise<void> }[] = [
    { fault: 'down', check: () => assert.rejects(scrape(), (e) => code(e) === 'ECONNREFUSED') },
    { fault: 'timeout', check: () => assert.rejects(scrape(500), (e) => code(e) === 'UND_ERR_HEADERS_TIMEOUT') },
    { fault: 'slow=3s', check: () => assert.rejects(scrape(500), (e) => code(e) === 'UND_ERR_HEADERS_TIMEOUT') },
    {
      fault: 'http-500',
      check: async () => assert.equal((await scrape()).status, 500),
    },
    {
      fault: 'garbage',
      check: async () => {
        const r = await scrape();
        assert.equal(r.status, 200);
        assert.doesNotMatch(r.text, /^# HELP/);
      },
    },
    {
      fault: 'truncated',
      check: async () => {
        const r = await scrape();
        assert.deepEqual(r.body, sim.kubelets!.payloadFor(NODE).subarray(0, r.body.length));
        assert.ok(r.body.length < sim.kubelets!.payloadFor(NODE).length);
      },
    },
    { fault: 'reset', check: () => assert.rejects(scrape(), (e) => /UND_ERR_SOCKET|ECONNRESET/.test(code(e))) },
    {
      fault: 'zero-cpu',
      check: async () => assert.match((await scrape()).text, /^node_cpu_usage_seconds_total 0 \d{13}$/m),
    },
    {
      fault: 'missing-memory',
      check: async () => {
        const r = await scrape();
        assert.equal(r.status, 200);
        assert.doesNotMatch(r.text, /working_set_bytes/);
      },
    },
    {
      fault: 'wrong-cert',
      check: () => assert.rejects(scrape(), (e) => /UNABLE_TO_VERIFY|SELF_SIGNED|CERT/.test(code(e))),
    },
    {
      fault: 'stale',
      check: async () => {
        const first = (await scrape()).body;
        sim.kubelets!.tick(Date.now() + 60_000);
        assert.deepEqual((await scrape()).body, first);
      },
    },
  ];

  for (const tc of cases) {
    it(`${tc.fault}: does what it says, and heals when the annotation is removed`, async () => {
      await healthy();
      await annotate(tc.fault);
      await tc.check();
      await annotate(undefined);
      await healthy();
    });
  }
});
