/**
 * `kube-metrics demo` (what `npm start` runs): the simulator in this process, then our
 * metrics-server and kube-state-metrics as child processes wired the way an operator deploys them
 * (the metrics-server manifests applied, the component running as its ServiceAccount with a
 * TokenRequest token, registered through the aggregation layer), and a short guide to what to try.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FlagSet, runCommand } from '../shared/flags/flag-set.ts';
import type { KubeObject } from '../shared/kube/object.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { type Simulator, startSimulator } from '../simulator/simulator.ts';
import { tokenKubeconfigYaml } from '../simulator/state-dir.ts';

const DEPLOY_DIR = new URL('../../deploy/metrics-server/', import.meta.url);

/** Manifest kinds the demo applies; the Deployment is replaced by a local child process. */
const APPLIED_KINDS = new Set([
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'RoleBinding',
  'Service',
  'APIService',
]);

function manifestObjects(): KubeObject[] {
  const dir = DEPLOY_DIR.pathname;
  const out: KubeObject[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const obj = doc.toJS() as KubeObject | null;
      if (obj?.kind && APPLIED_KINDS.has(obj.kind)) out.push(obj);
    }
  }
  return out;
}

function applyObject(sim: Simulator, obj: KubeObject): void {
  const { apiVersion = '', kind = '', metadata } = obj;
  if (sim.state.get(apiVersion, kind, metadata.namespace, metadata.name ?? '')) return;
  sim.state.create(structuredClone(obj));
}

