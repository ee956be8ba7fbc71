/**
 * Acceptance (issue 5): the manifests applied to the simulator, our metrics-server as a child
 * process running as its ServiceAccount (TokenRequest token), registered through an EndpointSlice
 * on 127.0.0.1, reached through the aggregation layer by every installed kubectl 1.NN and by
 * @kubernetes/client-node. Served values are checked against rates computed from the simulated
 * kubelets' own samples; authentication, authorization, health and kubelet faults end to end.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../src/shared/kube/object.ts';
import { parseQuantity } from '../../src/shared/quantity/index.ts';
import { issueCertificate } from '../../src/shared/tls/pki.ts';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { tokenKubeconfigYaml } from '../../src/simulator/state-dir.ts';
import {
  httpsGet,
  KubeletRecorder,
  kubectlBinaries,
  kubectlCpu,
  kubectlMemory,
  MetricsServerProcess,
  ROOT,
  type Run,
  run,
  waitFor,
} from './e2e-helpers.ts';

const NODES = 8;
const METRICS = '/apis/metrics.k8s.io/v1beta1';

interface Usage {
  cpu: string;
  memory: string;
}
interface NodeMetrics {
  metadata: { name: string };
  timestamp: string;
  window: string;
  usage: Usage;
}
interface PodMetrics {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  timestamp: string | null;
  window: string;
  containers: { name: string; usage: Usage }[];
}

const nanocores = (q: string) => Math.round(parseQuantity(q) * 1e9);
const bytes = (q: string) => Math.round(parseQuantity(q));

function rows(stdout: string): string[][] {
  return stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/));
}

const sortRows = (r: string[][]) => [...r].sort((a, b) => a.join(' ').localeCompare(b.join(' ')));

describe('metrics-server end to end (simulator, manifests, aggregation layer, kubectl)', () => {
  const kubectls = kubectlBinaries();
  let dir: string;
  let sim: Simulator;
  let env: NodeJS.ProcessEnv;
  let kubectl: string;
  let recorder: KubeletRecorder;
  let insecure: MetricsServerProcess;
  let verifying: MetricsServerProcess;
  let urlA: string;
  let urlB: string;
  let nodeNames: string[];
  const admin = () => ({ cert: sim.pki.admin.certPem, key: sim.pki.admin.keyPem });

  async function k(args: string[], stdin?: string, binary = kubectl): Promise<Run> {
    return run(binary, args, env, stdin);
  }
  async function kOk(args: string[], stdin?: string): Promise<string> {
    const r = await k(args, stdin);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }
  async function viaAggregator<T>(path: string): Promise<T> {
    const r = await httpsGet(sim.url + path, admin());
    assert.equal(r.status, 200, `${path}: ${r.body}`);
    return JSON.parse(r.body) as T;
  }

  /** A kubeconfig that authenticates with a bearer token only. */
  async function tokenKubeconfig(name: string, token: string): Promise<string> {
    const path = join(dir, `${name}.kubeconfig`);
    await writeFile(path, tokenKubeconfigYaml(sim.pki, sim.url, name, token), { mode: 0o600 });
    return path;
  }

  before(async () => {
    if (kubectls.length === 0) {
      throw new Error(
        'no kubectl.1.NN binaries beside the kubectl on PATH (install the gcloud SDK kubectl components)',
      );
    }
    kubectl = kubectls[kubectls.length - 1]!.path;
    dir = await mkdtemp(join(tmpdir(), 'ms-e2e-'));
    sim = await startSimulator({
      stateDir: join(dir, 'sim'),
      port: 0,
      nodes: NODES,
      podsPerNode: 3,
      seed: 11,
      kubelets: true,
      kubeletPort: 0,
    });
    env = { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: sim.kubeconfigPath };
    nodeNames = sim.state
      .list('v1', 'Node')
      .map((n) => n.metadata.name ?? '')
      .sort();
    recorder = new KubeletRecorder(() => sim.state.list('v1', 'Node'), sim.pki.admin);
    recorder.start();

    await kOk(['apply', '-f', join(ROOT, 'deploy/metrics-server/')]);
    const token = (await kOk(['create', 'token', 'metrics-server', '-n', 'kube-system', '--duration=2h'])).trim();
    const saKubeconfig = await tokenKubeconfig('metrics-server', token);
    const common = [
      `--kubeconfig=${saKubeconfig}`,
      `--authentication-kubeconfig=${saKubeconfig}`,
      `--authorization-kubeconfig=${saKubeconfig}`,
      '--secure-port=0',
      '--bind-address=127.0.0.1',
      '--metric-resolution=10s',
      '--kubelet-request-timeout=4s',
      '--kubelet-use-node-status-port',
      '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    ];
    insecure = new MetricsServerProcess([...common, '--kubelet-insecure-tls', `--cert-dir=${join(dir, 'a')}`]);
    verifying = new MetricsServerProcess([
      ...common,
      `--kubelet-certificate-authority=${sim.pki.paths.kubeletCACert}`,
      `--cert-dir=${join(dir, 'b')}`,
    ]);
    const [portA, portB] = await Promise.all([insecure.port, verifying.port]);
    urlA = `https://127.0.0.1:${portA}`;
    urlB = `https://127.0.0.1:${portB}`;
    await kOk(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: 'metrics-server-local',
          namespace: 'kube-system',
          labels: { 'kubernetes.io/service-name': 'metrics-server' },
        },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }],
        ports: [{ name: 'https', port: portA, protocol: 'TCP' }],
      }),
    );
    await waitFor('APIService v1beta1.metrics.k8s.io Available', 30_000, async () => {
      const out = await kOk([
        'get',
        'apiservice',
        'v1beta1.metrics.k8s.io',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Available")].status}',
      ]);
      return out === 'True' ? true : undefined;
    });
    await waitFor('metrics for every node through the aggregator', 60_000, async () => {
      const list = await viaAggregator<{ items: NodeMetrics[] }>(`${METRICS}/nodes`);
      return list.items.length === NODES ? true : undefined;
    });
  });

  after(async () => {
    await Promise.all([insecure?.stop(), verifying?.stop()]);
    await recorder?.stop();
    await sim?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the APIServices from the manifests are Available', async () => {
    for (const name of ['v1beta1.metrics.k8s.io', 'v1.metrics.k8s.io']) {
      const out = await kOk([
        'get',
        'apiservice',
        name,
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Available")].status}',
      ]);
      assert.equal(out, 'True', name);
    }
  });

  it("get --raw NodeMetrics and PodMetrics equal the rates computed from the kubelets' samples", async () => {
    await recorder.poll();
    const nodes = JSON.parse(await kOk(['get', '--raw', `${METRICS}/nodes`])) as { items: NodeMetrics[] };
    assert.deepEqual(
      nodes.items.map((n) => n.metadata.name),
      nodeNames,
    );
    for (const n of nodes.items) {
      const expected = recorder.expected(recorder.nodes.get(n.metadata.name), n.timestamp, n.window);
      assert.deepEqual(n.usage, expected, `node ${n.metadata.name} at ${n.timestamp} over ${n.window}`);
    }
    const pods = JSON.parse(await kOk(['get', '--raw', `${METRICS}/pods`])) as { items: PodMetrics[] };
    let checked = 0;
    let total = 0;
    for (const p of pods.items) {
      for (const c of p.containers) {
        total++;
        const series = recorder.containers.get(`${p.metadata.namespace}/${p.metadata.name}/${c.name}`);
        assert.ok(series, `no kubelet samples for ${p.metadata.namespace}/${p.metadata.name}/${c.name}`);
        if (p.timestamp === null) continue;
        // The pod's timestamp/window come from its earliest container; others are checked by usage alone.
        const expected = recorder.expected(series, p.timestamp, p.window);
        if (expected && p.containers.length === 1) {
          assert.deepEqual(c.usage, expected, `${p.metadata.namespace}/${p.metadata.name}/${c.name}`);
          checked++;
        }
      }
    }
    assert.ok(total >= NODES, `only ${total} containers served`);
    assert.ok(checked >= total / 2, `only ${checked} of ${total} containers matched a recorded sample pair`);
  });

  /** Runs `command` between two identical reads of `path` (no tick in between), up to 5 tries. */
  async function stable<T>(path: string, command: () => Promise<Run>): Promise<{ api: T; out: Run }> {
    const strip = (body: string) => body.replace(/"creationTimestamp":"[^"]*"/g, '');
    for (let i = 0; i < 5; i++) {
      const a = await httpsGet(sim.url + path, admin());
      const out = await command();
      const b = await httpsGet(sim.url + path, admin());
      if (a.status === 200 && strip(a.body) === strip(b.body)) return { api: JSON.parse(a.body) as T, out };
    }
    throw new Error(`${path} kept changing`);
  }

  function nodeRows(items: NodeMetrics[]): string[][] {
    return items.map((n) => {
      const node = sim.state.get('v1', 'Node', undefined, n.metadata.name) as KubeObject;
      const cpuMilli = Math.ceil(nanocores(n.usage.cpu) / 1e6);
      const allocMilli = Math.round(parseQuantity(node.status.allocatable.cpu) * 1000);
      const mem = bytes(n.usage.memory);
      const allocMem = bytes(node.status.allocatable.memory);
      return [
        n.metadata.name,
        kubectlCpu(nanocores(n.usage.cpu)),
        `${Math.trunc((cpuMilli / allocMilli) * 100)}%`,
        kubectlMemory(mem),
        `${Math.trunc(((mem * 1000) / (allocMem * 1000)) * 100)}%`,
      ];
    });
  }

  function podRow(p: PodMetrics, withNamespace: boolean): string[] {
    const cpu = p.containers.reduce((s, c) => s + nanocores(c.usage.cpu), 0);
    const mem = p.containers.reduce((s, c) => s + bytes(c.usage.memory), 0);
    const row = [p.metadata.name, kubectlCpu(cpu), kubectlMemory(mem)];
    return withNamespace ? [p.metadata.namespace, ...row] : row;
  }

  for (const { minor, path } of kubectls) {
    it(`kubectl 1.${minor} top nodes, top pods -A, --containers, --sort-by and get --raw match the served metrics`, async () => {
      const top = (args: string[]) => k(['top', ...args], undefined, path);

      const nodes = await stable<{ items: NodeMetrics[] }>(`${METRICS}/nodes`, () => top(['nodes']));
      assert.equal(nodes.out.code, 0, nodes.out.stderr);
      const header = nodes.out.stdout.split('\n')[0]?.trim().split(/\s+/);
      assert.deepEqual(
        header,
        minor >= 32
          ? ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']
          : ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'],
      );
      assert.deepEqual(sortRows(rows(nodes.out.stdout)), sortRows(nodeRows(nodes.api.items)));

      const all = await stable<{ items: PodMetrics[] }>(`${METRICS}/pods`, () => top(['pods', '-A']));
      assert.equal(all.out.code, 0, all.out.stderr);
      assert.deepEqual(sortRows(rows(all.out.stdout)), sortRows(all.api.items.map((p) => podRow(p, true))));

      const labelled = all.api.items.find((p) => p.metadata.labels?.app && p.containers.length > 0);
      assert.ok(labelled, 'a served pod with an app label');
      const ns = labelled.metadata.namespace;
      const app = labelled.metadata.labels?.app as string;
      const byLabel = await stable<{ items: PodMetrics[] }>(
        `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(`app=${app}`)}`,
        () => top(['pods', '-n', ns, '-l', `app=${app}`, '--containers']),
      );
      assert.equal(byLabel.out.code, 0, byLabel.out.stderr);
      assert.deepEqual(byLabel.out.stdout.split('\n')[0]?.trim().split(/\s+/), [
        'POD',
        'NAME',
        'CPU(cores)',
        'MEMORY(bytes)',
      ]);
      const containerRows = byLabel.api.items.flatMap((p) =>
        p.containers.map((c) => [
          p.metadata.name,
          c.name,
          kubectlCpu(nanocores(c.usage.cpu)),
          kubectlMemory(bytes(c.usage.memory)),
        ]),
      );
      assert.ok(containerRows.length > 0);
      assert.deepEqual(sortRows(rows(byLabel.out.stdout)), sortRows(containerRows));

      const podPath = `${METRICS}/namespaces/${ns}/pods/${labelled.metadata.name}`;
      const raw = await stable<PodMetrics>(podPath, () => k(['get', '--raw', podPath], undefined, path));
      assert.equal(raw.out.code, 0, raw.out.stderr);
      const { metadata: rawMeta, ...rawRest } = JSON.parse(raw.out.stdout) as PodMetrics;
      const { metadata: apiMeta, ...apiRest } = raw.api;
      assert.deepEqual(rawRest, apiRest);
      assert.deepEqual(
        [rawMeta.namespace, rawMeta.name, rawMeta.labels],
        [apiMeta.namespace, apiMeta.name, apiMeta.labels],
      );

      for (const [flag, column] of [
        ['cpu', 2],
        ['memory', 3],
      ] as const) {
        const sorted = await stable<{ items: PodMetrics[] }>(`${METRICS}/pods`, () =>
          top(['pods', '-A', `--sort-by=${flag}`]),
        );
        assert.equal(sorted.out.code, 0, sorted.out.stderr);
        const got = rows(sorted.out.stdout);
        assert.deepEqual(sortRows(got), sortRows(sorted.api.items.map((p) => podRow(p, true))));
        const values = got.map((r) => Number.parseInt(r[column] ?? '', 10));
        for (let i = 1; i < values.length; i++) {
          assert.ok((values[i - 1] as number) >= (values[i] as number), `--sort-by=${flag} order: ${values.join(',')}`);
        }
      }
    });
  }

  it('@kubernetes/client-node Metrics, topNodes and topPods read the aggregated API', async () => {
    const kn = await import('@kubernetes/client-node');
    const kc = new kn.KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const metrics = new kn.Metrics(kc);
    const core = kc.makeApiClient(kn.CoreV1Api);
    const nodeMetrics = await metrics.getNodeMetrics();
    assert.deepEqual(
      nodeMetrics.items.map((n) => n.metadata.name),
      nodeNames,
    );
    const top = await kn.topNodes(core);
    assert.equal(top.length, NODES);
    for (const t of top) assert.ok(Number(t.CPU.RequestTotal) >= 0 && t.Memory.Capacity > 0);
    const podMetrics = await metrics.getPodMetrics('kube-system');
    assert.ok(podMetrics.items.length > 0);
    const served = new Set(podMetrics.items.map((p) => p.metadata.name));
    const pods = await kn.topPods(core, metrics, 'kube-system');
    const withMetrics = pods.filter((p) => served.has(p.Pod.metadata?.name ?? ''));
    assert.equal(withMetrics.length, served.size);
    for (const p of withMetrics) assert.ok(p.Containers.length > 0, p.Pod.metadata?.name);
  });

  it("with --kubelet-certificate-authority (the simulator's kubelet CA) every node is served too", async () => {
    const list = await waitFor('metrics from the verifying metrics-server', 30_000, async () => {
      const r = await httpsGet(`${urlB}${METRICS}/nodes`, admin());
      const body = JSON.parse(r.body) as { items: NodeMetrics[] };
      return body.items?.length === NODES ? body : undefined;
    });
    for (const n of list.items) {
      assert.deepEqual(n.usage, recorder.expected(recorder.nodes.get(n.metadata.name), n.timestamp, n.window));
    }
  });

  it('health endpoints answer anonymously with upstream texts; /metrics needs authorization', async () => {
    const readyz = await httpsGet(`${urlA}/readyz?verbose`);
    assert.equal(readyz.status, 200);
    assert.equal(
      readyz.body,
      [
        '[+]ping ok',
        '[+]log ok',
        '[+]poststarthook/max-in-flight-filter ok',
        '[+]poststarthook/storage-object-count-tracker-hook ok',
        '[+]metric-storage-ready ok',
        '[+]metric-informer-sync ok',
        '[+]metadata-informer-sync ok',
        '[+]shutdown ok',
        'readyz check passed',
        '',
      ].join('\n'),
    );
    const livez = await httpsGet(`${urlA}/livez`);
    assert.deepEqual(livez, { status: 200, body: 'ok' });
    const anonymousMetrics = await httpsGet(`${urlA}/metrics`);
    assert.equal(anonymousMetrics.status, 403);
    assert.equal(
      JSON.parse(anonymousMetrics.body).message,
      'forbidden: User "system:anonymous" cannot get path "/metrics"',
    );
    const metrics = await httpsGet(`${urlA}/metrics`, admin());
    assert.equal(metrics.status, 200);
    const names = new Set([...metrics.body.matchAll(/^# TYPE (metrics_server_\w+)/gm)].map((m) => m[1]));
    assert.deepEqual([...names].sort(), [
      'metrics_server_api_metric_freshness_seconds',
      'metrics_server_kubelet_last_request_time_seconds',
      'metrics_server_kubelet_request_duration_seconds',
      'metrics_server_kubelet_request_total',
      'metrics_server_manager_tick_duration_seconds',
      'metrics_server_storage_points',
    ]);
    assert.match(metrics.body, /^process_cpu_seconds_total /m);
    assert.match(metrics.body, /^metrics_server_api_metric_freshness_seconds_count [1-9]/m);
    assert.match(metrics.body, /^metrics_server_kubelet_request_total\{success="true"\} [1-9]/m);
  });

  it('refuses: anonymous and RBAC-less users 403, forged identity headers and unknown front-proxy CNs 401', async () => {
    const nodesA = `${urlA}${METRICS}/nodes`;
    const anonymous = await httpsGet(nodesA);
    assert.equal(anonymous.status, 403);
    assert.equal(
      JSON.parse(anonymous.body).message,
      'nodes.metrics.k8s.io is forbidden: User "system:anonymous" cannot list resource "nodes" in API group "metrics.k8s.io" at the cluster scope',
    );

    await kOk(['create', 'serviceaccount', 'nobody', '-n', 'default']);
    const token = (await kOk(['create', 'token', 'nobody', '-n', 'default'])).trim();
    const direct = await httpsGet(nodesA, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(direct.status, 403, direct.body);
    assert.match(
      JSON.parse(direct.body).message,
      /^nodes\.metrics\.k8s\.io is forbidden: User "system:serviceaccount:default:nobody" cannot list resource "nodes" in API group "metrics\.k8s\.io" at the cluster scope/,
    );
    const nobody = await tokenKubeconfig('nobody', token);
    const viaKubectl = await run(kubectl, ['top', 'nodes'], { ...env, KUBECONFIG: nobody });
    assert.notEqual(viaKubectl.code, 0);
    assert.match(viaKubectl.stderr, /Forbidden|forbidden/);

    const badToken = await httpsGet(nodesA, { headers: { Authorization: 'Bearer not-a-token' } });
    assert.equal(badToken.status, 401);

    const forged = { 'X-Remote-User': 'kubernetes-admin', 'X-Remote-Group': 'system:masters' };
    const noCert = await httpsGet(nodesA, { headers: forged });
    assert.deepEqual(
      { status: noCert.status, body: JSON.parse(noCert.body) },
      {
        status: 401,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        },
      },
    );
    const intruder = await issueCertificate(sim.pki.frontProxyCA, { commonName: 'intruder', usage: 'client' });
    const wrongCn = await httpsGet(nodesA, { cert: intruder.certPem, key: intruder.keyPem, headers: forged });
    assert.equal(wrongCn.status, 401);
    const proxy = sim.pki.frontProxyClient;
    const allowed = await httpsGet(nodesA, { cert: proxy.certPem, key: proxy.keyPem, headers: forged });
    assert.equal(allowed.status, 200, allowed.body);
    assert.equal((JSON.parse(allowed.body) as { items: unknown[] }).items.length, NODES);
  });

  it('the high-availability variant applies over the base manifests', async () => {
    await kOk(['apply', '-f', join(ROOT, 'deploy/metrics-server/high-availability/')]);
    const deployment = JSON.parse(
      await kOk(['get', 'deployment', 'metrics-server', '-n', 'kube-system', '-o', 'json']),
    );
    assert.equal(deployment.spec.replicas, 2);
    assert.equal(deployment.spec.strategy.rollingUpdate.maxUnavailable, 1);
    assert.equal(
      deployment.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]
        .topologyKey,
      'kubernetes.io/hostname',
    );
    const pdb = JSON.parse(await kOk(['get', 'pdb', 'metrics-server', '-n', 'kube-system', '-o', 'json']));
    assert.equal(pdb.spec.minAvailable, 1);
  });

  it('each kubelet fault removes only its node and pods, and is logged once with its reason', async () => {
    const healthy = nodeNames[0] as string;
    const faults: Record<string, string> = {};
    const kinds = ['down', 'timeout', 'http-500', 'garbage', 'reset', 'zero-cpu', 'wrong-cert'];
    nodeNames.slice(1).forEach((n, i) => {
      faults[n] = kinds[i] as string;
    });
    for (const [node, kind] of Object.entries(faults)) {
      await kOk(['annotate', 'node', node, `sim.kube-metrics.io/kubelet-fault=${kind}`, '--overwrite']);
    }
    // Insecure TLS accepts the wrong certificate; the verifying instance must drop that node.
    const gone = (server: string, list: string[]) =>
      waitFor(`faulted nodes gone from ${server}`, 40_000, async () => {
        const r = await httpsGet(`${server}${METRICS}/nodes`, admin());
        const names = (JSON.parse(r.body) as { items: NodeMetrics[] }).items.map((n) => n.metadata.name);
        return names.some((n) => list.includes(n)) ? undefined : names;
      });
    const wrongCert = Object.keys(faults).find((n) => faults[n] === 'wrong-cert') as string;
    const faultedA = Object.keys(faults).filter((n) => n !== wrongCert);
    const [servedA, servedB] = await Promise.all([gone(urlA, faultedA), gone(urlB, Object.keys(faults))]);
    assert.deepEqual(servedA, [healthy, wrongCert].sort());
    assert.deepEqual(servedB, [healthy]);

    const podNode = new Map(
      sim.state
        .list('v1', 'Pod')
        .map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p.spec?.nodeName as string]),
    );
    const pods = JSON.parse((await httpsGet(`${urlA}${METRICS}/pods`, admin())).body) as { items: PodMetrics[] };
    const servedNodes = new Set(pods.items.map((p) => podNode.get(`${p.metadata.namespace}/${p.metadata.name}`)));
    assert.deepEqual([...servedNodes].sort(), [healthy, wrongCert].sort());

    // Another tick: persistent failures must not be logged again.
    await new Promise((r) => setTimeout(r, 11_000));
    const reasons: Record<string, RegExp> = {
      down: /connection refused/,
      timeout: /timeout|deadline|aborted/i,
      'http-500': /request failed, status: \\?"500 Internal Server Error\\?"/,
      reset: /failed to read response body - EOF|reset|socket hang up/,
    };
    for (const [node, kind] of Object.entries(faults)) {
      const expected = reasons[kind];
      if (!expected) continue;
      const lines = insecure.lines('Failed to scrape node', `node="${node}"`);
      assert.equal(lines.length, 1, `${kind} on ${node} logged ${lines.length} times:\n${lines.join('\n')}`);
      assert.match(lines[0] as string, expected, `${kind}: ${lines[0]}`);
    }
    // Random garbage fails at a different place each tick, so each tick is a new reason.
    const garbage = Object.keys(faults).find((n) => faults[n] === 'garbage') as string;
    const garbageLines = insecure.lines('Failed to scrape node', `node="${garbage}"`);
    assert.ok(garbageLines.length >= 1);
    for (const line of garbageLines) assert.match(line, /err="failed parsing metrics: /);
    for (const node of Object.keys(faults)) {
      await kOk(['annotate', 'node', node, 'sim.kube-metrics.io/kubelet-fault-']);
    }
  });

  it('SIGTERM shuts both instances down cleanly', async () => {
    assert.deepEqual(await Promise.all([insecure.stop(), verifying.stop()]), [0, 0]);
    assert.equal(insecure.lines('"Shutting down" signal="SIGTERM"').length, 1);
  });
});
