/**
 * Acceptance: every kubectl 1.NN installed beside the gcloud SDK's kubectl runs its everyday
 * commands against the simulator's API server (discovery, Table output, OpenAPI for create and
 * apply), each version with a fresh HOME so it rebuilds its discovery and OpenAPI caches.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kubectlBinaries } from '../metrics-server/e2e-helpers.ts';
import { type Harness, startHarness } from './apiserver-helpers.ts';
import {
  crdManifest,
  deploymentManifest,
  fixtureObjects,
  POD_MANIFEST,
  rows,
  widgetManifest,
} from './kubectl-fixtures.ts';

const HOUR = 3_600_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(binary: string, args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(binary, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

/** Runs `kubectl ... -w` until its output contains `until`, then stops it (by its PID). */
function watchUntil(
  binary: string,
  args: string[],
  env: Record<string, string>,
  until: string,
  onStarted: () => Promise<void>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(
        new Error(
          `kubectl ${args.join(' ')}: no ${JSON.stringify(until)} within 30 s; stdout ${JSON.stringify(stdout)}, stderr ${JSON.stringify(stderr)}`,
        ),
      );
    }, 30_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (!started && stdout.includes('\n')) {
        started = true;
        onStarted().catch((err: unknown) => {
          clearTimeout(timer);
          child.kill();
          reject(err);
        });
      }
      if (stdout.includes(until)) {
        clearTimeout(timer);
        child.kill();
        resolve(stdout);
      }
    });
  });
}

const binaries = kubectlBinaries();
const NOW = Date.now();

