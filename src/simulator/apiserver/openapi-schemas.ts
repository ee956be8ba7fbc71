/**
 * A compact description of the built-in API types, from which the OpenAPI schemas are generated.
 * kubectl's client-side apply walks the schema along every map or list field present in both the
 * last-applied and the new manifest, and gives up (with a warning) on a field the schema does not
 * list; so every object- or list-valued field a manifest may carry is described, with the
 * `x-kubernetes-patch-merge-key`/`-strategy` of keyed lists. Scalars are listed for `kubectl
 * explain` where cheap. Types not described here get an opaque schema and no strategic-merge
 * content type on PATCH, which makes kubectl fall back to its compiled-in patch metadata.
 */

/**
 * `string`, `integer`, `boolean`, `number`, `time`, `quantity`, `int-or-string`, `map` (of
 * strings), `quantities` (map of quantities), `any` (opaque object), or the short name of a STRUCT.
 */
export type TypeExpr = string | Fields | ListExpr;
export interface Fields {
  [field: string]: TypeExpr;
}
export interface ListExpr {
  readonly __list: TypeExpr;
  readonly key?: string;
  readonly strategy?: string;
}

/** A list; with a merge key it merges by that key (`x-kubernetes-patch-strategy: merge`). */
export function listOf(item: TypeExpr, key?: string, strategy?: string): ListExpr {
  return { __list: item, ...(key ? { key } : {}), ...(strategy || key ? { strategy: strategy ?? 'merge' } : {}) };
}

const strs = listOf('string');
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';

