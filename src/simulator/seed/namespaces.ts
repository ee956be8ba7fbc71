/**
 * Per-namespace objects: the Namespace, its ServiceAccounts, ConfigMaps, Secrets, RBAC, network
 * policies, LimitRange and ResourceQuota, and Events about troubled pods.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import type { SeededWorkload } from './pods.ts';
import type { SeedContext } from './seed-context.ts';

/** Namespaces a fresh cluster already has; the API server creates them, the seeder only reuses them. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const APP_NAMESPACES = ['frontend', 'backend', 'data', 'monitoring', 'batch', 'payments'];

/** `count` workload namespaces: `default`, a named handful, then `team-NNN`. */
export function appNamespaces(count: number): string[] {
  const out = ['default', ...APP_NAMESPACES];
  for (let i = 0; out.length < count; i++) out.push(`team-${String(i).padStart(3, '0')}`);
  return out.slice(0, Math.max(count, 2));
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function generateNamespaces(ctx: SeedContext, names: string[]): void {
  const { rnd } = ctx;
  const created = rfc3339(ctx.now - 100 * 86400 * 1000);
  for (const ns of [...SYSTEM_NAMESPACES, ...names.filter((n) => !SYSTEM_NAMESPACES.includes(n))]) {
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        uid: rnd.uuid(),
        creationTimestamp: created,
        labels: { 'kubernetes.io/metadata.name': ns },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: ns, uid: rnd.uuid(), creationTimestamp: created },
    });
  }
  for (const ns of names) {
    if (ns === 'kube-system') continue;
    const meta = (name: string, extra: Record<string, unknown> = {}) => ({
      name,
      namespace: ns,
      uid: rnd.uuid(),
      creationTimestamp: created,
      ...extra,
    });
    ctx.out.push(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: meta('registry-credentials'),
        type: 'kubernetes.io/dockerconfigjson',
        data: { '.dockerconfigjson': b64('{"auths":{"ghcr.io":{"auth":"c2ltOnNpbQ=="}}}') },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta('pod-reader'),
        rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta('pod-reader'),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: ns }],
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta('default-deny-ingress', { generation: 1 }),
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta('allow-same-namespace', { generation: 1 }),
        spec: {
          podSelector: {},
          ingress: [{ from: [{ podSelector: {} }] }],
          policyTypes: ['Ingress'],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: meta('defaults'),
        spec: {
          limits: [
            {
              type: 'Container',
              default: { cpu: '500m', memory: '512Mi' },
              defaultRequest: { cpu: '100m', memory: '128Mi' },
              max: { cpu: '4', memory: '8Gi' },
            },
          ],
        },
      },
    );
  }
}

