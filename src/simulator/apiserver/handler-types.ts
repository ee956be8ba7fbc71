/**
 * Extension points of the REST layer: handlers for subresources that other parts of the
 * simulator own (`serviceaccounts/token`, `pods/eviction`, ...) and for virtual, never-stored
 * types (TokenReview, SubjectAccessReview), and the Table builder contract.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ObjectStore } from './object-store.ts';
import type { RequestVerb, UserInfo } from './request-attributes.ts';
import type { ResourceType } from './resource-types.ts';

export interface HandlerResult {
  /** HTTP status, e.g. 200 or 201. */
  status: number;
  /** Serialized as JSON. */
  body: unknown;
}

export interface ResourceHandlerContext {
  req: IncomingMessage;
  query: URLSearchParams;
  user: UserInfo;
  verb: RequestVerb;
  type: ResourceType;
  /** '' for cluster-scoped types. */
  namespace: string;
  /** '' for collection requests. */
  name: string;
  subresource: string;
  /** The decoded JSON/YAML body for create/update/patch requests; undefined otherwise. */
  body: unknown;
  store: ObjectStore;
}

/** Throw ApiError to answer with a Status. */
export type ResourceHandler = (ctx: ResourceHandlerContext) => HandlerResult | Promise<HandlerResult>;

export interface TableOptions {
  includeObject: 'None' | 'Metadata' | 'Object';
  noHeaders?: boolean;
  /** ms since epoch, for the AGE column. */
  now: number;
}

/** Builds a `meta.k8s.io/v1 Table` (the discovery/Table engineer's `buildTable`). */
export type TableBuilder = (type: ResourceType, objects: KubeObject[], options: TableOptions) => object;