describe('kubectl against the simulator', () => {
  let h: Harness;
  let work: string;
  let kubeconfig: string;

  before(async () => {
    h = await startHarness();
    for (const { path, object } of fixtureObjects(NOW, 10 * HOUR + 60_000)) {
      const res = await h.call('POST', path, { body: object });
      assert.equal(res.status, 201, `creating ${object.metadata.name}: ${res.text}`);
    }
    work = mkdtempSync(join(tmpdir(), 'kubectl-versions-'));
    kubeconfig = join(work, 'kubeconfig');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters:
- name: sim
  cluster: {server: "${h.url}", certificate-authority-data: ${b64(h.caPem)}}
users:
- name: admin
  user: {client-certificate-data: ${b64(h.admin.certPem)}, client-key-data: ${b64(h.admin.keyPem)}}
contexts:
- name: sim
  context: {cluster: sim, user: admin, namespace: default}
current-context: sim
`,
    );
  });

  after(async () => {
    await h?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('finds the versioned kubectl binaries', () => {
    assert.ok(
      binaries.length > 0,
      'no kubectl.1.NN binaries found beside the kubectl on PATH (expected the gcloud SDK layout)',
    );
  });

  it('the kubectl dispatcher on PATH picks a version from /version and prints the same table', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: join(work, 'home-dispatcher'), KUBECONFIG: kubeconfig };
    const r = await run('kubectl', ['get', 'nodes'], env);
    assert.equal(r.stderr, '');
    assert.deepEqual(rows(r.stdout), [
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
      ['node-1', 'Ready', 'control-plane', '10h', 'v1.33.1'],
    ]);
  });

  for (const { minor, path } of binaries) {
    describe(`kubectl 1.${minor}`, () => {
      const namespace = `kubectl-1-${minor}`;
      let env: Record<string, string>;
      const kubectl = (args: string[], stdin?: string) => run(path, args, env, stdin);

      before(async () => {
        const home = join(work, `home-${minor}`);
        env = { PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: kubeconfig };
        const res = await h.call('POST', '/api/v1/namespaces', {
          body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
        });
        assert.equal(res.status, 201, res.text);
      });

      it('get nodes -o wide', async () => {
        const r = await kubectl(['get', 'nodes', '-o', 'wide']);
        assert.equal(r.stderr, '');
        assert.deepEqual(rows(r.stdout), [
          [
            'NAME',
            'STATUS',
            'ROLES',
            'AGE',
            'VERSION',
            'INTERNAL-IP',
            'EXTERNAL-IP',
            'OS-IMAGE',
            'KERNEL-VERSION',
            'CONTAINER-RUNTIME',
          ],
          [
            'node-1',
            'Ready',
            'control-plane',
            '10h',
            'v1.33.1',
            '127.0.1.1',
            '<none>',
            'Debian GNU/Linux 12 (bookworm)',
            '6.1.0-18-amd64',
            'containerd://1.7.24',
          ],
        ]);
      });

      it('get pods -A -o wide', async () => {
        const r = await kubectl(['get', 'pods', '-A', '-o', 'wide']);
        assert.equal(r.stderr, '');
        const [header, ...body] = rows(r.stdout);
        assert.deepEqual(header, [
          'NAMESPACE',
          'NAME',
          'READY',
          'STATUS',
          'RESTARTS',
          'AGE',
          'IP',
          'NODE',
          'NOMINATED NODE',
          'READINESS GATES',
        ]);
        const fixtures = body
          .filter((row) => row[0] === 'default')
          .sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? ''));
        assert.deepEqual(fixtures, [
          [
            'default',
            'crashy',
            '0/1',
            'CrashLoopBackOff',
            '4 (20h ago)',
            '10h',
            '10.244.0.6',
            'node-1',
            '<none>',
            '<none>',
          ],
          ['default', 'done', '0/1', 'Completed', '0', '10h', '<none>', 'node-1', '<none>', '<none>'],
          ['default', 'starting', '0/1', 'Init:0/1', '0', '10h', '<none>', 'node-1', '<none>', '<none>'],
          ['default', 'unscheduled', '0/1', 'Pending', '0', '10h', '<none>', '<none>', '<none>', '<none>'],
          ['default', 'web', '1/1', 'Running', '0', '10h', '10.244.0.5', 'node-1', '<none>', '<none>'],
        ]);
      });

      it('get all -A', async () => {
        const r = await kubectl(['get', 'all', '-A']);
        assert.equal(r.code, 0, r.stderr);
        const cells = rows(r.stdout);
        assert.ok(
          cells.some((row) => row[0] === 'default' && row[1] === 'pod/web'),
          r.stdout,
        );
        assert.ok(
          cells.some((row) => row[0] === 'default' && row[1] === 'service/kubernetes'),
          r.stdout,
        );
      });

      it('api-resources', async () => {
        const r = await kubectl(['api-resources']);
        assert.equal(r.code, 0, r.stderr);
        const cells = rows(r.stdout);
        assert.deepEqual(cells[0], ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
        for (const want of [
          ['pods', 'po', 'v1', 'true', 'Pod'],
          ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
          ['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', 'true', 'HorizontalPodAutoscaler'],
          ['customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', 'false', 'CustomResourceDefinition'],
        ]) {
          assert.ok(
            cells.some((row) => JSON.stringify(row) === JSON.stringify(want)),
            `missing ${want.join(' ')}`,
          );
        }
      });

      it('create -f', async () => {
        const r = await kubectl(['create', '-n', namespace, '-f', '-'], POD_MANIFEST);
        assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'pod/created created\n', '']);
      });

      it('get pods -w prints the header once, then each change as a row', async () => {
        const out = await watchUntil(path, ['get', 'pods', '-n', namespace, '-w'], env, 'watched', async () => {
          const pod = {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'watched' },
            spec: { containers: [{ name: 'a', image: 'pause' }] },
          };
          const res = await h.call('POST', `/api/v1/namespaces/${namespace}/pods`, { body: pod });
          assert.equal(res.status, 201, res.text);
        });
        const cells = rows(out);
        assert.deepEqual(cells[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
        assert.deepEqual(
          cells.slice(1).map((row) => row.slice(0, 2)),
          [
            ['created', '0/1'],
            ['watched', '0/1'],
          ],
        );
      });

      it('apply -f twice (create, then a changed field, label and list element)', async () => {
        const first = await kubectl(['apply', '-n', namespace, '-f', '-'], deploymentManifest('a', 2, 'one'));
        assert.deepEqual([first.code, first.stdout, first.stderr], [0, 'deployment.apps/applied created\n', '']);
        const second = await kubectl(['apply', '-n', namespace, '-f', '-'], deploymentManifest('b', 3, 'two'));
        assert.deepEqual([second.code, second.stdout, second.stderr], [0, 'deployment.apps/applied configured\n', '']);
        const jsonpath = '{.metadata.labels.tier} {.spec.replicas} {.spec.template.spec.containers[0].env}';
        const got = await kubectl(['get', 'deployment', 'applied', '-n', namespace, '-o', `jsonpath=${jsonpath}`]);
        assert.equal(got.stdout, 'b 3 [{"name":"MODE","value":"two"}]');
      });

      it('get deploy,rs,ds,sts,svc,endpointslices,cm,secrets,ing,hpa,pdb,pvc,pv,sc,jobs,cronjobs,leases -A', async () => {
        const kinds = 'deploy,rs,ds,sts,svc,endpointslices,cm,secrets,ing,hpa,pdb,pvc,pv,sc,jobs,cronjobs,leases';
        const r = await kubectl(['get', kinds, '-A']);
        assert.deepEqual([r.code, r.stderr], [0, '']);
        const headers = rows(r.stdout).filter((row) => row[0] === 'NAMESPACE');
        for (const want of [
          ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
          ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
          ['NAMESPACE', 'NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
          ['NAMESPACE', 'NAME', 'DATA', 'AGE'],
        ]) {
          assert.ok(
            headers.some((h) => JSON.stringify(h) === JSON.stringify(want)),
            `no ${want.join(' ')} in\n${r.stdout}`,
          );
        }
      });

      it('label, annotate, scale and delete', async () => {
        const created = await kubectl(['apply', '-n', namespace, '-f', '-'], deploymentManifest('x', 1, 'one'));
        assert.equal(created.code, 0, created.stderr);
        const label = await kubectl(['label', 'deployment', 'applied', '-n', namespace, 'team=core']);
        assert.deepEqual([label.code, label.stdout, label.stderr], [0, 'deployment.apps/applied labeled\n', '']);
        const relabel = await kubectl(['label', 'deployment', 'applied', '-n', namespace, 'team-']);
        assert.deepEqual([relabel.code, relabel.stdout], [0, 'deployment.apps/applied unlabeled\n']);
        const annotate = await kubectl(['annotate', 'deployment', 'applied', '-n', namespace, 'owner=ops']);
        // kubectl 1.27 prints "annotate" (its own typo, fixed in 1.28); the change is what matters.
        assert.equal(annotate.code, 0, annotate.stderr);
        assert.match(
          annotate.stdout,
          minor === 27 ? /^deployment\.apps\/applied annotated?\n$/ : /^deployment\.apps\/applied annotated\n$/,
        );
        const scale = await kubectl(['scale', 'deployment', 'applied', '-n', namespace, '--replicas=4']);
        assert.deepEqual([scale.code, scale.stdout, scale.stderr], [0, 'deployment.apps/applied scaled\n', '']);
        const got = await kubectl([
          'get',
          'deployment',
          'applied',
          '-n',
          namespace,
          '-o',
          'jsonpath={.spec.replicas} {.metadata.annotations.owner} {.metadata.labels.team}',
        ]);
        assert.equal(got.stdout, '4 ops ');
        const del = await kubectl(['delete', 'deployment', 'applied', '-n', namespace]);
        assert.deepEqual([del.code, del.stdout, del.stderr], [0, 'deployment.apps "applied" deleted\n', '']);
        const gone = await kubectl(['get', 'deployment', 'applied', '-n', namespace]);
        assert.equal(gone.code, 1);
        assert.match(gone.stderr, /NotFound.*deployments.apps "applied" not found/);
      });

      it('apply -f a CRD, then its custom resources twice, and get them', async () => {
        const group = `v1${minor}.example.com`;
        const crd = await kubectl(['apply', '-f', '-'], crdManifest(group));
        assert.deepEqual(
          [crd.code, crd.stdout, crd.stderr],
          [0, `customresourcedefinition.apiextensions.k8s.io/widgets.${group} created\n`, ''],
        );
        const first = await kubectl(['apply', '-n', namespace, '-f', '-'], widgetManifest(group, 1));
        assert.deepEqual([first.code, first.stdout, first.stderr], [0, `widget.${group}/w1 created\n`, '']);
        const second = await kubectl(['apply', '-n', namespace, '-f', '-'], widgetManifest(group, 2));
        assert.deepEqual([second.code, second.stdout, second.stderr], [0, `widget.${group}/w1 configured\n`, '']);
        const got = await kubectl(['get', `widgets.${group}`, '-n', namespace, '-o', 'wide']);
        assert.equal(got.stderr, '');
        assert.deepEqual(
          rows(got.stdout).map((row) => row[0]),
          ['NAME', 'w1'],
        );
        assert.deepEqual(rows(got.stdout)[0], ['NAME', 'AGE']);
      });
    });
  }
});
