/**
 * Pods stamped from a workload's pod template, and the `pod-template-hash` that names a
 * ReplicaSet after its template, shared by the seeder and the mini-controllers.
 */
import type { KubeObject, OwnerReference } from '../../shared/kube/object.ts';

const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: a pod spec is arbitrary JSON here
  spec?: Record<string, any>;
}

/** The default tolerations the DefaultTolerationSeconds admission plugin adds to every pod. */
const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/**
 * A 10-character hash of the template (FNV-1a over its JSON), in the alphabet Kubernetes uses,
 * so equal templates map to the same ReplicaSet name and a changed template to a new one.
 */
export function templateHash(template: PodTemplate, collisionCount = 0): string {
  const text = JSON.stringify(template) + (collisionCount > 0 ? `#${collisionCount}` : '');
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 10; i++) {
    const word = i < 5 ? h1 : h2;
    out += HASH_ALPHABET[(word >>> ((i % 5) * 6)) % HASH_ALPHABET.length];
  }
  return out;
}

export interface PodStamp {
  name: string;
  namespace: string;
  uid?: string;
  owner?: OwnerReference;
  /** Added to (and overriding) the template's labels. */
  labels?: Record<string, string>;
  creationTimestamp?: string;
  nodeName?: string;
}

/**
 * A new Pod from `template`. Containers are copied one level deep so per-pod changes never leak
 * into siblings; deeper parts (resources, ports) are shared, which is safe because nothing in the
 * simulator edits them in place.
 */
export function podFromTemplate(template: PodTemplate, stamp: PodStamp): KubeObject {
  const spec = template.spec ?? {};
  const podSpec: Record<string, unknown> = {
    ...spec,
    containers: (spec.containers ?? []).map((c: Record<string, unknown>) => ({ ...c })),
    tolerations: spec.tolerations ?? DEFAULT_TOLERATIONS,
    priority: spec.priority ?? 0,
    enableServiceLinks: spec.enableServiceLinks ?? true,
    preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority',
  };
  if (spec.initContainers) podSpec.initContainers = spec.initContainers.map((c: Record<string, unknown>) => ({ ...c }));
  if (stamp.nodeName) podSpec.nodeName = stamp.nodeName;
  const metadata: KubeObject['metadata'] = {
    name: stamp.name,
    namespace: stamp.namespace,
    labels: { ...template.metadata?.labels, ...stamp.labels },
  };
  if (stamp.uid) metadata.uid = stamp.uid;
  if (stamp.creationTimestamp) metadata.creationTimestamp = stamp.creationTimestamp;
  if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  if (stamp.owner) metadata.ownerReferences = [stamp.owner];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec };
}
