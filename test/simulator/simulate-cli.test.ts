/**
 * End to end: the real `kube-metrics simulate` CLI in a child process, driven with the kubectl
 * on PATH and with @kubernetes/client-node through the kubeconfig it writes.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);

/** The real CLI through tsx (`src/cli.ts` runs `main` when it is the entry point). */
function cliArgs(args: string[]): string[] {
  return ['--import', 'tsx', 'src/cli.ts', ...args];
}

describe('kube-metrics simulate (CLI)', () => {
  let dir: string;
  let child: ChildProcess;
  let kubeconfig: string;
  let server: string;
  let stderr = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'km-sim-e2e-'));
    const args = cliArgs([
      'simulate',
      '--port',
      '0',
      '--kubelet-port',
      '0',
      '--state-dir',
      join(dir, 'state'),
      '--nodes',
      '3',
    ]);
    child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const lines = createInterface({ input: child.stdout! });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`simulate exited early with ${code}: ${stderr}`);
    });
    const ready = (async () => {
      for await (const line of lines) {
        const m = /^ready kubeconfig=(\S+) server=(https:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (m) return m;
      }
      throw new Error(`stdout closed before the ready line: ${stderr}`);
    })();
    const m = await Promise.race([ready, exited]);
    kubeconfig = m[1]!;
    server = m[2]!;
  });

  after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('writes an absolute kubeconfig in the state dir', () => {
    assert.equal(kubeconfig, join(dir, 'state', 'kubeconfig'));
  });

  it('serves kubectl get nodes -o wide', async () => {
    const env = { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: kubeconfig };
    const { stdout } = await run('kubectl', ['get', 'nodes', '-o', 'wide'], { env });
    const lines = stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP/);
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, /^node-0000\s+Ready\s+control-plane\s+\S+\s+v1\.33\.\d+\s+127\.0\.1\.1\s/);
    assert.match(lines[3]!, /^node-0002\s+Ready\s+<none>\s+\S+\s+v1\.33\.\d+\s+127\.0\.1\.3\s/);
  });

  it('serves @kubernetes/client-node', async () => {
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kubeconfig);
    assert.equal(kc.getCurrentCluster()?.server, server);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const nodes = await core.listNode();
    assert.deepEqual(
      nodes.items.map((n) => n.metadata?.name),
      ['node-0000', 'node-0001', 'node-0002'],
    );
    const pods = await core.listPodForAllNamespaces();
    assert.equal(pods.items.length, 30);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const deployments = await apps.listDeploymentForAllNamespaces();
    assert.ok(deployments.items.length > 0);
  });

  it('stops cleanly on SIGTERM with exit code 0', async () => {
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = await exit;
    assert.equal(signal, null);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /"Shutting down" signal="SIGTERM"/);
  });
});

describe('kube-metrics simulate (bad flags)', () => {
  const cases = [
    { args: ['--nodes=-1'], error: 'Error: --nodes must be between 0 and 32768, got -1\n' },
    {
      args: ['--pods-per-node', 'many'],
      error:
        'Error: invalid argument "many" for "--pods-per-node" flag: strconv.ParseInt: parsing "many": invalid syntax\n',
    },
    { args: ['--no-such-flag'], error: 'Error: unknown flag: --no-such-flag\n' },
  ];
  for (const tc of cases) {
    it(`rejects ${tc.args.join(' ')} before starting anything`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'km-sim-flags-'));
      try {
        const args = cliArgs(['simulate', '--state-dir', join(dir, 'state'), ...tc.args]);
        const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        const [code] = await once(child, 'exit');
        assert.equal(code, 1);
        assert.equal(stdout, '');
        assert.equal(stderr, tc.error);
        await assert.rejects(readFile(join(dir, 'state', 'kubeconfig')), { code: 'ENOENT' });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