/** A ConfigMap, Secret and ServiceAccount for some of the seeded workloads. */
export function generateWorkloadConfig(ctx: SeedContext, w: SeededWorkload): void {
  const { rnd } = ctx;
  const meta = (name: string) => ({
    name,
    namespace: w.namespace,
    uid: rnd.uuid(),
    creationTimestamp: w.obj.metadata.creationTimestamp,
    labels: { app: w.name },
  });
  if (rnd.chance(0.4)) {
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${w.name}-config`),
      data: {
        LOG_LEVEL: rnd.pick(['info', 'debug', 'warn']),
        'app.yaml': `name: ${w.name}\nport: ${w.profile.port}\n`,
      },
    });
  }
  if (rnd.chance(0.25)) {
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(`${w.name}-credentials`),
      type: 'Opaque',
      data: { username: b64(w.name), password: b64(rnd.suffix(16)) },
    });
  }
}

/** A ResourceQuota per app namespace whose `used` matches the seeded pods' requests. */
export function generateQuotas(ctx: SeedContext, namespaces: string[], workloads: SeededWorkload[]): void {
  const used = new Map<string, { pods: number; cpuM: number; memMi: number }>();
  for (const w of workloads) {
    const u = used.get(w.namespace) ?? { pods: 0, cpuM: 0, memMi: 0 };
    for (const pod of w.pods) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      u.pods++;
      for (const c of pod.spec.containers as KubeObject[]) {
        const req = c.resources?.requests ?? {};
        if (typeof req.cpu === 'string') u.cpuM += Number.parseInt(req.cpu, 10);
        if (typeof req.memory === 'string') u.memMi += Number.parseInt(req.memory, 10);
      }
    }
    used.set(w.namespace, u);
  }
  for (const ns of namespaces) {
    if (ns === 'kube-system' || ns === 'default') continue;
    const u = used.get(ns) ?? { pods: 0, cpuM: 0, memMi: 0 };
    const hard = {
      pods: String(Math.max(50, u.pods * 2)),
      'requests.cpu': `${Math.max(10, Math.ceil((u.cpuM * 2) / 1000))}`,
      'requests.memory': `${Math.max(16, Math.ceil((u.memMi * 2) / 1024))}Gi`,
    };
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: {
        name: 'compute',
        namespace: ns,
        uid: ctx.rnd.uuid(),
        creationTimestamp: rfc3339(ctx.now - 100 * 86400 * 1000),
      },
      spec: { hard },
      status: { hard, used: { pods: String(u.pods), 'requests.cpu': `${u.cpuM}m`, 'requests.memory': `${u.memMi}Mi` } },
    });
  }
}

/** Events about the first `limit` troubled pods (crash loops, OOM kills, failed scheduling). */
export function generateEvents(ctx: SeedContext, pods: KubeObject[], limit: number): void {
  let made = 0;
  for (const pod of pods) {
    if (made >= limit) return;
    const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason as string | undefined;
    const lastReason = pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason as string | undefined;
    const unscheduled = pod.status?.phase === 'Pending' && !pod.spec.nodeName;
    let ev: { reason: string; type: string; message: string; component: string } | undefined;
    if (waiting === 'CrashLoopBackOff') {
      ev = {
        reason: 'BackOff',
        type: 'Warning',
        message: 'Back-off restarting failed container',
        component: 'kubelet',
      };
    } else if (lastReason === 'OOMKilled') {
      ev = {
        reason: 'OOMKilling',
        type: 'Warning',
        message: 'Container was OOM-killed and restarted',
        component: 'kubelet',
      };
    } else if (unscheduled) {
      ev = {
        reason: 'FailedScheduling',
        type: 'Warning',
        message: '0/3 nodes are available',
        component: 'default-scheduler',
      };
    } else if (made < limit / 4) {
      ev = {
        reason: 'Started',
        type: 'Normal',
        message: `Started container ${pod.spec.containers[0].name}`,
        component: 'kubelet',
      };
    }
    if (!ev) continue;
    const at = rfc3339(ctx.now - ctx.rnd.int(5, 600) * 1000);
    const host = pod.spec.nodeName as string | undefined;
    ctx.out.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${pod.metadata.name}.${ctx.rnd.uint32().toString(16).padStart(8, '0')}${ctx.rnd.uint32().toString(16).padStart(8, '0')}`,
        namespace: pod.metadata.namespace,
        uid: ctx.rnd.uuid(),
        creationTimestamp: at,
      },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'Pod',
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        uid: pod.metadata.uid,
        fieldPath: `spec.containers{${pod.spec.containers[0].name}}`,
      },
      reason: ev.reason,
      message: ev.message,
      type: ev.type,
      count: ev.type === 'Warning' ? ctx.rnd.int(1, 50) : 1,
      firstTimestamp: at,
      lastTimestamp: at,
      eventTime: null,
      source: { component: ev.component, ...(host && ev.component === 'kubelet' ? { host } : {}) },
      reportingComponent: ev.component,
      reportingInstance: host && ev.component === 'kubelet' ? host : '',
    });
    made++;
  }
}
