/**
 * The bootstrap RBAC objects a kubeadm cluster has that our manifests, tests and clients rely on:
 * `cluster-admin`, the aggregating `admin`/`edit`/`view` roles and the `system:aggregate-to-*`
 * roles they collect, discovery and public-info access, `system:basic-user` (so everyone may ask
 * `kubectl auth can-i`), `system:auth-delegator`, `system:kubelet-api-admin`, and the
 * `extension-apiserver-authentication-reader` Role. Rule contents follow the 1.31-era bootstrap
 * policy; only roles something here refers to are included.
 */
import type { KubeObject } from '../../shared/kube/object.ts';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAP = {
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
};
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const AGGREGATE = (to: string) => `rbac.authorization.k8s.io/aggregate-to-${to}`;

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

function clusterRole(name: string, rules: Rule[], labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRole',
    metadata: { name, labels: { ...BOOTSTRAP.labels, ...labels }, annotations: BOOTSTRAP.annotations },
    rules,
  };
}

function aggregating(name: string, to: string, labels: Record<string, string> = {}): KubeObject {
  return {
    ...clusterRole(name, [], labels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE(to)]: 'true' } }] },
  };
}

function clusterRoleBinding(name: string, role: string, groups: string[]): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: BOOTSTRAP.labels, annotations: BOOTSTRAP.annotations },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  };
}

const core = (resources: string[], verbs: string[]): Rule => ({ apiGroups: [''], resources, verbs });
const group = (g: string[], resources: string[], verbs: string[]): Rule => ({ apiGroups: g, resources, verbs });
const paths = (nonResourceURLs: string[]): Rule => ({ nonResourceURLs, verbs: ['get'] });

const PUBLIC_INFO = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

function aggregateToView(): Rule[] {
  return [
    core(
      [
        'configmaps',
        'endpoints',
        'persistentvolumeclaims',
        'persistentvolumeclaims/status',
        'pods',
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'serviceaccounts',
        'services',
        'services/status',
      ],
      READ,
    ),
    core(
      [
        'bindings',
        'events',
        'limitranges',
        'namespaces/status',
        'pods/log',
        'pods/status',
        'replicationcontrollers/status',
        'resourcequotas',
        'resourcequotas/status',
      ],
      READ,
    ),
    core(['namespaces'], READ),
    group(['discovery.k8s.io'], ['endpointslices'], READ),
    group(
      ['apps'],
      [
        'controllerrevisions',
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/scale',
        'deployments/status',
        'replicasets',
        'replicasets/scale',
        'replicasets/status',
        'statefulsets',
        'statefulsets/scale',
        'statefulsets/status',
      ],
      READ,
    ),
    group(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
    group(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
    group(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
    group(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
  ];
}

function aggregateToEdit(): Rule[] {
  return [
    core(['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
    core(['serviceaccounts'], ['impersonate']),
    core(['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
    core(['pods/eviction'], ['create']),
    core(
      [
        'configmaps',
        'events',
        'persistentvolumeclaims',
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'secrets',
        'serviceaccounts',
        'services',
        'services/proxy',
      ],
      WRITE,
    ),
    core(['serviceaccounts/token'], ['create']),
    group(
      ['apps'],
      [
        'daemonsets',
        'deployments',
        'deployments/rollback',
        'deployments/scale',
        'replicasets',
        'replicasets/scale',
        'statefulsets',
        'statefulsets/scale',
      ],
      WRITE,
    ),
    group(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
    group(['batch'], ['cronjobs', 'jobs'], WRITE),
    group(['policy'], ['poddisruptionbudgets'], WRITE),
    group(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
    group(['coordination.k8s.io'], ['leases'], [...WRITE, ...READ].sort()),
  ];
}

/** Every default ClusterRole, ClusterRoleBinding and Role, in creation order. */
export function defaultRbacObjects(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    aggregating('admin', 'admin'),
    aggregating('edit', 'edit', { [AGGREGATE('admin')]: 'true' }),
    aggregating('view', 'view', { [AGGREGATE('edit')]: 'true' }),
    clusterRole(
      'system:aggregate-to-admin',
      [
        group(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
        group(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], [...WRITE, ...READ].sort()),
      ],
      { [AGGREGATE('admin')]: 'true' },
    ),
    clusterRole('system:aggregate-to-edit', aggregateToEdit(), { [AGGREGATE('edit')]: 'true' }),
    clusterRole('system:aggregate-to-view', aggregateToView(), { [AGGREGATE('view')]: 'true' }),
    clusterRole('system:auth-delegator', [
      group(['authentication.k8s.io'], ['tokenreviews'], ['create']),
      group(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    ]),
    clusterRole('system:basic-user', [
      group(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
      group(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
    ]),
    clusterRole('system:discovery', [
      paths(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz']),
      paths(['/version', '/version/']),
    ]),
    clusterRole('system:public-info-viewer', [paths(PUBLIC_INFO)]),
    clusterRole('system:monitoring', [
      paths(['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*']),
    ]),
    clusterRole('system:kubelet-api-admin', [
      core(['nodes'], READ),
      core(['nodes'], ['proxy']),
      core(['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'], ['*']),
      // KubeletFineGrainedAuthz (beta in 1.33) subresources.
      core(['nodes/configz', 'nodes/healthz', 'nodes/pods'], ['*']),
    ]),
    clusterRoleBinding('cluster-admin', 'cluster-admin', ['system:masters']),
    clusterRoleBinding('system:basic-user', 'system:basic-user', ['system:authenticated']),
    clusterRoleBinding('system:discovery', 'system:discovery', ['system:authenticated']),
    clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', [
      'system:authenticated',
      'system:unauthenticated',
    ]),
    clusterRoleBinding('system:monitoring', 'system:monitoring', ['system:monitoring']),
    {
      apiVersion: RBAC_V1,
      kind: 'Role',
      metadata: {
        name: 'extension-apiserver-authentication-reader',
        namespace: 'kube-system',
        labels: BOOTSTRAP.labels,
        annotations: BOOTSTRAP.annotations,
      },
      rules: [core(['configmaps'], READ)].map((r) => ({ ...r, resourceNames: ['extension-apiserver-authentication'] })),
    },
  ];
}
