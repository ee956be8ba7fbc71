/**
 * Who is asking and what for: the authentication result and the authorization attributes
 * kube-apiserver derives from every request, shared with the RBAC authorizer.
 */

export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

export type RequestVerb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  /** Non-resource requests use the lower-case HTTP method. */
  | 'post'
  | 'put'
  | 'head'
  | 'options';

export interface ResourceAttributes {
  resourceRequest: true;
  verb: RequestVerb;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  /** '' for cluster-scoped requests and for lists across all namespaces. */
  namespace: string;
  name: string;
}

export interface NonResourceAttributes {
  resourceRequest: false;
  verb: RequestVerb;
  path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

export interface AuthorizationDecision {
  allowed: boolean;
  reason?: string;
}

/** The 403 message kube-apiserver writes for a denied request. */
export function forbiddenMessage(user: UserInfo, a: RequestAttributes, reason?: string): string {
  const suffix = reason ? `: ${reason}` : '';
  if (!a.resourceRequest) {
    return `forbidden: User "${user.name}" cannot ${a.verb} path "${a.path}"${suffix}`;
  }
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const where = a.namespace
    ? ` in the namespace "${a.namespace}"`
    : a.resource === 'namespaces'
      ? ''
      : ' at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup}"${where}${suffix}`;
}
