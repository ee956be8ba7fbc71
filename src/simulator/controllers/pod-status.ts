/**
 * Pod status as a kubelet reports it, for the seeded cluster, the mini-controllers and churn.
 * Objects are built fresh (no clones) so 150,000 pods seed quickly.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Random } from '../../shared/random.ts';

/** The pod states the simulator produces. `crashloop` is Running with a container in CrashLoopBackOff. */
export type PodState =
  | 'running'
  | 'restarted'
  | 'crashloop'
  | 'unschedulable'
  | 'creating'
  | 'image-pull'
  | 'succeeded'
  | 'failed';

export interface PodPlacement {
  nodeName: string;
  hostIP: string;
  /** Empty for pods that have no sandbox yet. */
  podIP: string;
}

/** RFC 3339 at second precision, as the API server writes timestamps. */
export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const hexScratch = Buffer.alloc(64);

function hex(rnd: Random, words: number): string {
  for (let i = 0; i < words; i++) hexScratch.writeUInt32BE(rnd.uint32(), i * 4);
  return hexScratch.toString('hex', 0, words * 4);
}

const imageIds = new Map<string, string>();

/** Stable image digest per image name, so equal images show equal imageIDs. */
function imageId(image: string): string {
  const cached = imageIds.get(image);
  if (cached) return cached;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < image.length; i++) {
    h1 = Math.imul(h1 ^ image.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ image.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  const word = (n: number) => n.toString(16).padStart(8, '0');
  const digest = (word(h1) + word(h2)).repeat(4);
  const repo = image.split(':')[0] ?? image;
  const id = `${repo.includes('/') ? repo : `docker.io/library/${repo}`}@sha256:${digest}`;
  // Bounded: user-created pods may bring any number of distinct images.
  if (imageIds.size < 10_000) imageIds.set(image, id);
  return id;
}

function condition(type: string, status: boolean, at: string, reason?: string, message?: string) {
  return {
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: KubeObject[] = pod.spec?.containers ?? [];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) anySet = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * Builds `status` for `pod` in `state`. `startedAt` (ms) is when the pod started; restarts and
 * terminations are placed between then and `now` (ms).
 */
export function buildPodStatus(
  rnd: Random,
  pod: KubeObject,
  state: PodState,
  placement: PodPlacement | undefined,
  startedAt: number,
  now: number,
): Record<string, unknown> {
  const start = rfc3339(startedAt);
  const qos = qosClass(pod);
  if (state === 'unschedulable' || !placement) {
    return {
      phase: 'Pending',
      conditions: [
        condition(
          'PodScheduled',
          false,
          start,
          'Unschedulable',
          '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        ),
      ],
      qosClass: qos,
    };
  }
  const containers: KubeObject[] = pod.spec?.containers ?? [];
  const initContainers: KubeObject[] = pod.spec?.initContainers ?? [];
  const done = state === 'succeeded' || state === 'failed';
  const waiting = state === 'creating' || state === 'image-pull';
  const ready = state === 'running' || state === 'restarted';
  const runningSince = state === 'restarted' ? Math.min(now, startedAt + (now - startedAt) / 2) : startedAt;
  const ipFields = placement.podIP
    ? { podIP: placement.podIP, podIPs: [{ ip: placement.podIP }] }
    : ({} as Record<string, unknown>);

  const initStatuses = initContainers.map((c) => ({
    name: c.name,
    image: c.image,
    imageID: imageId(c.image),
    containerID: `containerd://${hex(rnd, 8)}`,
    started: false,
    ready: !waiting,
    restartCount: 0,
    state: waiting
      ? { waiting: { reason: 'PodInitializing' } }
      : {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: start,
            finishedAt: rfc3339(Math.min(now, startedAt + 2000)),
            containerID: `containerd://${hex(rnd, 8)}`,
          },
        },
  }));

  const containerStatuses = containers.map((c, i) => {
    const base = { name: c.name, image: c.image, imageID: imageId(c.image) };
    if (waiting) {
      const reason = state === 'image-pull' ? 'ImagePullBackOff' : 'ContainerCreating';
      const message = state === 'image-pull' ? `Back-off pulling image "${c.image}"` : undefined;
      return {
        ...base,
        imageID: '',
        started: false,
        ready: false,
        restartCount: 0,
        state: { waiting: { reason, ...(message ? { message } : {}) } },
        lastState: {},
      };
    }
    const containerID = `containerd://${hex(rnd, 8)}`;
    if (done) {
      const failed = state === 'failed';
      return {
        ...base,
        containerID,
        started: false,
        ready: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: failed ? 1 : 0,
            reason: failed ? 'Error' : 'Completed',
            startedAt: start,
            finishedAt: rfc3339(Math.min(now, startedAt + rnd.int(5, 300) * 1000)),
            containerID,
          },
        },
        lastState: {},
      };
    }
    // Only the first container of a troubled pod misbehaves; sidecars keep running.
    const troubled = i === 0 && (state === 'restarted' || state === 'crashloop');
    const restartCount = troubled ? rnd.int(1, state === 'crashloop' ? 40 : 5) : 0;
    const oomKilled = troubled && state === 'restarted' && rnd.chance(0.6);
    const lastState = troubled
      ? {
          terminated: {
            exitCode: oomKilled ? 137 : 1,
            reason: oomKilled ? 'OOMKilled' : 'Error',
            startedAt: start,
            finishedAt: rfc3339(runningSince),
            containerID: `containerd://${hex(rnd, 8)}`,
          },
        }
      : {};
    if (troubled && state === 'crashloop') {
      return {
        ...base,
        containerID,
        started: false,
        ready: false,
        restartCount,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 5m0s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          },
        },
        lastState,
      };
    }
    return {
      ...base,
      containerID,
      started: true,
      ready: true,
      restartCount,
      state: { running: { startedAt: rfc3339(troubled ? runningSince : Math.min(now, startedAt + 3000)) } },
      lastState,
    };
  });

  const initialized = !waiting || initContainers.length === 0;
  const phase = done ? (state === 'failed' ? 'Failed' : 'Succeeded') : waiting ? 'Pending' : 'Running';
  const readyAt = rfc3339(state === 'restarted' ? runningSince : Math.min(now, startedAt + 4000));
  const notReadyReason = done ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMessage = done
    ? undefined
    : `containers with unready status: [${containerStatuses
        .filter((s) => !s.ready)
        .map((s) => s.name)
        .join(' ')}]`;
  return {
    phase,
    conditions: [
      condition('PodReadyToStartContainers', !waiting || state === 'image-pull', start),
      condition('Initialized', initialized, start, done ? 'PodCompleted' : undefined),
      condition('Ready', ready, ready ? readyAt : start, ready ? undefined : notReadyReason, notReadyMessage),
      condition('ContainersReady', ready, ready ? readyAt : start, ready ? undefined : notReadyReason, notReadyMessage),
      condition('PodScheduled', true, start),
    ],
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    ...ipFields,
    startTime: start,
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses,
    qosClass: qos,
  };
}
