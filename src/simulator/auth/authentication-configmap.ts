/**
 * `kube-system/extension-apiserver-authentication`: the ConfigMap through which aggregated servers
 * (metrics-server) learn the client CA and the front-proxy request-header settings. Written at
 * start with the keys a kubeadm kube-apiserver writes; like kube-apiserver's trust controller it
 * restores the data when the object is deleted and about every minute when edited. No
 * `requestheader-uid-headers`: kubeadm sets no `--requestheader-uid-headers`, so 1.33 omits it.
 */
import type { ClusterState } from '../apiserver/cluster-state.ts';

export const AUTHENTICATION_CONFIGMAP = 'extension-apiserver-authentication';
const NAMESPACE = 'kube-system';
const RESYNC_MS = 60_000;

export interface AuthenticationConfig {
  /** PEM of `--client-ca-file`. */
  clientCaPem: string;
  /** PEM of `--requestheader-client-ca-file` (the front-proxy CA). */
  requestHeaderCaPem: string;
  allowedNames?: string[];
}

/** The `data` kube-apiserver computes; list values are compact JSON arrays. */
export function authenticationData(c: AuthenticationConfig): Record<string, string> {
  return {
    'client-ca-file': c.clientCaPem,
    'requestheader-allowed-names': JSON.stringify(c.allowedNames ?? ['front-proxy-client']),
    'requestheader-client-ca-file': c.requestHeaderCaPem,
    'requestheader-extra-headers-prefix': JSON.stringify(['X-Remote-Extra-']),
    'requestheader-group-headers': JSON.stringify(['X-Remote-Group']),
    'requestheader-username-headers': JSON.stringify(['X-Remote-User']),
  };
}

/** Writes the ConfigMap now and keeps it current; returns the stop function. */
export function startAuthenticationConfigMap(
  state: ClusterState,
  config: AuthenticationConfig,
  onError?: (err: unknown) => void,
): () => void {
  const data = authenticationData(config);
  const sync = (): void => {
    try {
      const current = state.get('v1', 'ConfigMap', NAMESPACE, AUTHENTICATION_CONFIGMAP);
      if (!current) {
        state.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: AUTHENTICATION_CONFIGMAP, namespace: NAMESPACE },
          data,
        });
      } else if (JSON.stringify(current.data) !== JSON.stringify(data)) {
        state.update({ ...current, data });
      }
    } catch (err) {
      onError?.(err);
    }
  };
  sync();
  const unsubscribe = state.subscribe('v1', 'ConfigMap', (c) => {
    const m = c.object.metadata;
    if (c.type === 'DELETED' && m.namespace === NAMESPACE && m.name === AUTHENTICATION_CONFIGMAP) {
      // Not from inside the delete's own notification: the store is still committing it.
      queueMicrotask(sync);
    }
  });
  const timer = setInterval(sync, RESYNC_MS);
  timer.unref();
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
