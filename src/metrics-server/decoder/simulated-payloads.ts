/**
 * Test and benchmark helper: `/metrics/resource` bodies rendered by the simulator's kubelet
 * (usage model plus renderer), so the decoder is measured and checked on the real wire format:
 * 17-digit start times, `%g` floats, per-cgroup timestamps, pod and swap families, faults.
 */

import { Rng } from '../../simulator/kubelet/random.ts';
import { renderResourceMetrics } from '../../simulator/kubelet/resource-metrics.ts';
import { NodeUsageModel } from '../../simulator/kubelet/usage-model.ts';

export interface SimulatedPayloadOptions {
  seed: number;
  /** Pods on the node (default 30). */
  pods?: number;
  /** Containers per pod (default 2); with `varyContainers` each pod draws 1..this many. */
  containers?: number;
  varyContainers?: boolean;
  /** Kubelet minor version to emulate (default 33; 34 adds the swap families). */
  kubeletMinor?: number;
  zeroCpu?: boolean;
  missingMemory?: boolean;
  /** Sometimes uses names with quotes, backslashes, newlines and non-ASCII characters. */
  oddNames?: boolean;
}

const NAMESPACES = ['default', 'kube-system', 'monitoring', 'payments', 'team-a', 'team-b', 'ingress-nginx'];
const WORKLOADS = ['web', 'api', 'worker', 'cache', 'checkout-service', 'frontend', 'batch-runner', 'coredns'];
const CONTAINERS = ['app', 'istio-proxy', 'log-shipper', 'nginx', 'metrics-exporter', 'init-db'];
const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
const ODD = ['we"ird', 'back\\slash', 'new\nline', 'ünï-cødé', '日本', 'tab\there'];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng.next() * items.length)]!;
}

function suffix(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[Math.floor(rng.next() * ALNUM.length)];
  return out;
}

/** One node's body as a simulated kubelet renders it, deterministic for a seed. */
export function simulatedPayload(opts: SimulatedPayloadOptions): string {
  const rng = new Rng(opts.seed);
  const now = Date.parse('2026-01-01T00:00:00Z') + Math.floor(rng.next() * 86_400_000);
  const model = new NodeUsageModel(
    {
      nodeName: `node-${opts.seed}`,
      seed: opts.seed,
      startTimeMs: now - 86_400_000,
      memoryCapacityBytes: 2 ** 36,
      cpuCapacityCores: 32,
    },
    now,
  );
  const pods = opts.pods ?? 30;
  const maxContainers = opts.containers ?? 2;
  const seen = new Set<string>();
  for (let i = 0; i < pods; i++) {
    const odd = opts.oddNames === true && rng.next() < 0.1;
    const namespace = odd ? pick(rng, ODD) : pick(rng, NAMESPACES);
    const name = `${odd ? pick(rng, ODD) : pick(rng, WORKLOADS)}-${suffix(rng, 10)}-${suffix(rng, 5)}`;
    if (seen.has(`${namespace}/${name}`)) continue;
    seen.add(`${namespace}/${name}`);
    const count = opts.varyContainers ? 1 + Math.floor(rng.next() * maxContainers) : maxContainers;
    const containers = [];
    for (let c = 0; c < count; c++) {
      const cname = odd && c === 0 ? pick(rng, ODD) : `${CONTAINERS[c % CONTAINERS.length]}${c >= 6 ? c : ''}`;
      containers.push({
        name: cname,
        cpuRequest: rng.next() < 0.7 ? 0.05 + rng.next() * 2 : undefined,
        memoryRequest: rng.next() < 0.7 ? 2 ** 24 + Math.floor(rng.next() * 2 ** 31) : undefined,
        startedAtMs: now - Math.floor(rng.next() * 3_600_000),
      });
    }
    model.upsertPod({ namespace, name, uid: `uid-${opts.seed}-${i}`, startTimeMs: now - 3_600_000, containers }, now);
  }
  model.advance(now + 30_000);
  return renderResourceMetrics(model.snapshot(), {
    kubeletMinor: opts.kubeletMinor ?? 33,
    zeroCpu: opts.zeroCpu,
    missingMemory: opts.missingMemory,
  });
}
