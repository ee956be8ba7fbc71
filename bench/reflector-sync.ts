/**
 * Benchmark: the shared reflector against the simulator API server (same process, HTTPS):
 * time to sync N pods with paged LIST (500 per page) and with one `resourceVersion=0` LIST, then
 * the rate of watch events applied to a ReflectorCache.
 * Run: `node --import tsx bench/reflector-sync.ts [pods] [events]` (default 20000, 5000).
 */
import { KubeApiClient } from '../src/shared/kube/api-client.ts';
import type { KubeObject } from '../src/shared/kube/object.ts';
import { Reflector } from '../src/shared/kube/reflector.ts';
import { ReflectorCache } from '../src/shared/kube/reflector-cache.ts';
import { createCA, issueCertificate } from '../src/shared/tls/pki.ts';
import { ApiServer } from '../src/simulator/apiserver/server.ts';
import { testPod } from '../src/simulator/kubelet/test-cluster.ts';

const pods = Number(process.argv[2] ?? 20_000);
const events = Number(process.argv[3] ?? 5000);

const ca = await createCA('bench-ca');
const serving = await issueCertificate(ca, {
  commonName: 'kube-apiserver',
  ipAddresses: ['127.0.0.1'],
  usage: 'server',
});
const admin = await issueCertificate(ca, { commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
const server = new ApiServer({
  tls: { cert: serving.certPem, key: serving.keyPem, ca: [ca.certPem] },
  watchHistory: events * 2,
});
const { url } = await server.listen(0);
const started = new Date(Date.now() - 3_600_000).toISOString();
for (let j = 0; j < 20; j++)
  server.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${j}` } });
for (let i = 0; i < pods; i++) server.store.create(testPod(`ns-${i % 20}`, `pod-${i}`, `node-${i % 500}`, started));

const client = new KubeApiClient({
  config: {
    server: url,
    ca: ca.certPem,
    cert: admin.certPem,
    key: admin.keyPem,
    rejectUnauthorized: true,
    authHeader: async () => undefined,
  },
});

async function sync(useApiserverCache: boolean): Promise<{ ms: number; reflector: Reflector; cache: ReflectorCache }> {
  const cache = new ReflectorCache();
  const reflector = new Reflector({ client, path: '/api/v1/pods', store: cache, useApiserverCache });
  const t0 = performance.now();
  reflector.start();
  await reflector.whenSynced();
  return { ms: performance.now() - t0, reflector, cache };
}

console.log(`reflector: ${pods} pods in the simulator API server (same process)`);
for (const cached of [false, true]) {
  const { ms, reflector, cache } = await sync(cached);
  console.log(
    `  sync ${cached ? 'resourceVersion=0, one LIST' : 'paged LIST (500)'}: ${ms.toFixed(0)} ms, ${cache.size} objects`,
  );
  await reflector.stop();
}

const { reflector, cache } = await sync(false);
while (server.rest.activeWatches === 0) await new Promise((r) => setTimeout(r, 5));
const target = (obj: KubeObject) => obj.metadata.labels?.bench === 'done';
const t0 = performance.now();
for (let i = 0; i < events; i++) {
  const pod = server.store.get('v1', 'Pod', `ns-${i % 20}`, `pod-${i % pods}`);
  if (!pod) continue;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), bench: i === events - 1 ? 'done' : String(i) };
  server.store.update(pod);
  if (i % 500 === 0) await new Promise((r) => setImmediate(r));
}
while (!cache.list().some(target)) await new Promise((r) => setTimeout(r, 5));
const ms = performance.now() - t0;
console.log(
  `  watch: ${events} MODIFIED events applied in ${ms.toFixed(0)} ms (${((events / ms) * 1000).toFixed(0)} events/s, server included)`,
);
await reflector.stop();
await client.close();
await server.close();
