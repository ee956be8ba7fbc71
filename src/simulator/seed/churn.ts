/**
 * Churn: a steady stream of the changes a busy cluster sees, so watchers (kube-state-metrics,
 * informers, `kubectl get -w`) get real traffic: container restarts, crash loops and recoveries,
 * pod deletions (replaced by the ReplicaSet controller, or re-created when bare), scale up and
 * down, rollouts, node pressure flips and ConfigMap edits. Victims come from key pools kept
 * current by subscriptions; the sequence of actions and draws replays under a seed.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { Random } from '../../shared/random.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import { rfc3339 } from '../controllers/pod-status.ts';
import { type KeyPool, splitKey, watchPool } from './key-pool.ts';

export type ChurnAction =
  | 'restart'
  | 'crash'
  | 'recover'
  | 'delete-pod'
  | 'scale'
  | 'rollout'
  | 'node-condition'
  | 'configmap';

const ACTIONS: ChurnAction[] = [
  'restart',
  'crash',
  'recover',
  'delete-pod',
  'scale',
  'rollout',
  'node-condition',
  'configmap',
];
const WEIGHTS = [0.22, 0.08, 0.1, 0.15, 0.12, 0.05, 0.08, 0.2];

export interface ChurnOptions {
  eventsPerSecond: number;
  seed: number;
  /** ms since epoch (default Date.now). */
  now?: () => number;
}

export interface ChurnEngine {
  /** Performs one change; returns what it did, or `undefined` when no object was eligible. */
  step(): ChurnAction | undefined;
  /** Changes made per action, and failures (conflicts, vanished objects). */
  stats(): Record<ChurnAction | 'skipped' | 'errors', number>;
  stop(): void;
}

/** Kubelet reasons and messages for node pressure conditions, set (`on`) and cleared (`off`). */
const PRESSURE = {
  MemoryPressure: {
    on: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
    off: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  },
  DiskPressure: {
    on: ['KubeletHasDiskPressure', 'kubelet has disk pressure'],
    off: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  },
  PIDPressure: {
    on: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available'],
    off: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  },
} as const;

const containerId = (rnd: Random) =>
  `containerd://${Array.from({ length: 8 }, () => rnd.uint32().toString(16).padStart(8, '0')).join('')}`;

function isWorkloadPod(p: KubeObject): boolean {
  return (
    p.metadata.namespace !== 'kube-system' &&
    !p.spec?.hostNetwork &&
    !!p.spec?.nodeName &&
    !p.metadata.deletionTimestamp
  );
}

