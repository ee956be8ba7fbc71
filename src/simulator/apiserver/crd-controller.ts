/**
 * Serves CustomResourceDefinitions: when one is created or updated its served versions become
 * resource types in the registry at once, and its status gets the `NamesAccepted` and
 * `Established` conditions and `acceptedNames` a real apiextensions-apiserver sets. When it is
 * deleted, its types and every stored custom object go away.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ObjectStore } from './object-store.ts';
import type { ResourceRegistry } from './resource-registry.ts';
import type { ResourceType, Verb } from './resource-types.ts';

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
const ALL_VERBS: Verb[] = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

interface CrdNames {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

interface CrdVersion {
  name?: string;
  served?: boolean;
  subresources?: { status?: unknown; scale?: unknown };
  schema?: { openAPIV3Schema?: unknown };
  additionalPrinterColumns?: unknown;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The resource types a CRD object defines (one per served version); empty when it is malformed. */
export function crdResourceTypes(crd: KubeObject): ResourceType[] {
  const spec = crd.spec as { group?: unknown; scope?: unknown; names?: CrdNames; versions?: CrdVersion[] } | undefined;
  const group = spec?.group;
  const names = spec?.names;
  if (
    typeof group !== 'string' ||
    !group ||
    !names ||
    typeof names.plural !== 'string' ||
    typeof names.kind !== 'string'
  ) {
    return [];
  }
  const out: ResourceType[] = [];
  for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
    if (!v || typeof v.name !== 'string' || v.served === false) continue;
    const subresources: string[] = [];
    if (v.subresources?.status) subresources.push('status');
    if (v.subresources?.scale) subresources.push('scale');
    out.push({
      group,
      version: v.name,
      resource: names.plural,
      singular: typeof names.singular === 'string' && names.singular ? names.singular : names.kind.toLowerCase(),
      kind: names.kind,
      listKind: typeof names.listKind === 'string' && names.listKind ? names.listKind : `${names.kind}List`,
      namespaced: spec.scope !== 'Cluster',
      shortNames: strings(names.shortNames),
      categories: strings(names.categories),
      verbs: ALL_VERBS,
      subresources,
      ...(v.schema?.openAPIV3Schema ? { openAPIV3Schema: v.schema.openAPIV3Schema } : {}),
      ...(Array.isArray(v.additionalPrinterColumns) ? { additionalPrinterColumns: v.additionalPrinterColumns } : {}),
    });
  }
  return out;
}

function acceptedNames(crd: KubeObject): Record<string, unknown> {
  const n = (crd.spec?.names ?? {}) as CrdNames;
  return {
    plural: n.plural,
    singular: n.singular || n.kind?.toLowerCase(),
    kind: n.kind,
    listKind: n.listKind || `${n.kind}List`,
    ...(n.shortNames?.length ? { shortNames: n.shortNames } : {}),
    ...(n.categories?.length ? { categories: n.categories } : {}),
  };
}

function condition(type: string, reason: string, message: string, now: string): Record<string, string> {
  return { type, status: 'True', lastTransitionTime: now, reason, message };
}

/** Keeps the registry in step with the stored CRDs. Returns a function that stops it. */
export function startCrdController(store: ObjectStore, registry: ResourceRegistry): () => void {
  const served = new Map<string, ResourceType[]>();

  const sync = (crd: KubeObject): void => {
    const name = crd.metadata.name ?? '';
    const next = crdResourceTypes(crd);
    for (const old of served.get(name) ?? []) {
      if (!next.some((t) => t.version === old.version && t.resource === old.resource && t.group === old.group)) {
        registry.remove(old);
      }
    }
    for (const t of next) registry.add(t);
    served.set(name, next);
    const status = (crd.status ?? {}) as { conditions?: { type?: string; status?: string }[]; acceptedNames?: unknown };
    const established = status.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    const names = acceptedNames(crd);
    if (next.length === 0 || (established && JSON.stringify(status.acceptedNames) === JSON.stringify(names))) return;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    store.updateStatus({
      apiVersion: CRD_API_VERSION,
      kind: 'CustomResourceDefinition',
      metadata: { name },
      status: {
        ...status,
        conditions: [
          condition('NamesAccepted', 'NoConflicts', 'no conflicts found', now),
          condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted', now),
        ],
        acceptedNames: names,
        storedVersions: next.map((t) => t.version).slice(0, 1),
      },
    });
  };

  const drop = (crd: KubeObject): void => {
    const name = crd.metadata.name ?? '';
    const types = served.get(name) ?? [];
    served.delete(name);
    if (types[0]) store.dropAll(types[0]);
    for (const t of types) registry.remove(t);
  };

  for (const crd of store.list(CRD_API_VERSION, 'CustomResourceDefinition')) sync(crd);
  return store.subscribe(CRD_API_VERSION, 'CustomResourceDefinition', (change) => {
    if (change.type === 'DELETED') drop(change.object);
    else sync(change.object);
  });
}
