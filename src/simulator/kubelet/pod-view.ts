/**
 * The part of a Pod object the usage model needs, read defensively: objects come from the API
 * server, where anyone with kubectl can write odd values.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { parseQuantity } from '../../shared/quantity/parse-quantity.ts';

export interface ContainerView {
  name: string;
  /** Cores; undefined when the container has no request. */
  cpuRequest?: number;
  /** Cores. */
  cpuLimit?: number;
  /** Bytes. */
  memoryRequest?: number;
  /** Bytes. */
  memoryLimit?: number;
  /** When the runtime started it (ms since epoch), from `status.containerStatuses[].state.running.startedAt`. */
  startedAtMs: number;
}

export interface PodView {
  namespace: string;
  name: string;
  uid: string;
  /** `status.startTime` (ms since epoch). */
  startTimeMs: number;
  /** Only the containers that are running; init and ephemeral containers are never modelled. */
  containers: ContainerView[];
}

function quantity(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    const n = parseQuantity(String(value));
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function timeMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `namespace/name`: the key pods are modelled under. */
export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** The node the pod is bound to, or undefined when unscheduled. */
export function podNodeName(pod: KubeObject): string | undefined {
  const name = isRecord(pod.spec) ? pod.spec.nodeName : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * The running containers of a Running pod, or undefined when nothing of it would be reported by a
 * kubelet (not Running, terminating, or no running container). A pod without any containerStatuses
 * but phase Running (objects written by hand) counts all its containers as started at the pod start.
 */
export function podView(pod: KubeObject, nowMs: number): PodView | undefined {
  const status = isRecord(pod.status) ? pod.status : {};
  if (status.phase !== 'Running') return undefined;
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const specContainers = Array.isArray(spec.containers) ? spec.containers.filter(isRecord) : [];
  const statuses = Array.isArray(status.containerStatuses) ? status.containerStatuses.filter(isRecord) : undefined;
  const startTimeMs = timeMs(status.startTime) ?? timeMs(pod.metadata.creationTimestamp) ?? nowMs;
  const containers: ContainerView[] = [];
  for (const c of specContainers) {
    if (typeof c.name !== 'string' || c.name === '') continue;
    let startedAtMs: number | undefined = startTimeMs;
    if (statuses) {
      const st = statuses.find((s) => s.name === c.name);
      const running = st && isRecord(st.state) && isRecord(st.state.running) ? st.state.running : undefined;
      startedAtMs = running ? (timeMs(running.startedAt) ?? startTimeMs) : undefined;
    }
    if (startedAtMs === undefined) continue;
    const resources = isRecord(c.resources) ? c.resources : {};
    const requests = isRecord(resources.requests) ? resources.requests : {};
    const limits = isRecord(resources.limits) ? resources.limits : {};
    const view: ContainerView = { name: c.name, startedAtMs: Math.min(startedAtMs, nowMs) };
    const cpuLimit = quantity(limits.cpu);
    const memoryLimit = quantity(limits.memory);
    // Kubernetes defaults a missing request to the limit.
    const cpuRequest = quantity(requests.cpu) ?? cpuLimit;
    const memoryRequest = quantity(requests.memory) ?? memoryLimit;
    if (cpuRequest !== undefined) view.cpuRequest = cpuRequest;
    if (cpuLimit !== undefined && cpuLimit > 0) view.cpuLimit = cpuLimit;
    if (memoryRequest !== undefined) view.memoryRequest = memoryRequest;
    if (memoryLimit !== undefined && memoryLimit > 0) view.memoryLimit = memoryLimit;
    containers.push(view);
  }
  if (containers.length === 0) return undefined;
  if (pod.metadata.deletionTimestamp) return undefined;
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
    startTimeMs: Math.min(startTimeMs, nowMs),
    containers,
  };
}
