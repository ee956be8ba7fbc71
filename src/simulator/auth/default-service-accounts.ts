/**
 * The ServiceAccount controller's visible effect: every active namespace has a `default`
 * ServiceAccount (recreated when deleted), so `kubectl create token default -n <ns>` works in
 * namespaces made with kubectl. Creation is deferred to a microtask so objects created in the
 * same synchronous batch (the seeded cluster brings its own `default` accounts) win.
 */
import type { ClusterState } from '../apiserver/cluster-state.ts';

export function startDefaultServiceAccounts(state: ClusterState, onError?: (err: unknown) => void): () => void {
  const pending = new Set<string>();
  const ensure = (ns: string | undefined): void => {
    if (!ns || pending.has(ns)) return;
    pending.add(ns);
    queueMicrotask(() => {
      pending.delete(ns);
      const namespace = state.get('v1', 'Namespace', undefined, ns);
      if (!namespace || namespace.metadata.deletionTimestamp) return;
      if (state.get('v1', 'ServiceAccount', ns, 'default')) return;
      try {
        state.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
      } catch (err) {
        if ((err as { code?: unknown }).code !== 409) onError?.(err);
      }
    });
  };
  const stops = [
    state.subscribe('v1', 'Namespace', (c) => {
      if (c.type !== 'DELETED') ensure(c.object.metadata.name);
    }),
    state.subscribe('v1', 'ServiceAccount', (c) => {
      if (c.type === 'DELETED' && c.object.metadata.name === 'default') ensure(c.object.metadata.namespace);
    }),
  ];
  for (const ns of state.list('v1', 'Namespace')) ensure(ns.metadata.name);
  return () => {
    for (const stop of stops) stop();
  };
}
