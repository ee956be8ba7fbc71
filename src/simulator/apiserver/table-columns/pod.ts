/**
 * `kubectl get pods` columns. STATUS follows kubectl's pod printer exactly: init containers first
 * (`Init:0/2`, `Init:CrashLoopBackOff`), then the last container with a waiting or terminated
 * reason (`ContainerCreating`, `CrashLoopBackOff`, `OOMKilled`, `Completed`, `Error`), then
 * `Terminating` for a deleted, non-terminal pod.
 */
import type { KubeObject } from '../../../shared/kube/object.ts';
import { humanDuration } from '../human-duration.ts';
import {
  AGE_COLUMN,
  age,
  type Cell,
  column,
  get,
  int,
  list,
  NAME_COLUMN,
  NONE,
  name,
  type Printer,
  type RowCondition,
  record,
  str,
} from './column.ts';

/** The reason the node lifecycle controller sets on pods of an unreachable node. */
const NODE_UNREACHABLE_REASON = 'NodeLost';

interface Restart {
  count: number;
  /** Latest `lastState.terminated.finishedAt`, ms since epoch; 0 when none. */
  last: number;
}

function addRestarts(acc: Restart, status: Record<string, unknown>): void {
  acc.count += int(status.restartCount);
  const finished = Date.parse(str(get(status, 'lastState', 'terminated', 'finishedAt')));
  if (!Number.isNaN(finished) && finished > acc.last) acc.last = finished;
}

/** A sidecar: an init container with `restartPolicy: Always`. */
function isRestartable(container: Record<string, unknown> | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function terminatedReason(terminated: Record<string, unknown>, prefix: string): string {
  const reason = str(terminated.reason);
  if (reason !== '') return prefix + reason;
  const signal = int(terminated.signal);
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${int(terminated.exitCode)}`;
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** READY, STATUS and RESTARTS of a pod at `now` (ms since epoch). */
export function summarizePod(pod: KubeObject, now: number): PodSummary {
  const spec = record(pod.spec);
  const podStatus = record(pod.status);
  const phase = str(podStatus.phase);
  const conditions = list(podStatus.conditions);
  let reason = str(podStatus.reason) || phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const initContainers = list(spec.initContainers);
  const initSpecs = new Map(initContainers.map((c) => [str(c.name), c]));
  let total = list(spec.containers).length;
  for (const c of initContainers) if (isRestartable(c)) total++;
  let ready = 0;
  const all: Restart = { count: 0, last: 0 };
  const sidecars: Restart = { count: 0, last: 0 };

  let initializing = false;
  const initStatuses = list(podStatus.initContainerStatuses);
  for (const [i, status] of initStatuses.entries()) {
    const restartable = isRestartable(initSpecs.get(str(status.name)));
    addRestarts(all, status);
    if (restartable) addRestarts(sidecars, status);
    const state = record(status.state);
    const terminated = state.terminated === undefined ? undefined : record(state.terminated);
    const waiting = state.waiting === undefined ? undefined : record(state.waiting);
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (restartable && status.started === true) {
      if (status.ready === true) ready++;
      continue;
    }
    initializing = true;
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting && str(waiting.reason) !== '' && waiting.reason !== 'PodInitializing')
      reason = `Init:${str(waiting.reason)}`;
    else reason = `Init:${i}/${initContainers.length}`;
    break;
  }

  let restarts = all;
  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecars;
    let hasRunning = false;
    const statuses = list(podStatus.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const status = statuses[i] ?? {};
      addRestarts(restarts, status);
      const state = record(status.state);
      const waiting = record(state.waiting);
      const terminated = state.terminated === undefined ? undefined : record(state.terminated);
      if (str(waiting.reason) !== '') reason = str(waiting.reason);
      else if (terminated) reason = terminatedReason(terminated, '');
      else if (status.ready === true && state.running !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  const deleted = typeof pod.metadata.deletionTimestamp === 'string';
  if (deleted && podStatus.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleted && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartText = String(restarts.count);
  if (restarts.count !== 0 && restarts.last !== 0) {
    restartText = `${restarts.count} (${humanDuration(now - restarts.last)} ago)`;
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

function readinessGates(pod: KubeObject): string {
  const gates = list(get(pod, 'spec', 'readinessGates'));
  if (gates.length === 0) return NONE;
  const conditions = list(get(pod, 'status', 'conditions'));
  let satisfied = 0;
  for (const gate of gates) {
    const condition = conditions.find((c) => c.type === gate.conditionType);
    if (condition?.status === 'True') satisfied++;
  }
  return `${satisfied}/${gates.length}`;
}

export const podPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE_COLUMN,
    column('IP', 'IP address allocated to the pod.', 'string', 1),
    column('Node', 'Name of the node the pod is scheduled on.', 'string', 1),
    column('Nominated Node', 'Node the scheduler nominated for preemption.', 'string', 1),
    column('Readiness Gates', 'Pod readiness gates that are satisfied.', 'string', 1),
  ],
  cells(pod, now): Cell[] {
    const summary = summarizePod(pod, now);
    const podIPs = list(get(pod, 'status', 'podIPs'));
    const ip = str(podIPs[0]?.ip) || str(get(pod, 'status', 'podIP')) || NONE;
    return [
      name(pod),
      summary.ready,
      summary.status,
      summary.restarts,
      age(pod, now),
      ip,
      str(get(pod, 'spec', 'nodeName')) || NONE,
      str(get(pod, 'status', 'nominatedNodeName')) || NONE,
      readinessGates(pod),
    ];
  },
  conditions(pod): RowCondition[] | undefined {
    const phase = get(pod, 'status', 'phase');
    if (phase === 'Succeeded') {
      return [
        { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
      ];
    }
    if (phase === 'Failed')
      return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};
