/**
 * Starts the simulator's mini-controllers over a ClusterState so the cluster reacts like a real
 * one: `kubectl scale` changes pods, new Deployments roll out, new pods get scheduled and run.
 * Start them after seeding: they react to changes, they never resync the whole cluster.
 */
import { Random } from '../../shared/random.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import { type ControllerContext, type ControllerLogger, guardListeners } from './controller-context.ts';
import { startDaemonSetController } from './daemonset-controller.ts';
import { startDeploymentController } from './deployment-controller.ts';
import { type JobControllerOptions, startJobController } from './job-controller.ts';
import { type NodeHeartbeatOptions, startNodeHeartbeat } from './node-heartbeat.ts';
import { PodIndex } from './pod-index.ts';
import { type PodLifecycleOptions, startPodLifecycle } from './pod-lifecycle.ts';
import { startReplicaSetController } from './replicaset-controller.ts';
import { startStatefulSetController } from './statefulset-controller.ts';

export interface ControllersOptions extends PodLifecycleOptions, JobControllerOptions, NodeHeartbeatOptions {
  /** Seeds names and uids of created objects (default 1). */
  seed?: number;
  log?: ControllerLogger;
  /** ms since epoch (default Date.now). */
  now?: () => number;
}

export interface Controllers {
  stop(): void;
  /** Resolves once no reconcile is queued (pod start timers may still be pending). */
  whenIdle(): Promise<void>;
}

const silent: ControllerLogger = { error() {}, v() {} };

export function startControllers(state: ClusterState, options: ControllersOptions = {}): Controllers {
  const log = options.log ?? silent;
  const guarded = guardListeners(state, log);
  const index = new PodIndex(guarded);
  const ctx: ControllerContext = {
    state: guarded,
    index,
    rnd: new Random(options.seed ?? 1),
    now: options.now ?? Date.now,
    log,
  };
  const parts = [
    startReplicaSetController(ctx),
    startDeploymentController(ctx),
    startStatefulSetController(ctx),
    startJobController(ctx, options),
    startDaemonSetController(ctx),
  ];
  const lifecycle = startPodLifecycle(ctx, options);
  const heartbeat = startNodeHeartbeat(ctx, options);
  return {
    stop() {
      lifecycle.stop();
      heartbeat.stop();
      for (const p of parts) p.stop();
      index.stop();
    },
    async whenIdle() {
      // Controllers feed each other (Deployment -> ReplicaSet -> pods -> statuses): wait until
      // every queue is empty across a full event-loop turn.
      const tick = () => new Promise((resolve) => setImmediate(resolve));
      do await tick();
      while (parts.some((p) => p.pending() > 0));
    },
  };
}
