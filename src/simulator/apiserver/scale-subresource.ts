/**
 * The `scale` subresource: an `autoscaling/v1 Scale` view of a workload's replicas, read and
 * written by `kubectl scale` and HPAs.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { badRequest } from './errors.ts';

function selectorString(obj: KubeObject): string {
  const sel = obj.spec?.selector;
  if (!sel || typeof sel !== 'object') return '';
  // ReplicationControllers use a plain map selector; the rest use metav1.LabelSelector.
  const labels: Record<string, string> =
    'matchLabels' in sel || 'matchExpressions' in sel ? (sel.matchLabels ?? {}) : (sel as Record<string, string>);
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  for (const e of (sel.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** The Scale object for a stored workload. */
export function toScale(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      ...(m.namespace ? { namespace: m.namespace } : {}),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : 1 },
    status: {
      replicas: typeof obj.status?.replicas === 'number' ? obj.status.replicas : 0,
      selector: selectorString(obj),
    },
  };
}

/** The workload with `spec.replicas` taken from a Scale the client sent (PUT or patched). */
export function applyScale(obj: KubeObject, scale: unknown): KubeObject {
  const s = scale as KubeObject | undefined;
  const replicas = s?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(
      `Scale.autoscaling "${obj.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
    );
  }
  const rv = s?.metadata?.resourceVersion;
  return {
    ...obj,
    metadata: { ...obj.metadata, ...(typeof rv === 'string' && rv ? { resourceVersion: rv } : {}) },
    spec: { ...obj.spec, replicas },
  };
}
