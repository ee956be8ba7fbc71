/**
 * DaemonSet controller: one pod per node the DaemonSet may run on (every node, or those matching
 * `spec.template.spec.nodeSelector`), so DaemonSets created later and nodes added later (a
 * `kubectl create -f node.yaml`) get their pods. Pods on nodes that went away are deleted.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ClusterChange } from '../apiserver/cluster-state.ts';
import { type ControllerContext, isActivePod, isReadyPod, ownerRefTo, sameJson } from './controller-context.ts';
import { buildPodStatus } from './pod-status.ts';
import { podFromTemplate } from './pod-template.ts';
import { WorkQueue } from './work-queue.ts';

function selects(ds: KubeObject, node: KubeObject): boolean {
  const selector: Record<string, string> = ds.spec?.template?.spec?.nodeSelector ?? {};
  const labels = node.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function startDaemonSetController(ctx: ControllerContext): { stop(): void; pending(): number } {
  const { state, index } = ctx;
  const queue = new WorkQueue({
    process: (key) => reconcile(key),
    onError: (key, err) => ctx.log.error('Failed to sync DaemonSet', { daemonSet: key, err }),
  });

  function reconcile(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const ds = state.get('apps/v1', 'DaemonSet', namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const nodes = state.list('v1', 'Node').filter((n) => selects(ds, n));
    const wanted = new Set(nodes.map((n) => n.metadata.name));
    const owned = index.owned(ds.metadata.uid ?? '').filter(isActivePod);
    const covered = new Set<string>();
    for (const p of owned) {
      if (wanted.has(p.spec?.nodeName) && !covered.has(p.spec.nodeName)) covered.add(p.spec.nodeName);
      else state.delete('v1', 'Pod', namespace, p.metadata.name ?? '');
    }
    const template = ds.spec?.template ?? {};
    for (const n of nodes) {
      const nodeName = n.metadata.name ?? '';
      if (covered.has(nodeName)) continue;
      const node = index.node(nodeName);
      const pod = podFromTemplate(template, {
        name: `${name}-${ctx.rnd.suffix()}`,
        namespace,
        uid: ctx.rnd.uuid(),
        owner: ownerRefTo(ds),
        nodeName,
      });
      const podIP = template.spec?.hostNetwork ? (node?.hostIP ?? '') : node ? index.allocateIP(node) : '';
      const now = ctx.now();
      pod.status = buildPodStatus(ctx.rnd, pod, 'running', { nodeName, hostIP: node?.hostIP ?? '', podIP }, now, now);
      state.create(pod);
    }
    const active = index.owned(ds.metadata.uid ?? '').filter(isActivePod);
    const ready = active.filter(isReadyPod).length;
    const status = {
      currentNumberScheduled: active.length,
      desiredNumberScheduled: nodes.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      ...(nodes.length - ready > 0 ? { numberUnavailable: nodes.length - ready } : {}),
      updatedNumberScheduled: active.length,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    if (!sameJson(status, ds.status)) state.updateStatus({ ...ds, status });
  }

  const enqueueAll = () => {
    for (const ds of state.list('apps/v1', 'DaemonSet')) queue.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
  };
  const unsubscribe = [
    state.subscribe('apps/v1', 'DaemonSet', (c) => {
      if (c.type === 'DELETED') return;
      if (c.type === 'MODIFIED' && c.previous && sameJson(c.previous.spec, c.object.spec)) return;
      queue.add(`${c.object.metadata.namespace}/${c.object.metadata.name}`);
    }),
    // Only membership and labels matter: status heartbeats and condition flips are ignored.
    state.subscribe('v1', 'Node', (c: ClusterChange) => {
      if (c.type === 'MODIFIED' && sameJson(c.previous?.metadata.labels, c.object.metadata.labels)) return;
      enqueueAll();
    }),
    state.subscribe('v1', 'Pod', (c: ClusterChange) => {
      if (c.type !== 'DELETED') return;
      const ref = c.object.metadata.ownerReferences?.find((r) => r.controller);
      if (ref?.kind === 'DaemonSet') queue.add(`${c.object.metadata.namespace}/${ref.name}`);
    }),
  ];
  return {
    stop() {
      for (const u of unsubscribe) u();
      queue.stop();
    },
    pending: () => queue.length,
  };
}
