/**
 * In-process access to the simulator's objects, for the parts of the simulator that live beside
 * the API server (seeding, churn, kubelets, the aggregation layer). It goes through the same
 * store as HTTP requests, so every change bumps the global resourceVersion and reaches watchers.
 * Objects are addressed by `apiVersion` + `kind`, as in manifests.
 */
import type { KubeObject } from '../../shared/kube/object.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ClusterChange {
  type: ChangeType;
  object: KubeObject;
  /** The object before a MODIFIED change. */
  previous?: KubeObject;
}

export interface ClusterState {
  /** Creates the object (defaults filled like an API server create). Throws ApiError on conflict or invalid input. */
  create(obj: KubeObject): KubeObject;
  /** Replaces the object; `metadata.resourceVersion`, when set, is a precondition. Throws ApiError. */
  update(obj: KubeObject): KubeObject;
  /** Replaces only `status` (the `status` subresource). Throws ApiError. */
  updateStatus(obj: KubeObject): KubeObject;
  /** Deletes at once (no graceful termination). Returns the deleted object, or undefined if absent. */
  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Every object of the kind, in the namespace when given. Returned objects must not be mutated. */
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  /**
   * Calls `listener` synchronously after every committed change of that kind; returns an unsubscribe
   * function. Listeners must not throw; they may call back into the state.
   */
  subscribe(apiVersion: string, kind: string, listener: (change: ClusterChange) => void): () => void;
  /** The current global resourceVersion. */
  resourceVersion(): string;
}
