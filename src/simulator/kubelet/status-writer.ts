/**
 * What a kubelet writes back to the API server, reduced to what the simulation needs: the port it
 * serves on, and containers it had to restart. Failures (conflicts, deleted objects) are logged and
 * dropped: the next change writes again.
 */
import type { Logger } from '../../shared/logging/logger.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import { metaTime } from './stats-summary.ts';

/** The port metrics-server finds with `--kubelet-use-node-status-port`. */
export function publishKubeletPort(state: ClusterState, nodeName: string, port: number, logger?: Logger): void {
  try {
    const node = state.get('v1', 'Node', undefined, nodeName);
    if (!node || node.status?.daemonEndpoints?.kubeletEndpoint?.Port === port) return;
    node.status = { ...(node.status ?? {}), daemonEndpoints: { kubeletEndpoint: { Port: port } } };
    state.updateStatus(node);
  } catch (err) {
    logger?.warn('Failed to publish kubelet port', { node: nodeName, port, err });
  }
}

/** An OOM kill as the API shows it: restartCount up, lastState OOMKilled (exit 137), a new running state. */
export function reportOomKill(
  state: ClusterState,
  namespace: string,
  name: string,
  container: string,
  atMs: number,
  logger?: Logger,
): void {
  try {
    const pod = state.get('v1', 'Pod', namespace, name);
    const statuses: Record<string, unknown>[] = Array.isArray(pod?.status?.containerStatuses)
      ? pod.status.containerStatuses
      : [];
    const st = statuses.find((s) => s?.name === container);
    if (!pod || !st) return;
    const startedAt = (st.state as { running?: { startedAt?: string } } | undefined)?.running?.startedAt;
    st.lastState = {
      terminated: {
        exitCode: 137,
        reason: 'OOMKilled',
        ...(startedAt ? { startedAt } : {}),
        finishedAt: metaTime(atMs - 1000),
        ...(st.containerID ? { containerID: st.containerID } : {}),
      },
    };
    st.state = { running: { startedAt: metaTime(atMs) } };
    st.restartCount = (typeof st.restartCount === 'number' ? st.restartCount : 0) + 1;
    st.ready = true;
    state.updateStatus(pod);
  } catch (err) {
    logger?.warn('Failed to report container restart', { pod: `${namespace}/${name}`, container, err });
  }
}
