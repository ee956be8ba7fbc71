/**
 * The built-in resource types the simulated API server serves, with the group/version, scope,
 * kind, short names and categories a real kube-apiserver v1.33 advertises in discovery.
 * Custom resources (from CRDs) are added to a ResourceRegistry at run time with the same shape.
 */

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  /** Plural lowercase name used in URLs (`pods`). */
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  /** Discovery categories (`all` makes `kubectl get all` include the type). */
  categories: string[];
  verbs: Verb[];
  /** Subresources served, e.g. `status`, `scale`, `token`. */
  subresources: string[];
  /**
   * Types that are not stored: requests are answered by a handler (TokenReview, SubjectAccessReview).
   * Only `create` is meaningful for them.
   */
  virtual?: boolean;
  /** Custom resources: the CRD version's `schema.openAPIV3Schema`, published in OpenAPI v3. */
  openAPIV3Schema?: unknown;
  /** Custom resources: the CRD version's `additionalPrinterColumns`, used for Table output. */
  additionalPrinterColumns?: unknown[];
}

const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Def {
  g: string;
  v: string;
  r: string;
  k: string;
  ns: boolean;
  short?: string[];
  cat?: string[];
  sub?: string[];
  verbs?: Verb[];
  singular?: string;
  virtual?: boolean;
}

function define(d: Def): ResourceType {
  return {
    group: d.g,
    version: d.v,
    resource: d.r,
    singular: d.singular ?? d.k.toLowerCase(),
    kind: d.k,
    listKind: `${d.k}List`,
    namespaced: d.ns,
    shortNames: d.short ?? [],
    categories: d.cat ?? [],
    verbs: d.verbs ?? ALL_VERBS,
    subresources: d.sub ?? [],
    ...(d.virtual ? { virtual: true } : {}),
  };
}

const CREATE_ONLY: Verb[] = ['create'];
const ADMISSION = 'admissionregistration.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

