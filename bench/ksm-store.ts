/**
 * Benchmark: the kube-state-metrics store and scrape path, in one process.
 * (a) upstream's fixture, 1,000 pods + 1,000 ConfigMaps + 1,000 Services: render time, body size,
 *     and time per `/metrics` scrape over node:http (streamed with Content-Length, and chunked),
 *     against a plain node:http server sending one pre-built buffer of the same size.
 * (b) scale: N pods (default 30,000): render time per pod, live vs held bytes, RSS, and the time to
 *     assemble one scrape into a no-op sink.
 * Run: `node --import tsx bench/ksm-store.ts [pods]`. The HTTP client runs in the same process,
 * so absolute times include its parsing; compare the ratio.
 */
import http from 'node:http';
import { buildWriters } from '../src/kube-state-metrics/metrics-store/build-writers.ts';
import { type ByteSink, prepareScrape, writeMetrics } from '../src/kube-state-metrics/metrics-store/metrics-writer.ts';
import { configmapsResource } from '../src/kube-state-metrics/stores/configmaps.ts';
import { podsResource } from '../src/kube-state-metrics/stores/pods.ts';
import { servicesResource } from '../src/kube-state-metrics/stores/services.ts';
import type { KubeObject } from '../src/shared/kube/object.ts';

const T = '2026-01-02T03:04:05Z';

function meta(kind: string, i: number) {
  return {
    name: `${kind}-${i}`,
    namespace: `ns-${i % 20}`,
    uid: `${kind}-0000-${String(i).padStart(12, '0')}`,
    resourceVersion: String(100000 + i),
    creationTimestamp: T,
    labels: { app: `app-${i % 100}`, 'pod-template-hash': '5d9f8c7b6' },
  };
}

function pod(i: number): KubeObject {
  return {
    metadata: {
      ...meta('pod', i),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${i % 100}`, uid: 'rs', controller: true },
      ],
    },
    spec: {
      nodeName: `node-${i % 500}`,
      restartPolicy: 'Always',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/app:1.2.3',
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: `10.1.${(i >> 8) & 255}.${i & 255}`,
      hostIP: '192.168.0.1',
      startTime: T,
      qosClass: 'Burstable',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
        lastTransitionTime: T,
      })),
      containerStatuses: [
        {
          name: 'app',
          image: 'registry.example.com/app:1.2.3',
          imageID: 'registry.example.com/app@sha256:0123456789abcdef',
          containerID: `containerd://${i.toString(16).padStart(16, '0')}`,
          ready: true,
          started: true,
          restartCount: i % 3,
          state: { running: { startedAt: T } },
        },
      ],
    },
  };
}

async function timeServer(handler: http.RequestListener, rounds: number): Promise<number> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const agent = new http.Agent({ keepAlive: true });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, agent, path: '/metrics' }, (res) => {
          res.on('data', () => {});
          res.on('end', resolve);
        })
        .on('error', reject);
    });
  for (let i = 0; i < 20; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await get();
    times.push(performance.now() - start);
  }
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function fixture(): Promise<void> {
  const writers = buildWriters([configmapsResource, podsResource, servicesResource]);
  const [cms, pods, svcs] = writers.map((w) => w.stores[0]!);
  const start = performance.now();
  for (let i = 0; i < 1000; i++) {
    pods!.add(pod(i));
    cms!.add({ metadata: meta('cm', i), data: { key: 'value' } });
    svcs!.add({ metadata: meta('svc', i), spec: { type: 'ClusterIP', clusterIP: `10.96.${i >> 8}.${i & 255}` } });
  }
  const renderMs = performance.now() - start;
  const size = prepareScrape(writers, { openMetrics: false }).byteLength;
  const chunks: Buffer[] = [];
  await writeMetrics({ write: (c) => chunks.push(Buffer.from(c)) > 0, once: () => undefined }, writers, {
    openMetrics: false,
  });
  const prebuilt = Buffer.concat(chunks);
  const withLength = await timeServer((_req, res) => {
    const scrape = prepareScrape(writers, { openMetrics: false });
    res.writeHead(200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Content-Length': scrape.byteLength,
    });
    void scrape.writeTo(res).then(() => res.end());
  }, 200);
  const chunked = await timeServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    void writeMetrics(res, writers, { openMetrics: false }).then(() => res.end());
  }, 200);
  const plain = await timeServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(prebuilt);
  }, 200);
  console.log(
    JSON.stringify({
      bench: 'ksm fixture 1000 pods + 1000 configmaps + 1000 services',
      renderMs: +renderMs.toFixed(1),
      bodyBytes: size,
      series: prebuilt
        .toString()
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#')).length,
      scrapeMsContentLength: +withLength.toFixed(2),
      scrapeMsChunked: +chunked.toFixed(2),
      plainBufferMs: +plain.toFixed(2),
      ratioContentLength: +(plain / withLength).toFixed(2),
      ratioChunked: +(plain / chunked).toFixed(2),
    }),
  );
}

async function scale(n: number): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const [writer] = buildWriters([podsResource]);
  const store = writer!.stores[0]!;
  const start = performance.now();
  for (let i = 0; i < n; i++) store.add(pod(i));
  const renderMs = performance.now() - start;
  const sink: ByteSink = { write: () => true, once: () => undefined };
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    await writeMetrics(sink, [writer!], { openMetrics: false });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: `ksm store ${n} pods`,
      renderUsPerPod: +((renderMs / n) * 1000).toFixed(1),
      liveMb: +(store.liveBytes / 2 ** 20).toFixed(1),
      heldMb: +(store.capacityBytes / 2 ** 20).toFixed(1),
      rssGrowthMb: +((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(1),
      assembleMsNoopSink: +times[10]!.toFixed(3),
    }),
  );
}

await fixture();
await scale(Number(process.argv[2] ?? 30000));
