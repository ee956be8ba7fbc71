/**
 * Every resource type the API server serves: the built-ins plus the served versions of
 * established CustomResourceDefinitions. Lookups are O(1); listeners hear every change so
 * discovery and routing follow CRDs without a restart.
 */
import { BUILTIN_RESOURCE_TYPES, groupVersion, type ResourceType } from './resource-types.ts';

export type RegistryListener = (change: { type: 'added' | 'removed'; resource: ResourceType }) => void;

function gvrKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** The storage identity of a type: versions of one group/resource share their objects. */
export function storageKey(t: Pick<ResourceType, 'group' | 'resource'>): string {
  return `${t.group}/${t.resource}`;
}

export class ResourceRegistry {
  readonly #byGvr = new Map<string, ResourceType>();
  readonly #byGvk = new Map<string, ResourceType>();
  readonly #listeners = new Set<RegistryListener>();

  constructor(builtins: readonly ResourceType[] = BUILTIN_RESOURCE_TYPES) {
    for (const t of builtins) this.#index(t);
  }

  /** Every served type, built-ins first, in registration order. */
  all(): ResourceType[] {
    return [...this.#byGvr.values()];
  }

  get(group: string, version: string, resource: string): ResourceType | undefined {
    return this.#byGvr.get(gvrKey(group, version, resource));
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.#byGvk.get(gvkKey(apiVersion, kind));
  }

  /** Adds or replaces the type at its group/version/resource. */
  add(type: ResourceType): void {
    const old = this.#byGvr.get(gvrKey(type.group, type.version, type.resource));
    if (old) this.#unindex(old);
    this.#index(type);
    this.#emit({ type: 'added', resource: type });
  }

  remove(type: Pick<ResourceType, 'group' | 'version' | 'resource'>): void {
    const old = this.#byGvr.get(gvrKey(type.group, type.version, type.resource));
    if (!old) return;
    this.#unindex(old);
    this.#emit({ type: 'removed', resource: old });
  }

  onChange(listener: RegistryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #index(t: ResourceType): void {
    this.#byGvr.set(gvrKey(t.group, t.version, t.resource), t);
    this.#byGvk.set(gvkKey(groupVersion(t), t.kind), t);
  }

  #unindex(t: ResourceType): void {
    this.#byGvr.delete(gvrKey(t.group, t.version, t.resource));
    const k = gvkKey(groupVersion(t), t.kind);
    if (this.#byGvk.get(k) === t) this.#byGvk.delete(k);
  }

  #emit(change: Parameters<RegistryListener>[0]): void {
    for (const l of this.#listeners) {
      try {
        l(change);
      } catch {
        // A faulty listener must not break the registry for the others.
      }
    }
  }
}
