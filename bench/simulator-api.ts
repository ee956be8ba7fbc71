/**
 * The simulator's API server at scale, in its own process: seeding time and RSS per object (from
 * /proc), a full paged list of all pods (limit=500, following `continue`), and the watch fan-out:
 * 10 pod watchers over HTTPS while churn runs, with events delivered per second and the API
 * server's CPU. Run: `node --import tsx bench/simulator-api.ts [nodes] [podsPerNode]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { sampleProcess, sleep } from './proc-stats.ts';
import { RESULTS_DIR } from './service-process.ts';
import { startSimProcess } from './sim-process.ts';

export interface SimulatorApiResult {
  nodes: number;
  podsPerNode: number;
  pods: number;
  objects: number;
  seedMs: number;
  rssMb: number;
  rssBytesPerObject: number;
  pagedListMs: number;
  pagedListPages: number;
  pagedListMB: number;
  watchers: number;
  churnPerSecond: number;
  watchSeconds: number;
  /** Events received by all watchers together, per second. */
  eventsDeliveredPerSecond: number;
  /** Events per watcher per second (what each watcher saw). */
  eventsPerWatcherPerSecond: number;
  apiServerCpuPercent: number;
}

async function countObjects(base: string, agent: Agent): Promise<number> {
  // The discovery-free way: every seeded kind's list length, from one metadata-only list per kind.
  const kinds = [
    'api/v1/pods',
    'api/v1/nodes',
    'api/v1/services',
    'api/v1/endpoints',
    'api/v1/configmaps',
    'api/v1/secrets',
    'api/v1/serviceaccounts',
    'api/v1/namespaces',
    'api/v1/persistentvolumes',
    'api/v1/persistentvolumeclaims',
    'api/v1/resourcequotas',
    'api/v1/limitranges',
    'apis/apps/v1/deployments',
    'apis/apps/v1/replicasets',
    'apis/apps/v1/statefulsets',
    'apis/apps/v1/daemonsets',
    'apis/apps/v1/controllerrevisions',
    'apis/batch/v1/jobs',
    'apis/batch/v1/cronjobs',
    'apis/discovery.k8s.io/v1/endpointslices',
    'apis/coordination.k8s.io/v1/leases',
    'apis/autoscaling/v2/horizontalpodautoscalers',
    'apis/policy/v1/poddisruptionbudgets',
    'apis/networking.k8s.io/v1/ingresses',
    'apis/networking.k8s.io/v1/networkpolicies',
  ];
  let total = 0;
  for (const k of kinds) {
    const res = await request(`${base}/${k}`, {
      dispatcher: agent,
      headers: { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' },
    });
    const body = (await res.body.json()) as { items?: unknown[] };
    total += body.items?.length ?? 0;
  }
  return total;
}

export async function benchSimulatorApi(
  options: { nodes?: number; podsPerNode?: number; watchers?: number; churn?: number; watchSeconds?: number } = {},
): Promise<SimulatorApiResult> {
  const nodes = options.nodes ?? 5000;
  const podsPerNode = options.podsPerNode ?? 30;
  const watchers = options.watchers ?? 10;
  const churn = options.churn ?? 200;
  const watchSeconds = options.watchSeconds ?? 30;
  const stateDir = join(RESULTS_DIR, 'state-sim');
  const sim = await startSimProcess({ mode: 'api', stateDir, nodes, podsPerNode, kubeletPort: 21252 });
  try {
    const pki = join(stateDir, 'pki');
    const agent = new Agent({
      connections: watchers + 4,
      connect: {
        ca: readFileSync(join(pki, 'ca.crt'), 'utf8'),
        cert: readFileSync(join(pki, 'admin.crt'), 'utf8'),
        key: readFileSync(join(pki, 'admin.key'), 'utf8'),
      },
    });
    const base = sim.ready.url ?? '';
    const rssMb = sampleProcess(sim.pid).rssMb;
    const objects = await countObjects(base, agent);

    let pages = 0;
    let bytes = 0;
    let cont = '';
    let resourceVersion = '';
    const t0 = performance.now();
    do {
      const res = await request(`${base}/api/v1/pods?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, {
        dispatcher: agent,
      });
      const text = await res.body.text();
      bytes += Buffer.byteLength(text);
      const list = JSON.parse(text) as { metadata: { continue?: string; resourceVersion: string } };
      cont = list.metadata.continue ?? '';
      resourceVersion = list.metadata.resourceVersion;
      pages++;
    } while (cont);
    const pagedListMs = performance.now() - t0;

    const counts = new Array<number>(watchers).fill(0);
    const aborter = new AbortController();
    const streams = counts.map(async (_, i) => {
      try {
        const res = await request(`${base}/api/v1/pods?watch=1&resourceVersion=${resourceVersion}`, {
          dispatcher: agent,
          signal: aborter.signal,
          bodyTimeout: 0,
        });
        for await (const chunk of res.body) {
          let n = 0;
          for (let j = (chunk as Buffer).indexOf(10); j !== -1; j = (chunk as Buffer).indexOf(10, j + 1)) n++;
          counts[i] = (counts[i] ?? 0) + n;
        }
      } catch {
        // Aborted at the end of the measurement.
      }
    });
    await sleep(1000);
    const before = counts.reduce((a, b) => a + b, 0);
    const cpu0 = sampleProcess(sim.pid).cpuSeconds;
    const w0 = performance.now();
    sim.churn(churn);
    await sleep(watchSeconds * 1000);
    const seconds = (performance.now() - w0) / 1000;
    const delivered = counts.reduce((a, b) => a + b, 0) - before;
    const cpu = sampleProcess(sim.pid).cpuSeconds - cpu0;
    sim.churn(0);
    aborter.abort();
    await Promise.all(streams);
    await agent.close();
    return {
      nodes,
      podsPerNode,
      pods: sim.ready.pods,
      objects,
      seedMs: sim.ready.startMs,
      rssMb,
      rssBytesPerObject: (rssMb * 2 ** 20) / objects,
      pagedListMs,
      pagedListPages: pages,
      pagedListMB: bytes / 2 ** 20,
      watchers,
      churnPerSecond: churn,
      watchSeconds: seconds,
      eventsDeliveredPerSecond: delivered / seconds,
      eventsPerWatcherPerSecond: delivered / seconds / watchers,
      apiServerCpuPercent: (cpu / seconds) * 100,
    };
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSimulatorApi({
    nodes: Number(process.argv[2] ?? 5000),
    podsPerNode: Number(process.argv[3] ?? 30),
  });
  console.log(JSON.stringify(r, null, 1));
}