function isReady(p: KubeObject): boolean {
  return (Array.isArray(p.status?.conditions) ? p.status.conditions : []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}

function setReady(pod: KubeObject, ready: boolean, at: string): void {
  for (const c of pod.status.conditions ?? []) {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') continue;
    if ((c.status === 'True') === ready) continue;
    c.status = ready ? 'True' : 'False';
    c.lastTransitionTime = at;
    if (ready) {
      delete c.reason;
      delete c.message;
    } else {
      c.reason = 'ContainersNotReady';
      c.message = `containers with unready status: [${pod.spec.containers[0]?.name ?? ''}]`;
    }
  }
}

/** The churn engine without timers (tests drive `step()` directly). */
export function createChurn(state: ClusterState, options: Omit<ChurnOptions, 'eventsPerSecond'>): ChurnEngine {
  const rnd = new Random(options.seed);
  const now = options.now ?? Date.now;
  const counts = Object.fromEntries([...ACTIONS, 'skipped', 'errors'].map((a) => [a, 0])) as Record<
    ChurnAction | 'skipped' | 'errors',
    number
  >;
  const running = watchPool(state, 'v1', 'Pod', (p) => isWorkloadPod(p) && p.status?.phase === 'Running' && isReady(p));
  const troubled = watchPool(
    state,
    'v1',
    'Pod',
    (p) => isWorkloadPod(p) && p.status?.phase === 'Running' && !isReady(p),
  );
  const deployments = watchPool(state, 'apps/v1', 'Deployment', (d) => d.metadata.namespace !== 'kube-system');
  const nodes = watchPool(state, 'v1', 'Node', () => true);
  const configMaps = watchPool(state, 'v1', 'ConfigMap', (c) => c.metadata.name !== 'kube-root-ca.crt' && !!c.data);
  const pools = [running, troubled, deployments, nodes, configMaps];

  const get = (pool: KeyPool, apiVersion: string, kind: string): KubeObject | undefined => {
    const key = pool.pick(rnd);
    if (!key) return undefined;
    const [ns, name] = splitKey(key);
    return state.get(apiVersion, kind, ns, name);
  };

  const actions: Record<ChurnAction, () => boolean> = {
    restart() {
      const pod = get(running.pool, 'v1', 'Pod');
      const cs = pod?.status?.containerStatuses?.[0];
      if (!pod || !cs?.state?.running) return false;
      const at = rfc3339(now());
      const oom = rnd.chance(0.4);
      cs.lastState = {
        terminated: {
          exitCode: oom ? 137 : 1,
          reason: oom ? 'OOMKilled' : 'Error',
          startedAt: cs.state.running.startedAt,
          finishedAt: at,
          containerID: cs.containerID,
        },
      };
      cs.restartCount = (cs.restartCount ?? 0) + 1;
      cs.containerID = containerId(rnd);
      cs.state = { running: { startedAt: at } };
      state.updateStatus(pod);
      return true;
    },
    crash() {
      const pod = get(running.pool, 'v1', 'Pod');
      const cs = pod?.status?.containerStatuses?.[0];
      if (!pod || !cs) return false;
      const at = rfc3339(now());
      cs.lastState = {
        terminated: {
          exitCode: 1,
          reason: 'Error',
          startedAt: cs.state?.running?.startedAt ?? at,
          finishedAt: at,
          containerID: cs.containerID,
        },
      };
      cs.restartCount = (cs.restartCount ?? 0) + 1;
      cs.ready = false;
      cs.started = false;
      cs.state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 10s restarting failed container=${cs.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        },
      };
      setReady(pod, false, at);
      state.updateStatus(pod);
      return true;
    },
    recover() {
      const pod = get(troubled.pool, 'v1', 'Pod');
      if (!pod) return false;
      const at = rfc3339(now());
      for (const cs of pod.status.containerStatuses ?? []) {
        if (cs.state?.running && cs.ready) continue;
        cs.containerID = containerId(rnd);
        cs.state = { running: { startedAt: at } };
        cs.ready = true;
        cs.started = true;
      }
      setReady(pod, true, at);
      state.updateStatus(pod);
      return true;
    },
    'delete-pod'() {
      const pod = get(rnd.chance(0.5) ? troubled.pool : running.pool, 'v1', 'Pod');
      if (!pod) return false;
      const { namespace, name } = pod.metadata;
      state.delete('v1', 'Pod', namespace, name ?? '');
      if (!pod.metadata.ownerReferences?.length) {
        // A bare pod has no controller to replace it: re-create it, as its owner (a person) would.
        const { nodeName: _n, ...spec } = pod.spec;
        state.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace, labels: pod.metadata.labels ?? {} },
          spec,
        });
      }
      return true;
    },
    scale() {
      const d = get(deployments.pool, 'apps/v1', 'Deployment');
      if (!d) return false;
      const replicas = typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1;
      const next = replicas <= 1 ? replicas + 1 : replicas >= 10 ? replicas - 1 : replicas + (rnd.chance(0.5) ? 1 : -1);
      state.update({ ...d, spec: { ...d.spec, replicas: next } });
      return true;
    },
    rollout() {
      const d = get(deployments.pool, 'apps/v1', 'Deployment');
      if (!d?.spec?.template) return false;
      const template = d.spec.template;
      template.metadata = {
        ...template.metadata,
        annotations: {
          ...template.metadata?.annotations,
          'kubectl.kubernetes.io/restartedAt': new Date(now()).toISOString(),
        },
      };
      state.update(d);
      return true;
    },
    'node-condition'() {
      const node = get(nodes.pool, 'v1', 'Node');
      const type = rnd.pick(Object.keys(PRESSURE) as (keyof typeof PRESSURE)[]);
      const c = node?.status?.conditions?.find((x: { type: string }) => x.type === type);
      if (!node || !c) return false;
      const pressure = c.status !== 'True';
      const [reason, message] = PRESSURE[type][pressure ? 'on' : 'off'];
      c.status = pressure ? 'True' : 'False';
      c.reason = reason;
      c.message = message;
      c.lastTransitionTime = rfc3339(now());
      c.lastHeartbeatTime = c.lastTransitionTime;
      state.updateStatus(node);
      return true;
    },
    configmap() {
      const cm = get(configMaps.pool, 'v1', 'ConfigMap');
      if (!cm) return false;
      const generation = Number.parseInt(cm.data['churn-generation'] ?? '0', 10) || 0;
      cm.data = { ...cm.data, 'churn-generation': String(generation + 1) };
      state.update(cm);
      return true;
    },
  };

  return {
    step() {
      const action = rnd.weighted(ACTIONS, WEIGHTS);
      try {
        if (!actions[action]()) {
          counts.skipped++;
          return undefined;
        }
        counts[action]++;
        return action;
      } catch {
        counts.errors++;
        return undefined;
      }
    },
    stats: () => ({ ...counts }),
    stop() {
      for (const p of pools) p.stop();
    },
  };
}

/** Runs churn at `eventsPerSecond` on unref'd timers (batched above 100 events/s). */
export function startChurn(state: ClusterState, options: ChurnOptions): ChurnEngine {
  const engine = createChurn(state, options);
  const rate = options.eventsPerSecond;
  if (!(rate > 0) || !Number.isFinite(rate)) return engine;
  const periodMs = Math.max(10, 1000 / rate);
  let carry = 0;
  const timer = setInterval(() => {
    carry += (rate * periodMs) / 1000;
    for (; carry >= 1; carry--) engine.step();
  }, periodMs);
  timer.unref();
  return {
    ...engine,
    stop() {
      clearInterval(timer);
      engine.stop();
    },
  };
}
