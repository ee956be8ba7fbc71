/**
 * Running pods' metadata for PodMetrics (name, namespace, labels): a reflector over
 * `/api/v1/pods?fieldSelector=status.phase=Running` that asks for PartialObjectMetadata on LIST
 * and keeps only metadata from every object, so the cache stays small on big clusters.
 */
import { type KubeApiClient, withQuery } from '../../shared/kube/api-client.ts';
import type { KubeList, KubeObject } from '../../shared/kube/object.ts';
import { type ListerWatcher, Reflector, type ReflectorStore } from '../../shared/kube/reflector.ts';
import type { ReplaceSession } from '../../shared/kube/reflector-cache.ts';
import { type LabelSelector, matchLabels } from '../../shared/kube/selectors.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { PodLister } from '../api/api-types.ts';

const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json;as=PartialObjectMetadataList;v=v1beta1;g=meta.k8s.io,application/json';

function metadataOnly(obj: KubeObject): KubeObject {
  const m = obj.metadata ?? {};
  const metadata: KubeObject['metadata'] = { name: m.name ?? '', namespace: m.namespace ?? '' };
  if (m.labels) metadata.labels = m.labels;
  if (m.resourceVersion) metadata.resourceVersion = m.resourceVersion;
  return { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata };
}

type PodsByNamespace = Map<string, Map<string, KubeObject>>;

function addTo(byNamespace: PodsByNamespace, obj: KubeObject): void {
  const slim = metadataOnly(obj);
  const ns = slim.metadata.namespace ?? '';
  let names = byNamespace.get(ns);
  if (!names) {
    names = new Map();
    byNamespace.set(ns, names);
  }
  names.set(slim.metadata.name ?? '', slim);
}

/** Pods by namespace then name. */
export class PodMetadataStore implements ReflectorStore, PodLister {
  #byNamespace: PodsByNamespace = new Map();

  replace(objects: KubeObject[]): void {
    const next: PodsByNamespace = new Map();
    for (const o of objects) addTo(next, o);
    this.#byNamespace = next;
  }

  /**
   * A relist taken page by page, so the raw pages never pile up (150,000 pods); the old set is
   * served until the list is complete.
   */
  beginReplace(): ReplaceSession {
    let next: PodsByNamespace = new Map();
    return {
      add: (o) => addTo(next, o),
      restart: () => {
        next = new Map();
      },
      commit: () => {
        this.#byNamespace = next;
      },
    };
  }

  add(obj: KubeObject): void {
    addTo(this.#byNamespace, obj);
  }

  update(obj: KubeObject): void {
    this.add(obj);
  }

  delete(obj: KubeObject): void {
    const ns = obj.metadata?.namespace ?? '';
    const names = this.#byNamespace.get(ns);
    if (!names) return;
    names.delete(obj.metadata?.name ?? '');
    if (names.size === 0) this.#byNamespace.delete(ns);
  }

  list(selector: LabelSelector, namespace: string | undefined): readonly KubeObject[] {
    const out: KubeObject[] = [];
    const scopes = namespace === undefined ? [...this.#byNamespace.values()] : [this.#byNamespace.get(namespace)];
    for (const names of scopes) {
      if (!names) continue;
      for (const pod of names.values()) if (matchLabels(selector, pod.metadata.labels)) out.push(pod);
    }
    return out;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.#byNamespace.get(namespace)?.get(name);
  }

  get size(): number {
    let n = 0;
    for (const names of this.#byNamespace.values()) n += names.size;
    return n;
  }
}

/** LIST as metadata (a server that ignores the Accept parameters sends full pods, stripped on arrival). */
function metadataListerWatcher(client: KubeApiClient): ListerWatcher {
  return {
    async list(path, options) {
      const query: Record<string, string | undefined> = {
        labelSelector: options.labelSelector || undefined,
        fieldSelector: options.fieldSelector || undefined,
        limit: options.limit ? String(options.limit) : undefined,
        continue: options.continue || undefined,
        resourceVersion: options.resourceVersion,
      };
      const list = await client.getJSON<KubeList>(withQuery(path, query), {
        accept: METADATA_LIST_ACCEPT,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!list || typeof list !== 'object' || !Array.isArray(list.items)) {
        throw new Error(`GET ${client.server}${path}: response is not a list`);
      }
      list.metadata ??= {};
      return list;
    },
    openWatch: (path, options) => client.openWatch(path, options),
  };
}

export interface PodInformer {
  reflector: Reflector;
  lister: PodMetadataStore;
}

export function createPodInformer(options: { client: KubeApiClient; logger?: Logger }): PodInformer {
  const store = new PodMetadataStore();
  const reflector = new Reflector({
    client: metadataListerWatcher(options.client),
    path: '/api/v1/pods',
    store,
    resource: '*v1.PartialObjectMetadata',
    fieldSelector: 'status.phase=Running',
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { reflector, lister: store };
}
