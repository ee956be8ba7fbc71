/**
 * Node heartbeats: renews each Ready node's Lease in `kube-node-lease` every `intervalMs`, as
 * kubelets do (10 s by default), so `kubectl get leases` and kube_lease_renew_time look alive.
 * Above `maxNodes` it stays off: 5,000 renewals per 10 s would flood the bounded watch history
 * that every other watcher relies on to resume.
 */
import type { ControllerContext } from './controller-context.ts';

export interface NodeHeartbeatOptions {
  /** ms between renewals (default 10000). */
  heartbeatIntervalMs?: number;
  /** Largest cluster that gets renewals (default 100 nodes). */
  heartbeatMaxNodes?: number;
}

/** `renewTime` is a MicroTime: RFC 3339 with microseconds. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function startNodeHeartbeat(ctx: ControllerContext, options: NodeHeartbeatOptions = {}): { stop(): void } {
  const { state, index } = ctx;
  const interval = options.heartbeatIntervalMs ?? 10_000;
  const maxNodes = options.heartbeatMaxNodes ?? 100;
  const timer = setInterval(() => {
    const nodes = state.list('v1', 'Node');
    if (nodes.length > maxNodes) return;
    const renewTime = microTime(ctx.now());
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      if (!index.node(name)?.ready) continue;
      try {
        const lease = state.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', name);
        if (lease) state.update({ ...lease, spec: { ...lease.spec, renewTime } });
      } catch (err) {
        ctx.log.error('Failed to renew node lease', { node: name, err });
      }
    }
  }, interval);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
