/**
 * The defaulting a real API server applies on create, limited to the fields kubectl prints
 * (a Service without a cluster IP would show `<none>`, a CronJob without `suspend` would show
 * `<unset>`). Only absent fields are filled: fixtures keep what they send. Pods and workloads
 * are deliberately not defaulted, so tests see exactly the objects they create.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ResourceType } from './resource-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: defaulting walks arbitrary client JSON
type Json = any;

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Hands out Service cluster IPs from 10.96.0.0/16 (the default service CIDR's first /16), skipping used ones. */
export class ClusterIpAllocator {
  #next = 10;
  readonly #used = new Set<string>(['10.96.0.1']);

  reserve(ip: string): void {
    this.#used.add(ip);
  }

  allocate(): string | undefined {
    for (let tries = 0; tries < 65_000; tries++) {
      const n = this.#next;
      this.#next = this.#next >= 65_533 ? 10 : this.#next + 1;
      const ip = `10.96.${n >> 8}.${n & 255}`;
      if ((n & 255) === 0 || (n & 255) === 255 || this.#used.has(ip)) continue;
      this.#used.add(ip);
      return ip;
    }
    return undefined;
  }
}

function defaultService(spec: Json, ips: ClusterIpAllocator): void {
  spec.type ??= 'ClusterIP';
  if (Array.isArray(spec.ports)) {
    for (const p of spec.ports) {
      if (!isObject(p)) continue;
      p.protocol ??= 'TCP';
      if (p.targetPort === undefined && p.port !== undefined) p.targetPort = p.port;
    }
  }
  if (spec.type === 'ExternalName') return;
  spec.sessionAffinity ??= 'None';
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && spec.clusterIP !== 'None') {
    ips.reserve(spec.clusterIP);
  } else if (spec.clusterIP === undefined || spec.clusterIP === '') {
    const ip = ips.allocate();
    if (ip) spec.clusterIP = ip;
  }
  if (typeof spec.clusterIP === 'string') spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
}

/** Fills create-time defaults in place. */
export function applyCreateDefaults(t: ResourceType, obj: KubeObject, ips: ClusterIpAllocator): void {
  const spec = obj.spec;
  if (!isObject(spec)) return;
  const key = `${t.group}/${t.resource}`;
  switch (key) {
    case '/services':
      defaultService(spec, ips);
      break;
    case 'batch/cronjobs':
      spec.suspend ??= false;
      spec.concurrencyPolicy ??= 'Allow';
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      break;
  }
}
