/**
 * Job controller, enough for `kubectl create job`: runs up to `parallelism` pods until
 * `completions` succeeded, each pod completing `runMs` after it starts, then marks the Job
 * Complete. Jobs that already carry a start time (seeded history) are only counted, never driven.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { type ControllerContext, isActivePod, ownerRefTo, sameJson, startPod } from './controller-context.ts';
import { buildPodStatus, rfc3339 } from './pod-status.ts';
import { WorkQueue } from './work-queue.ts';

export interface JobControllerOptions {
  /** How long a job pod runs before it succeeds (ms, default 2000). */
  jobRunMs?: number;
}

const int = (v: unknown, def: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : def);

export function startJobController(
  ctx: ControllerContext,
  options: JobControllerOptions = {},
): { stop(): void; pending(): number } {
  const { state, index } = ctx;
  const runMs = options.jobRunMs ?? 2000;
  /** Jobs this controller drives (uid), so seeded history is left as it is. */
  const driven = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const queue = new WorkQueue({
    process: (key) => reconcile(key),
    onError: (key, err) => ctx.log.error('Failed to sync Job', { job: key, err }),
  });

  function complete(pod: KubeObject): void {
    const cur = state.get('v1', 'Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.status?.phase !== 'Running') return;
    const node = index.node(cur.spec.nodeName);
    const startedAt = Date.parse(cur.status.startTime ?? '') || ctx.now();
    const placement = { nodeName: cur.spec.nodeName, hostIP: node?.hostIP ?? '', podIP: cur.status.podIP ?? '' };
    state.updateStatus({ ...cur, status: buildPodStatus(ctx.rnd, cur, 'succeeded', placement, startedAt, ctx.now()) });
  }

  function reconcile(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const job = state.get('batch/v1', 'Job', namespace, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const uid = job.metadata.uid ?? '';
    if (!driven.has(uid)) {
      if (job.status?.startTime) return;
      driven.add(uid);
    }
    const owned = index.owned(uid);
    const succeeded = owned.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = owned.filter((p) => p.status?.phase === 'Failed').length;
    const active = owned.filter(isActivePod);
    const completions = int(job.spec?.completions, 1);
    const parallelism = int(job.spec?.parallelism, 1);
    const done = succeeded >= completions;
    if (!done && !job.spec?.suspend) {
      const want = Math.min(parallelism, completions - succeeded) - active.length;
      const template = job.spec?.template ?? {};
      const labels = {
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': uid,
        'job-name': name,
      };
      for (let i = 0; i < want; i++) {
        const pod = startPod(ctx, template, {
          name: `${name}-${ctx.rnd.suffix()}`,
          namespace,
          owner: ownerRefTo(job),
          labels,
        });
        if (pod.status?.phase !== 'Running') continue;
        const t = setTimeout(() => {
          timers.delete(t);
          try {
            complete(pod);
          } catch (err) {
            ctx.log.error('Failed to complete job pod', { job: key, err });
          }
        }, runMs);
        t.unref();
        timers.add(t);
      }
    }
    const now = rfc3339(ctx.now());
    const previous = job.status ?? {};
    const status: Record<string, unknown> = {
      startTime: previous.startTime ?? now,
      active: done ? 0 : index.owned(uid).filter(isActivePod).length,
      ...(succeeded > 0 ? { succeeded } : {}),
      ...(failed > 0 ? { failed } : {}),
      ready: index.owned(uid).filter((p) => isActivePod(p) && p.status?.phase === 'Running').length,
      terminating: 0,
      uncountedTerminatedPods: {},
    };
    if (done) {
      const at = previous.completionTime ?? now;
      status.completionTime = at;
      status.conditions = [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: at, lastTransitionTime: at },
        { type: 'Complete', status: 'True', lastProbeTime: at, lastTransitionTime: at },
      ];
    }
    if (!sameJson(status, job.status)) state.updateStatus({ ...job, status });
  }

  const unsubscribe = [
    state.subscribe('batch/v1', 'Job', (c) => {
      if (c.type === 'DELETED') {
        driven.delete(c.object.metadata.uid ?? '');
        return;
      }
      if (c.type === 'MODIFIED' && c.previous && sameJson(c.previous.spec, c.object.spec)) return;
      queue.add(`${c.object.metadata.namespace}/${c.object.metadata.name}`);
    }),
    state.subscribe('v1', 'Pod', (c) => {
      const ref = c.object.metadata.ownerReferences?.find((r) => r.controller);
      if (ref?.kind === 'Job' && driven.has(ref.uid)) queue.add(`${c.object.metadata.namespace}/${ref.name}`);
    }),
  ];
  return {
    stop() {
      for (const u of unsubscribe) u();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      queue.stop();
    },
    pending: () => queue.length,
  };
}