/** Named structs: short name -> [schema package, fields]. Short names are unique. */
export const STRUCTS: Record<string, [string, Fields]> = {
  ObjectMeta: [
    META,
    {
      name: 'string',
      generateName: 'string',
      namespace: 'string',
      uid: 'string',
      resourceVersion: 'string',
      generation: 'integer',
      creationTimestamp: 'time',
      deletionTimestamp: 'time',
      deletionGracePeriodSeconds: 'integer',
      labels: 'map',
      annotations: 'map',
      ownerReferences: listOf('OwnerReference', 'uid'),
      finalizers: listOf('string', undefined, 'merge'),
      managedFields: listOf('ManagedFieldsEntry'),
      selfLink: 'string',
    },
  ],
  ListMeta: [
    META,
    { resourceVersion: 'string', continue: 'string', remainingItemCount: 'integer', selfLink: 'string' },
  ],
  OwnerReference: [
    META,
    {
      apiVersion: 'string',
      kind: 'string',
      name: 'string',
      uid: 'string',
      controller: 'boolean',
      blockOwnerDeletion: 'boolean',
    },
  ],
  ManagedFieldsEntry: [
    META,
    {
      manager: 'string',
      operation: 'string',
      apiVersion: 'string',
      time: 'time',
      fieldsType: 'string',
      fieldsV1: 'any',
      subresource: 'string',
    },
  ],
  LabelSelector: [
    META,
    { matchLabels: 'map', matchExpressions: listOf({ key: 'string', operator: 'string', values: strs }) },
  ],

  PodTemplateSpec: [CORE, { metadata: 'ObjectMeta', spec: 'PodSpec' }],
  PodSpec: [
    CORE,
    {
      volumes: listOf('Volume', 'name', 'merge,retainKeys'),
      initContainers: listOf('Container', 'name'),
      containers: listOf('Container', 'name'),
      ephemeralContainers: listOf('Container', 'name'),
      restartPolicy: 'string',
      terminationGracePeriodSeconds: 'integer',
      activeDeadlineSeconds: 'integer',
      dnsPolicy: 'string',
      nodeSelector: 'map',
      serviceAccountName: 'string',
      serviceAccount: 'string',
      automountServiceAccountToken: 'boolean',
      nodeName: 'string',
      hostNetwork: 'boolean',
      hostPID: 'boolean',
      hostIPC: 'boolean',
      shareProcessNamespace: 'boolean',
      securityContext: 'PodSecurityContext',
      imagePullSecrets: listOf('LocalObjectReference', 'name'),
      hostname: 'string',
      subdomain: 'string',
      affinity: 'Affinity',
      schedulerName: 'string',
      tolerations: listOf({
        key: 'string',
        operator: 'string',
        value: 'string',
        effect: 'string',
        tolerationSeconds: 'integer',
      }),
      hostAliases: listOf({ ip: 'string', hostnames: strs }, 'ip'),
      priorityClassName: 'string',
      priority: 'integer',
      dnsConfig: { nameservers: strs, searches: strs, options: listOf({ name: 'string', value: 'string' }) },
      readinessGates: listOf({ conditionType: 'string' }),
      runtimeClassName: 'string',
      enableServiceLinks: 'boolean',
      preemptionPolicy: 'string',
      overhead: 'quantities',
      topologySpreadConstraints: listOf(
        {
          maxSkew: 'integer',
          topologyKey: 'string',
          whenUnsatisfiable: 'string',
          labelSelector: 'LabelSelector',
          minDomains: 'integer',
          nodeAffinityPolicy: 'string',
          nodeTaintsPolicy: 'string',
          matchLabelKeys: strs,
        },
        'topologyKey',
      ),
      setHostnameAsFQDN: 'boolean',
      os: { name: 'string' },
      hostUsers: 'boolean',
      schedulingGates: listOf({ name: 'string' }, 'name'),
      resourceClaims: listOf(
        { name: 'string', resourceClaimName: 'string', resourceClaimTemplateName: 'string' },
        'name',
        'merge,retainKeys',
      ),
      resources: 'ResourceRequirements',
    },
  ],
  Container: [
    CORE,
    {
      name: 'string',
      image: 'string',
      command: strs,
      args: strs,
      workingDir: 'string',
      ports: listOf(
        { name: 'string', hostPort: 'integer', containerPort: 'integer', protocol: 'string', hostIP: 'string' },
        'containerPort',
      ),
      envFrom: listOf({ prefix: 'string', configMapRef: 'OptionalName', secretRef: 'OptionalName' }),
      env: listOf({ name: 'string', value: 'string', valueFrom: 'EnvVarSource' }, 'name'),
      resources: 'ResourceRequirements',
      resizePolicy: listOf({ resourceName: 'string', restartPolicy: 'string' }),
      restartPolicy: 'string',
      volumeMounts: listOf(
        {
          name: 'string',
          readOnly: 'boolean',
          recursiveReadOnly: 'string',
          mountPath: 'string',
          subPath: 'string',
          mountPropagation: 'string',
          subPathExpr: 'string',
        },
        'mountPath',
      ),
      volumeDevices: listOf({ name: 'string', devicePath: 'string' }, 'devicePath'),
      livenessProbe: 'Probe',
      readinessProbe: 'Probe',
      startupProbe: 'Probe',
      lifecycle: { postStart: 'LifecycleHandler', preStop: 'LifecycleHandler', stopSignal: 'string' },
      terminationMessagePath: 'string',
      terminationMessagePolicy: 'string',
      imagePullPolicy: 'string',
      securityContext: 'SecurityContext',
      stdin: 'boolean',
      stdinOnce: 'boolean',
      tty: 'boolean',
      targetContainerName: 'string',
    },
  ],
  OptionalName: [CORE, { name: 'string', optional: 'boolean' }],
  KeySelector: [CORE, { name: 'string', key: 'string', optional: 'boolean' }],
  ObjectFieldSelector: [CORE, { apiVersion: 'string', fieldPath: 'string' }],
  ResourceFieldSelector: [CORE, { containerName: 'string', resource: 'string', divisor: 'quantity' }],
  EnvVarSource: [
    CORE,
    {
      fieldRef: 'ObjectFieldSelector',
      resourceFieldRef: 'ResourceFieldSelector',
      configMapKeyRef: 'KeySelector',
      secretKeyRef: 'KeySelector',
    },
  ],
  ResourceRequirements: [
    CORE,
    { limits: 'quantities', requests: 'quantities', claims: listOf({ name: 'string', request: 'string' }, 'name') },
  ],
  LocalObjectReference: [CORE, { name: 'string' }],
  ObjectReference: [
    CORE,
    {
      kind: 'string',
      namespace: 'string',
      name: 'string',
      uid: 'string',
      apiVersion: 'string',
      resourceVersion: 'string',
      fieldPath: 'string',
    },
  ],
  TypedLocalObjectReference: [CORE, { apiGroup: 'string', kind: 'string', name: 'string' }],
  Probe: [
    CORE,
    {
      exec: { command: strs },
      httpGet: 'HTTPGetAction',
      tcpSocket: { port: 'int-or-string', host: 'string' },
      grpc: { port: 'integer', service: 'string' },
      initialDelaySeconds: 'integer',
      timeoutSeconds: 'integer',
      periodSeconds: 'integer',
      successThreshold: 'integer',
      failureThreshold: 'integer',
      terminationGracePeriodSeconds: 'integer',
    },
  ],
  HTTPGetAction: [
    CORE,
    {
      path: 'string',
      port: 'int-or-string',
      host: 'string',
      scheme: 'string',
      httpHeaders: listOf({ name: 'string', value: 'string' }),
    },
  ],
  LifecycleHandler: [
    CORE,
    {
      exec: { command: strs },
      httpGet: 'HTTPGetAction',
      tcpSocket: { port: 'int-or-string', host: 'string' },
      sleep: { seconds: 'integer' },
    },
  ],
  SELinuxOptions: [CORE, { user: 'string', role: 'string', type: 'string', level: 'string' }],
  WindowsOptions: [
    CORE,
    { gmsaCredentialSpecName: 'string', gmsaCredentialSpec: 'string', runAsUserName: 'string', hostProcess: 'boolean' },
  ],
  SeccompProfile: [CORE, { type: 'string', localhostProfile: 'string' }],
  SecurityContext: [
    CORE,
    {
      capabilities: { add: strs, drop: strs },
      privileged: 'boolean',
      seLinuxOptions: 'SELinuxOptions',
      windowsOptions: 'WindowsOptions',
      runAsUser: 'integer',
      runAsGroup: 'integer',
      runAsNonRoot: 'boolean',
      readOnlyRootFilesystem: 'boolean',
      allowPrivilegeEscalation: 'boolean',
      procMount: 'string',
      seccompProfile: 'SeccompProfile',
      appArmorProfile: 'SeccompProfile',
    },
  ],
  PodSecurityContext: [
    CORE,
    {
      seLinuxOptions: 'SELinuxOptions',
      windowsOptions: 'WindowsOptions',
      runAsUser: 'integer',
      runAsGroup: 'integer',
      runAsNonRoot: 'boolean',
      supplementalGroups: listOf('integer'),
      supplementalGroupsPolicy: 'string',
      fsGroup: 'integer',
      sysctls: listOf({ name: 'string', value: 'string' }),
      fsGroupChangePolicy: 'string',
      seccompProfile: 'SeccompProfile',
      appArmorProfile: 'SeccompProfile',
      seLinuxChangePolicy: 'string',
    },
  ],
  Affinity: [
    CORE,
    {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: 'NodeSelector',
        preferredDuringSchedulingIgnoredDuringExecution: listOf({ weight: 'integer', preference: 'NodeSelectorTerm' }),
      },
      podAffinity: 'PodAffinity',
      podAntiAffinity: 'PodAffinity',
    },
  ],
  NodeSelector: [CORE, { nodeSelectorTerms: listOf('NodeSelectorTerm') }],
  NodeSelectorTerm: [
    CORE,
    {
      matchExpressions: listOf({ key: 'string', operator: 'string', values: strs }),
      matchFields: listOf({ key: 'string', operator: 'string', values: strs }),
    },
  ],
  PodAffinity: [
    CORE,
    {
      requiredDuringSchedulingIgnoredDuringExecution: listOf('PodAffinityTerm'),
      preferredDuringSchedulingIgnoredDuringExecution: listOf({
        weight: 'integer',
        podAffinityTerm: 'PodAffinityTerm',
      }),
    },
  ],
  PodAffinityTerm: [
    CORE,
    {
      labelSelector: 'LabelSelector',
      namespaces: strs,
      topologyKey: 'string',
      namespaceSelector: 'LabelSelector',
      matchLabelKeys: strs,
      mismatchLabelKeys: strs,
    },
  ],
  KeyToPath: [CORE, { key: 'string', path: 'string', mode: 'integer' }],
  DownwardAPIVolumeFile: [
    CORE,
    { path: 'string', fieldRef: 'ObjectFieldSelector', resourceFieldRef: 'ResourceFieldSelector', mode: 'integer' },
  ],
  Volume: [
    CORE,
    {
      name: 'string',
      hostPath: { path: 'string', type: 'string' },
      emptyDir: { medium: 'string', sizeLimit: 'quantity' },
      secret: { secretName: 'string', items: listOf('KeyToPath'), defaultMode: 'integer', optional: 'boolean' },
      configMap: { name: 'string', items: listOf('KeyToPath'), defaultMode: 'integer', optional: 'boolean' },
      persistentVolumeClaim: { claimName: 'string', readOnly: 'boolean' },
      projected: {
        defaultMode: 'integer',
        sources: listOf({
          secret: { name: 'string', items: listOf('KeyToPath'), optional: 'boolean' },
          configMap: { name: 'string', items: listOf('KeyToPath'), optional: 'boolean' },
          downwardAPI: { items: listOf('DownwardAPIVolumeFile') },
          serviceAccountToken: { audience: 'string', expirationSeconds: 'integer', path: 'string' },
          clusterTrustBundle: {
            name: 'string',
            signerName: 'string',
            labelSelector: 'LabelSelector',
            optional: 'boolean',
            path: 'string',
          },
        }),
      },
      downwardAPI: { items: listOf('DownwardAPIVolumeFile'), defaultMode: 'integer' },
      csi: {
        driver: 'string',
        readOnly: 'boolean',
        fsType: 'string',
        volumeAttributes: 'map',
        nodePublishSecretRef: 'LocalObjectReference',
      },
      nfs: { server: 'string', path: 'string', readOnly: 'boolean' },
      ephemeral: { volumeClaimTemplate: { metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec' } },
      image: { reference: 'string', pullPolicy: 'string' },
    },
  ],
  PersistentVolumeClaimSpec: [
    CORE,
    {
      accessModes: strs,
      selector: 'LabelSelector',
      resources: { limits: 'quantities', requests: 'quantities' },
      volumeName: 'string',
      storageClassName: 'string',
      volumeMode: 'string',
      dataSource: 'TypedLocalObjectReference',
      dataSourceRef: { apiGroup: 'string', kind: 'string', name: 'string', namespace: 'string' },
      volumeAttributesClassName: 'string',
    },
  ],
  PersistentVolumeClaim: [
    CORE,
    { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec', status: 'any' },
  ],
};
