/**
 * End to end: the real `kube-metrics kube-state-metrics` process against a seeded simulator
 * (controllers off, so the cluster holds still): exposition linted by promtool and scraped by
 * Debian's Prometheus, and every filtering option checked against the unfiltered output.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Simulator, startSimulator } from '../../src/simulator/command.ts';
import {
  diffSeries,
  eventually,
  familiesOf,
  freePort,
  type KsmProcess,
  runKsmToExit,
  seriesOf,
  startKsm,
} from './ksm-process.ts';

const CI = process.env.CI === 'true';

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

describe('kube-state-metrics (CLI) against the simulator', () => {
  let dir: string;
  let sim: Simulator;
  let base: KsmProcess;
  let baseBody: string;
  const started: KsmProcess[] = [];

  const ksm = async (args: string[]) => {
    const p = await startKsm(sim.kubeconfigPath, args);
    started.push(p);
    return p;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'km-ksm-e2e-'));
    sim = await startSimulator({ stateDir: join(dir, 'state'), port: 0, kubeletPort: 0, nodes: 3, controllers: false });
    base = await ksm([]);
    baseBody = await base.scrape();
  });

  after(async () => {
    await Promise.all(started.map((p) => p.stop()));
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('bad flags and option combinations exit 1 with a clear error', async () => {
    const cases: [string[], string][] = [
      [
        ['--port=abc'],
        'Error: invalid argument "abc" for "--port" flag: strconv.ParseInt: parsing "abc": invalid syntax\n',
      ],
      [
        ['--metric-allowlist=a', '--metric-denylist=b'],
        'Error: allowlist and denylist are both set, they are mutually exclusive, only one of them can be set\n',
      ],
      [['--resources=pod'], 'Error: resource pod does not exist. Available resources: '],
      [['--kubeconfig=/nonexistent/kubeconfig'], 'Error: '],
      [
        [`--kubeconfig=${sim.kubeconfigPath}`, '--host=127.0.0.1', `--port=${base.port}`, '--telemetry-port=0'],
        `Error: cannot listen on 127.0.0.1:${base.port}: listen EADDRINUSE`,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runKsmToExit(args)));
    results.forEach((r, i) => {
      const [args, prefix] = cases[i]!;
      assert.equal(r.code, 1, args.join(' '));
      // Startup log lines may come first; the error is a line of its own.
      assert.ok(
        r.stderr.split('\n').some((line) => `${line}\n`.startsWith(prefix)),
        `${args.join(' ')}: ${r.stderr.slice(0, 300)}`,
      );
    });
  });

  it('--help and the help/version subcommands', async () => {
    const golden = readFileSync(
      new URL('../../src/kube-state-metrics/options/testdata/help-v2.20.0.txt', import.meta.url),
      'utf8',
    );
    const [help, helpCommand, version] = await Promise.all([
      runKsmToExit(['--help']),
      runKsmToExit(['help']),
      runKsmToExit(['version']),
    ]);
    assert.deepEqual([help.code, help.stdout], [0, golden]);
    assert.deepEqual([helpCommand.code, helpCommand.stdout], [0, golden]);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^kube-state-metrics, version v\d+\.\d+\.\d+ \(branch: , revision: unknown\)\n/);
  });

  it('serves every default resource the simulator holds, and the self-metrics', async () => {
    const families = familiesOf(baseBody);
    for (const f of ['kube_pod_info', 'kube_node_info', 'kube_deployment_created', 'kube_namespace_created']) {
      assert.ok(families.has(f), f);
    }
    const self = await base.telemetry();
    for (const line of [
      'kube_state_metrics_list_total{resource="*v1.Pod",result="success"} 1',
      'kube_state_metrics_watch_total{resource="*v2.HorizontalPodAutoscaler",result="success"} 1',
      'kube_state_metrics_shard_ordinal{shard_ordinal="0"} 0',
      'kube_state_metrics_total_shards 1',
    ]) {
      assert.ok(self.includes(`${line}\n`), line);
    }
  });

  it('promtool check metrics accepts the /metrics body', (t) => {
    if (!hasTool('promtool')) {
      assert.ok(!CI, 'promtool must be installed under CI (.ci/run installs Debian prometheus)');
      t.skip('promtool not installed (Debian package prometheus)');
      return;
    }
    const r = spawnSync('promtool', ['check', 'metrics'], { input: baseBody, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it("Debian's Prometheus scrapes it: up == 1 and KSM series are queryable", async (t) => {
    if (!hasTool('prometheus')) {
      assert.ok(!CI, 'prometheus must be installed under CI');
      t.skip('prometheus not installed (Debian package prometheus)');
      return;
    }
    const port = await freePort();
    const config = join(dir, 'prometheus.yml');
    await writeFile(
      config,
      `global: {scrape_interval: 1s, scrape_timeout: 1s}\nscrape_configs:\n  - job_name: kube-state-metrics\n    static_configs: [{targets: ['127.0.0.1:${base.port}']}]\n`,
    );
    const prom: ChildProcess = spawn(
      'prometheus',
      [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    prom.stderr?.on('data', (d) => {
      log += d;
    });
    try {
      const query = async (q: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`).catch(
          () => undefined,
        );
        if (res?.status !== 200) return [];
        const json = (await res.json()) as { data?: { result?: { value: [number, string] }[] } };
        return json.data?.result ?? [];
      };
      const failure = await eventually(
        async () => {
          const up = await query('up{job="kube-state-metrics"}');
          const pods = await query('count(kube_pod_info)');
          if (up[0]?.value[1] !== '1') return `up = ${JSON.stringify(up)}`;
          if (pods[0]?.value[1] !== '30') return `count(kube_pod_info) = ${JSON.stringify(pods)}`;
          return undefined;
        },
        120,
        250,
      );
      assert.equal(failure, undefined, `${failure}\n${log.slice(-2000)}`);
      const targets = (await (await fetch(`http://127.0.0.1:${port}/api/v1/targets`)).json()) as {
        data: { activeTargets: { lastError: string; health: string }[] };
      };
      assert.deepEqual(
        targets.data.activeTargets.map((a) => [a.health, a.lastError]),
        [['up', '']],
      );
    } finally {
      prom.kill('SIGTERM');
      if (prom.exitCode === null) await new Promise((resolve) => prom.once('exit', resolve));
    }
  });

  it('--metric-allowlist keeps only matching families (unanchored regexes)', async () => {
    const p = await ksm(['--metric-allowlist=^kube_pod_info$,kube_node_info']);
    const body = await p.scrape();
    assert.deepEqual([...familiesOf(body)].sort(), ['kube_node_info', 'kube_pod_info']);
    const re = /^(kube_pod_info|kube_node_info)[{ ]/;
    assert.equal(
      diffSeries(
        seriesOf(body),
        seriesOf(baseBody).filter((l) => re.test(l)),
      ),
      undefined,
    );
  });

  it('--metric-denylist drops matching families and nothing else', async () => {
    const p = await ksm(['--metric-denylist=^kube_pod_,kube_node_info']);
    const re = /^(kube_pod_[a-z_]*|kube_node_info)[{ ]/;
    assert.equal(
      diffSeries(
        seriesOf(await p.scrape()),
        seriesOf(baseBody).filter((l) => !re.test(l)),
      ),
      undefined,
    );
  });

  it('--metric-opt-in-list enables opt-in families', async () => {
    assert.ok(!baseBody.includes('# HELP kube_pod_nodeselectors '));
    const p = await ksm(['--resources=pods', '--metric-opt-in-list=kube_pod_nodeselectors']);
    assert.ok((await p.scrape()).includes('# HELP kube_pod_nodeselectors '));
  });

  it('--metric-labels-allowlist and --metric-annotations-allowlist (exact keys and wildcards)', async () => {
    const p = await ksm([
      '--resources=nodes,deployments',
      '--metric-labels-allowlist=nodes=[kubernetes.io/*],deployments=[app]',
      '--metric-annotations-allowlist=nodes=[node.alpha.kubernetes.io/ttl]',
    ]);
    const lines = seriesOf(await p.scrape()).filter((l) => /^kube_(node|deployment)_(labels|annotations)\{/.test(l));
    const nodes = ['node-0000', 'node-0001', 'node-0002'];
    const want = [
      ...nodes.map((n) => `kube_node_annotations{node="${n}",annotation_node_alpha_kubernetes_io_ttl="0"} 1`),
      ...nodes.map(
        (n) =>
          `kube_node_labels{node="${n}",label_kubernetes_io_arch="amd64",label_kubernetes_io_hostname="${n}",label_kubernetes_io_os="linux"} 1`,
      ),
    ];
    assert.deepEqual(
      lines.filter((l) => l.startsWith('kube_node_')),
      want.sort(),
    );
    const deployments = lines.filter((l) => l.startsWith('kube_deployment_labels'));
    assert.ok(deployments.length > 0);
    for (const l of deployments)
      assert.match(l, /^kube_deployment_labels\{namespace="[^"]+",deployment="([^"]+)",label_app="\1"\} 1$/);
    for (const l of lines.filter((x) => x.startsWith('kube_deployment_annotations'))) {
      assert.match(l, /^kube_deployment_annotations\{namespace="[^"]+",deployment="[^"]+"\} 1$/);
    }
  });

  it('--namespaces: one store per namespace, cluster-scoped resources unaffected', async () => {
    const args = ['--resources=pods,deployments,nodes'];
    const p = await ksm([...args, '--namespaces=payments,batch']);
    const all = seriesOf(await base.scrape('/metrics?resources=pods,deployments,nodes'));
    const want = all.filter((l) => !l.includes('namespace="') || /\{namespace="(payments|batch)"/.test(l));
    assert.ok(want.some((l) => l.startsWith('kube_node_info')));
    assert.equal(diffSeries(seriesOf(await p.scrape()), want), undefined);
  });

  it('--namespaces-denylist becomes a field selector', async () => {
    const p = await ksm(['--resources=pods,configmaps', '--namespaces-denylist=kube-system,payments']);
    const all = seriesOf(await base.scrape('/metrics?resources=pods,configmaps'));
    const want = all.filter((l) => !/\{namespace="(kube-system|payments)"/.test(l));
    assert.ok(want.length < all.length);
    assert.equal(diffSeries(seriesOf(await p.scrape()), want), undefined);
  });

  it('--node and --track-unscheduled-pods select pods by spec.nodeName on the server', async () => {
    const uidsOn = (body: string, node: string) =>
      seriesOf(body)
        .filter((l) => l.startsWith('kube_pod_info{') && l.includes(`node="${node}"`))
        .map((l) => /uid="([^"]+)"/.exec(l)?.[1])
        .sort();
    // Controllers are off, so a pod created without a node stays unscheduled.
    sim.state.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pending-e2e', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] },
    });
    let body = '';
    const seen = await eventually(async () => {
      body = await base.scrape('/metrics?resources=pods');
      return uidsOn(body, '').length === 1 ? undefined : 'the pending pod is not in the base output yet';
    });
    assert.equal(seen, undefined);
    const [onNode, unscheduled] = await Promise.all([
      ksm(['--resources=pods', '--node=node-0001']),
      ksm(['--resources=pods', '--track-unscheduled-pods']),
    ]);
    const nodeBody = await onNode.scrape();
    assert.ok(uidsOn(body, 'node-0001').length > 0);
    assert.deepEqual(
      seriesOf(nodeBody)
        .filter((l) => l.startsWith('kube_pod_info{'))
        .map((l) => /uid="([^"]+)"/.exec(l)?.[1])
        .sort(),
      uidsOn(body, 'node-0001'),
    );
    assert.deepEqual(
      seriesOf(await unscheduled.scrape())
        .filter((l) => l.startsWith('kube_pod_info{'))
        .map((l) => /uid="([^"]+)"/.exec(l)?.[1])
        .sort(),
      uidsOn(body, ''),
    );
  });

  it('--auth-filter: TokenReview and SubjectAccessReview guard /metrics on both ports', async () => {
    const p = await ksm(['--resources=namespaces', '--auth-filter']);
    const sa = sim.state.get('v1', 'ServiceAccount', 'default', 'default')!;
    const { token } = sim.auth.tokens.issue({
      namespace: 'default',
      name: 'default',
      uid: sa.metadata.uid!,
      audiences: sim.auth.tokens.apiAudiences,
      expirationSeconds: 600,
    });
    const status = async (port: number, authorization?: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      return [res.status, (await res.text()).split('\n')[0]];
    };
    const denied = 'Authorization denied for user system:serviceaccount:default:default';
    assert.deepEqual(await status(p.port), [401, 'Unauthorized']);
    assert.deepEqual(await status(p.port, 'Bearer not-a-token'), [401, 'Unauthorized']);
    assert.deepEqual(await status(p.port, `Bearer ${token}`), [403, denied]);
    assert.deepEqual(await status(p.telemetryPort, `Bearer ${token}`), [403, denied]);
    sim.state.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'ksm-e2e-metrics-reader' },
      rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }],
    });
    sim.state.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'ksm-e2e-metrics-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ksm-e2e-metrics-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    const allowed = await eventually(async () => {
      const [code] = await status(p.port, `Bearer ${token}`);
      return code === 200 ? undefined : `status ${code}`;
    });
    assert.equal(allowed, undefined);
    assert.deepEqual(await status(p.port, `Bearer ${token}`), [
      200,
      '# HELP kube_namespace_created [STABLE] Unix creation timestamp',
    ]);
    assert.equal((await status(p.telemetryPort, `Bearer ${token}`))[0], 200);
    // Probes stay open.
    assert.equal((await fetch(`http://127.0.0.1:${p.port}/healthz`)).status, 200);
    assert.equal((await fetch(`http://127.0.0.1:${p.telemetryPort}/readyz`)).status, 200);
  });

  it('--config overrides flags and a change of the file restarts with the new options', async () => {
    const file = join(dir, 'ksm-config.yaml');
    await writeFile(file, 'resources: {configmaps: {}}\n');
    const [port, telemetryPort] = [await freePort(), await freePort()];
    const p = await ksm([
      '--resources=pods',
      `--config=${file}`,
      `--port=${port}`,
      `--telemetry-port=${telemetryPort}`,
    ]);
    assert.deepEqual(
      [...familiesOf(await p.scrape())].every((f) => f.startsWith('kube_configmap_')),
      true,
    );
    await writeFile(file, 'resources: {secrets: {}}\nmetric_allowlist: {kube_secret_info: {}}\n');
    const failure = await eventually(
      async () => {
        const families = await p.scrape().then(
          (b) => [...familiesOf(b)].join(','),
          (err: Error) => err.message,
        );
        return families === 'kube_secret_info' ? undefined : families;
      },
      60,
      250,
    );
    assert.equal(failure, undefined);
    const self = await p.telemetry();
    assert.match(self, /kube_state_metrics_last_config_reload_successful\{filename="[^"]+",type="config"\} 1\n/);
    assert.match(self, /kube_state_metrics_config_hash\{filename="[^"]+",type="config"\} \d+\n/);

    // A broken file is reported and the running configuration keeps serving.
    await writeFile(file, 'resources: [unterminated\n');
    const reported = await eventually(
      async () =>
        /kube_state_metrics_last_config_reload_successful\{filename="[^"]+",type="config"\} 0\n/.test(
          await p.telemetry().catch(() => ''),
        )
          ? undefined
          : 'reload failure not reported yet',
      60,
      250,
    );
    assert.equal(reported, undefined);
    assert.deepEqual([...familiesOf(await p.scrape())], ['kube_secret_info']);
  });
  it('--continue-without-config starts without the file and picks it up once it appears', async () => {
    const file = join(dir, 'late-config.yaml');
    const [port, telemetryPort] = [await freePort(), await freePort()];
    const p = await ksm([
      '--resources=namespaces',
      '--metric-allowlist=kube_namespace_created',
      `--config=${file}`,
      '--continue-without-config',
      `--port=${port}`,
      `--telemetry-port=${telemetryPort}`,
    ]);
    assert.deepEqual([...familiesOf(await p.scrape())], ['kube_namespace_created']);
    await writeFile(file, 'metric_allowlist: {kube_namespace_status_phase: {}}\n');
    const failure = await eventually(
      async () => {
        const families = await p.scrape().then(
          (b) => [...familiesOf(b)].join(','),
          (err: Error) => err.message,
        );
        return families === 'kube_namespace_status_phase' ? undefined : families;
      },
      60,
      250,
    );
    assert.equal(failure, undefined);
  });
});