/** Runs `kube-metrics <args>` as a child the same way this process was started (compiled bin or tsx). */
function spawnComponent(args: string[], logFile: string): ChildProcess {
  const entry = process.argv[1];
  if (!entry) throw new Error('cannot locate the kube-metrics entry point to start components');
  const child = spawn(process.execPath, [...process.execArgv, entry, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stderr?.pipe(log);
  return child;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stderr?.on('data', (d: Buffer) => {
      seen = (seen + d.toString()).slice(-64 * 1024);
      const m = pattern.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code}; see its log`));
    });
  });
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export async function run(argv: string[]): Promise<number> {
  const flags = new FlagSet('kube-metrics demo', {
    description:
      'Starts the cluster simulator, metrics-server and kube-state-metrics together on 127.0.0.1 and prints what to look at. Stops on Ctrl-C.',
  });
  const g = flags.section('Demo');
  const stateDir = g.string(
    'state-dir',
    '.kube-metrics/demo',
    'Directory for the PKI, kubeconfigs and component logs.',
  );
  const port = g.int('port', 6443, 'Port of the simulated API server (0 = the OS picks one).');
  const nodes = g.int('nodes', 5, 'Number of simulated nodes.');
  const podsPerNode = g.int('pods-per-node', 10, 'Average pods per node.');
  const churn = g.float('churn', 1, 'Cluster changes per second (rollouts, restarts, scaling).');
  const kubeletPort = g.int('kubelet-port', 10250, 'Port of the simulated kubelets on their node addresses.');
  const ksmPort = g.int('ksm-port', 8080, 'Port of kube-state-metrics /metrics.');
  const ksmTelemetryPort = g.int('ksm-telemetry-port', 8081, 'Port of kube-state-metrics self-metrics.');
  const resolution = g.duration('metric-resolution', 15_000, 'metrics-server scrape interval.');

  return runCommand(flags, argv, async () => {
    const dir = resolve(stateDir.value);
    const logs = join(dir, 'logs');
    mkdirSync(logs, { recursive: true });
    const simLog = createWriteStream(join(logs, 'simulator.log'));
    const logger = createLogger({
      verbosity: 1,
      format: 'text',
      name: 'simulator',
      sink: { write: (l) => simLog.write(l) },
    });
    const say = (line = '') => process.stdout.write(`${line}\n`);

    say('Starting the cluster simulator...');
    const sim = await startSimulator({
      stateDir: join(dir, 'sim'),
      port: port.value,
      nodes: nodes.value,
      podsPerNode: podsPerNode.value,
      churn: churn.value,
      kubelets: true,
      kubeletPort: kubeletPort.value,
      logger,
    });
    const children: ChildProcess[] = [];
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
      await sim.stop();
      simLog.end();
    };

    try {
      for (const obj of manifestObjects()) applyObject(sim, obj);
      const sa = sim.state.get('v1', 'ServiceAccount', 'kube-system', 'metrics-server');
      if (!sa) throw new Error('deploy/metrics-server/ has no ServiceAccount kube-system/metrics-server');
      const { token } = sim.auth.tokens.issue({
        namespace: 'kube-system',
        name: 'metrics-server',
        uid: sa.metadata.uid ?? '',
        audiences: sim.auth.tokens.apiAudiences,
        expirationSeconds: 24 * 3600,
      });
      const msKubeconfig = join(dir, 'metrics-server.kubeconfig');
      writeFileSync(msKubeconfig, tokenKubeconfigYaml(sim.pki, sim.url, 'metrics-server', token), { mode: 0o600 });

      say('Starting metrics-server (as ServiceAccount kube-system/metrics-server)...');
      const ms = spawnComponent(
        [
          'metrics-server',
          `--kubeconfig=${msKubeconfig}`,
          `--authentication-kubeconfig=${msKubeconfig}`,
          `--authorization-kubeconfig=${msKubeconfig}`,
          '--secure-port=0',
          '--bind-address=127.0.0.1',
          `--cert-dir=${join(dir, 'metrics-server-certs')}`,
          `--kubelet-certificate-authority=${sim.pki.paths.kubeletCACert}`,
          '--kubelet-use-node-status-port',
          '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
          `--metric-resolution=${resolution.value / 1000}s`,
        ],
        join(logs, 'metrics-server.log'),
      );
      children.push(ms);
      const served = await waitForLine(ms, /"Serving securely on" address="[^"]*:(\d+)"/, 'metrics-server', 60_000);
      sim.state.create({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: 'metrics-server-local',
          namespace: 'kube-system',
          labels: { 'kubernetes.io/service-name': 'metrics-server' },
        },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }],
        ports: [{ name: 'https', port: Number(served[1]), protocol: 'TCP' }],
      });

      say('Starting kube-state-metrics...');
      const ksm = spawnComponent(
        [
          'kube-state-metrics',
          `--kubeconfig=${sim.kubeconfigPath}`,
          '--host=127.0.0.1',
          `--port=${ksmPort.value}`,
          '--telemetry-host=127.0.0.1',
          `--telemetry-port=${ksmTelemetryPort.value}`,
        ],
        join(logs, 'kube-state-metrics.log'),
      );
      children.push(ksm);
      const ksmUrl = `http://127.0.0.1:${ksmPort.value}`;
      if (!(await waitUntil(() => ksm.exitCode === null && httpOk(`${ksmUrl}/healthz`), 60_000))) {
        throw new Error(`kube-state-metrics did not become healthy; see ${join(logs, 'kube-state-metrics.log')}`);
      }
      const available = () =>
        (
          sim.state.get('apiregistration.k8s.io/v1', 'APIService', undefined, 'v1beta1.metrics.k8s.io')?.status
            ?.conditions ?? []
        ).some((c: { type?: string; status?: string }) => c.type === 'Available' && c.status === 'True');
      await waitUntil(available, 30_000);

      const firstNode = sim.state.list('v1', 'Node')[0]?.metadata.name ?? 'node-0000';
      say();
      say(`kube-metrics demo is running (${nodes.value} nodes, ${churn.value} changes/s). Ctrl-C stops everything.`);
      say();
      say(`  export KUBECONFIG=${sim.kubeconfigPath}`);
      say();
      say('  kubectl get nodes -o wide');
      say('  kubectl get pods -A');
      say(
        `  kubectl top nodes                  # metrics-server via the aggregation layer; numbers after two scrapes (~${(2 * resolution.value) / 1000} s)`,
      );
      say('  kubectl top pods -A --sort-by=cpu');
      say('  kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes');
      say(`  curl -s ${ksmUrl}/metrics | grep '^kube_pod_status_phase'      # kube-state-metrics`);
      say(`  curl -s http://127.0.0.1:${ksmTelemetryPort.value}/metrics | grep kube_state_metrics_list_total`);
      say(
        `  kubectl annotate node ${firstNode} sim.kube-metrics.io/kubelet-fault=down   # ${firstNode} leaves 'kubectl top nodes'`,
      );
      say(`  kubectl annotate node ${firstNode} sim.kube-metrics.io/kubelet-fault-       # and comes back`);
      say();
      say(`Logs: ${logs}`);
    } catch (err) {
      await stop();
      throw err;
    }

    await new Promise<void>((resolvePromise) => {
      const onSignal = () => resolvePromise();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      for (const c of children) {
        c.once('exit', (code) => {
          if (!stopping) {
            process.stderr.write(`a component exited unexpectedly (code ${code}); see the logs in ${logs}\n`);
            resolvePromise();
          }
        });
      }
    });
    say('Stopping...');
    await stop();
    return 0;
  });
}