/** Every built-in type, in the order discovery lists groups (core first, then as kube-apiserver orders them). */
export const BUILTIN_RESOURCE_TYPES: readonly ResourceType[] = [
  // core/v1
  define({ g: '', v: 'v1', r: 'bindings', k: 'Binding', ns: true, verbs: CREATE_ONLY }),
  define({
    g: '',
    v: 'v1',
    r: 'componentstatuses',
    k: 'ComponentStatus',
    ns: false,
    short: ['cs'],
    verbs: ['get', 'list'],
  }),
  define({ g: '', v: 'v1', r: 'configmaps', k: 'ConfigMap', ns: true, short: ['cm'] }),
  define({ g: '', v: 'v1', r: 'endpoints', k: 'Endpoints', ns: true, short: ['ep'], singular: 'endpoints' }),
  define({ g: '', v: 'v1', r: 'events', k: 'Event', ns: true, short: ['ev'] }),
  define({ g: '', v: 'v1', r: 'limitranges', k: 'LimitRange', ns: true, short: ['limits'] }),
  define({ g: '', v: 'v1', r: 'namespaces', k: 'Namespace', ns: false, short: ['ns'], sub: ['status', 'finalize'] }),
  define({ g: '', v: 'v1', r: 'nodes', k: 'Node', ns: false, short: ['no'], sub: ['status', 'proxy'] }),
  define({
    g: '',
    v: 'v1',
    r: 'persistentvolumeclaims',
    k: 'PersistentVolumeClaim',
    ns: true,
    short: ['pvc'],
    sub: ['status'],
  }),
  define({ g: '', v: 'v1', r: 'persistentvolumes', k: 'PersistentVolume', ns: false, short: ['pv'], sub: ['status'] }),
  define({
    g: '',
    v: 'v1',
    r: 'pods',
    k: 'Pod',
    ns: true,
    short: ['po'],
    cat: ['all'],
    sub: ['status', 'log', 'binding', 'eviction', 'ephemeralcontainers', 'resize'],
  }),
  define({ g: '', v: 'v1', r: 'podtemplates', k: 'PodTemplate', ns: true }),
  define({
    g: '',
    v: 'v1',
    r: 'replicationcontrollers',
    k: 'ReplicationController',
    ns: true,
    short: ['rc'],
    cat: ['all'],
    sub: ['status', 'scale'],
  }),
  define({ g: '', v: 'v1', r: 'resourcequotas', k: 'ResourceQuota', ns: true, short: ['quota'], sub: ['status'] }),
  define({ g: '', v: 'v1', r: 'secrets', k: 'Secret', ns: true }),
  define({ g: '', v: 'v1', r: 'serviceaccounts', k: 'ServiceAccount', ns: true, short: ['sa'], sub: ['token'] }),
  define({
    g: '',
    v: 'v1',
    r: 'services',
    k: 'Service',
    ns: true,
    short: ['svc'],
    cat: ['all'],
    sub: ['status', 'proxy'],
  }),
  // apiregistration.k8s.io/v1
  define({
    g: 'apiregistration.k8s.io',
    v: 'v1',
    r: 'apiservices',
    k: 'APIService',
    ns: false,
    cat: ['api-extensions'],
    sub: ['status'],
  }),
  // apps/v1
  define({ g: 'apps', v: 'v1', r: 'controllerrevisions', k: 'ControllerRevision', ns: true }),
  define({
    g: 'apps',
    v: 'v1',
    r: 'daemonsets',
    k: 'DaemonSet',
    ns: true,
    short: ['ds'],
    cat: ['all'],
    sub: ['status'],
  }),
  define({
    g: 'apps',
    v: 'v1',
    r: 'deployments',
    k: 'Deployment',
    ns: true,
    short: ['deploy'],
    cat: ['all'],
    sub: ['status', 'scale'],
  }),
  define({
    g: 'apps',
    v: 'v1',
    r: 'replicasets',
    k: 'ReplicaSet',
    ns: true,
    short: ['rs'],
    cat: ['all'],
    sub: ['status', 'scale'],
  }),
  define({
    g: 'apps',
    v: 'v1',
    r: 'statefulsets',
    k: 'StatefulSet',
    ns: true,
    short: ['sts'],
    cat: ['all'],
    sub: ['status', 'scale'],
  }),
  // authentication.k8s.io/v1 and authorization.k8s.io/v1 (answered, never stored)
  define({
    g: 'authentication.k8s.io',
    v: 'v1',
    r: 'selfsubjectreviews',
    k: 'SelfSubjectReview',
    ns: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  define({
    g: 'authentication.k8s.io',
    v: 'v1',
    r: 'tokenreviews',
    k: 'TokenReview',
    ns: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  define({
    g: 'authorization.k8s.io',
    v: 'v1',
    r: 'localsubjectaccessreviews',
    k: 'LocalSubjectAccessReview',
    ns: true,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  define({
    g: 'authorization.k8s.io',
    v: 'v1',
    r: 'selfsubjectaccessreviews',
    k: 'SelfSubjectAccessReview',
    ns: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  define({
    g: 'authorization.k8s.io',
    v: 'v1',
    r: 'selfsubjectrulesreviews',
    k: 'SelfSubjectRulesReview',
    ns: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  define({
    g: 'authorization.k8s.io',
    v: 'v1',
    r: 'subjectaccessreviews',
    k: 'SubjectAccessReview',
    ns: false,
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  // autoscaling/v2
  define({
    g: 'autoscaling',
    v: 'v2',
    r: 'horizontalpodautoscalers',
    k: 'HorizontalPodAutoscaler',
    ns: true,
    short: ['hpa'],
    cat: ['all'],
    sub: ['status'],
  }),
  // batch/v1
  define({ g: 'batch', v: 'v1', r: 'cronjobs', k: 'CronJob', ns: true, short: ['cj'], cat: ['all'], sub: ['status'] }),
  define({ g: 'batch', v: 'v1', r: 'jobs', k: 'Job', ns: true, cat: ['all'], sub: ['status'] }),
  // certificates.k8s.io/v1
  define({
    g: 'certificates.k8s.io',
    v: 'v1',
    r: 'certificatesigningrequests',
    k: 'CertificateSigningRequest',
    ns: false,
    short: ['csr'],
    sub: ['status', 'approval'],
  }),
  // networking.k8s.io/v1
  define({ g: 'networking.k8s.io', v: 'v1', r: 'ingressclasses', k: 'IngressClass', ns: false }),
  define({ g: 'networking.k8s.io', v: 'v1', r: 'ingresses', k: 'Ingress', ns: true, short: ['ing'], sub: ['status'] }),
  define({ g: 'networking.k8s.io', v: 'v1', r: 'networkpolicies', k: 'NetworkPolicy', ns: true, short: ['netpol'] }),
  // policy/v1
  define({
    g: 'policy',
    v: 'v1',
    r: 'poddisruptionbudgets',
    k: 'PodDisruptionBudget',
    ns: true,
    short: ['pdb'],
    sub: ['status'],
  }),
  // rbac.authorization.k8s.io/v1
  define({ g: RBAC, v: 'v1', r: 'clusterrolebindings', k: 'ClusterRoleBinding', ns: false }),
  define({ g: RBAC, v: 'v1', r: 'clusterroles', k: 'ClusterRole', ns: false }),
  define({ g: RBAC, v: 'v1', r: 'rolebindings', k: 'RoleBinding', ns: true }),
  define({ g: RBAC, v: 'v1', r: 'roles', k: 'Role', ns: true }),
  // storage.k8s.io/v1
  define({ g: 'storage.k8s.io', v: 'v1', r: 'csidrivers', k: 'CSIDriver', ns: false }),
  define({ g: 'storage.k8s.io', v: 'v1', r: 'csinodes', k: 'CSINode', ns: false }),
  define({ g: 'storage.k8s.io', v: 'v1', r: 'storageclasses', k: 'StorageClass', ns: false, short: ['sc'] }),
  define({ g: 'storage.k8s.io', v: 'v1', r: 'volumeattachments', k: 'VolumeAttachment', ns: false, sub: ['status'] }),
  // admissionregistration.k8s.io/v1
  define({
    g: ADMISSION,
    v: 'v1',
    r: 'mutatingadmissionpolicies',
    k: 'MutatingAdmissionPolicy',
    ns: false,
    cat: ['api-extensions'],
  }),
  define({
    g: ADMISSION,
    v: 'v1',
    r: 'mutatingadmissionpolicybindings',
    k: 'MutatingAdmissionPolicyBinding',
    ns: false,
    cat: ['api-extensions'],
  }),
  define({
    g: ADMISSION,
    v: 'v1',
    r: 'mutatingwebhookconfigurations',
    k: 'MutatingWebhookConfiguration',
    ns: false,
    cat: ['api-extensions'],
  }),
  define({
    g: ADMISSION,
    v: 'v1',
    r: 'validatingadmissionpolicies',
    k: 'ValidatingAdmissionPolicy',
    ns: false,
    cat: ['api-extensions'],
    sub: ['status'],
  }),
  define({
    g: ADMISSION,
    v: 'v1',
    r: 'validatingadmissionpolicybindings',
    k: 'ValidatingAdmissionPolicyBinding',
    ns: false,
    cat: ['api-extensions'],
  }),
  define({
    g: ADMISSION,
    v: 'v1',
    r: 'validatingwebhookconfigurations',
    k: 'ValidatingWebhookConfiguration',
    ns: false,
    cat: ['api-extensions'],
  }),
  // apiextensions.k8s.io/v1
  define({
    g: 'apiextensions.k8s.io',
    v: 'v1',
    r: 'customresourcedefinitions',
    k: 'CustomResourceDefinition',
    ns: false,
    short: ['crd', 'crds'],
    cat: ['api-extensions'],
    sub: ['status'],
  }),
  // scheduling.k8s.io/v1
  define({ g: 'scheduling.k8s.io', v: 'v1', r: 'priorityclasses', k: 'PriorityClass', ns: false, short: ['pc'] }),
  // coordination.k8s.io/v1
  define({ g: 'coordination.k8s.io', v: 'v1', r: 'leases', k: 'Lease', ns: true }),
  // discovery.k8s.io/v1
  define({ g: 'discovery.k8s.io', v: 'v1', r: 'endpointslices', k: 'EndpointSlice', ns: true }),
];

/** `group/version` as it appears in `apiVersion` (`v1` for the core group). */
export function groupVersion(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}

/** URL prefix of a type's group-version: `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
}
