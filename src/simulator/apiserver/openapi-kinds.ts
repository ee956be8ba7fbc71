/**
 * The top-level fields (besides apiVersion, kind and metadata) of the kinds described in detail,
 * keyed `group/Kind`. See openapi-schemas.ts for the notation and why lists carry merge keys.
 */
import { IN_TREE_VOLUME_SOURCES } from './openapi-schemas-volumes.ts';
import { type Fields, listOf } from './openapi-type-notation.ts';

const strs = listOf('string');
const selector = 'LabelSelector';
const conditions = listOf('any', 'type');

const objectRef = { apiVersion: 'string', kind: 'string', name: 'string' };
const metricTarget = { type: 'string', value: 'quantity', averageValue: 'quantity', averageUtilization: 'integer' };
const metricIdentifier = { name: 'string', selector };
const scalingRules = {
  stabilizationWindowSeconds: 'integer',
  selectPolicy: 'string',
  policies: listOf({ type: 'string', value: 'integer', periodSeconds: 'integer' }),
  tolerance: 'quantity',
};
const networkPolicyPort = { protocol: 'string', port: 'int-or-string', endPort: 'integer' };
const networkPolicyPeer = {
  podSelector: selector,
  namespaceSelector: selector,
  ipBlock: { cidr: 'string', except: strs },
};
const ingressBackend = {
  service: { name: 'string', port: { name: 'string', number: 'integer' } },
  resource: 'TypedLocalObjectReference',
};
const endpointAddress = { ip: 'string', hostname: 'string', nodeName: 'string', targetRef: 'ObjectReference' };
const jobSpec: Fields = {
  parallelism: 'integer',
  completions: 'integer',
  activeDeadlineSeconds: 'integer',
  podFailurePolicy: {
    rules: listOf({
      action: 'string',
      onExitCodes: { containerName: 'string', operator: 'string', values: listOf('integer') },
      onPodConditions: listOf({ type: 'string', status: 'string' }),
    }),
  },
  successPolicy: { rules: listOf({ succeededIndexes: 'string', succeededCount: 'integer' }) },
  backoffLimit: 'integer',
  backoffLimitPerIndex: 'integer',
  maxFailedIndexes: 'integer',
  selector,
  manualSelector: 'boolean',
  template: 'PodTemplateSpec',
  ttlSecondsAfterFinished: 'integer',
  completionMode: 'string',
  suspend: 'boolean',
  podReplacementPolicy: 'string',
  managedBy: 'string',
};
const policyRule = {
  verbs: strs,
  apiGroups: strs,
  resources: strs,
  resourceNames: strs,
  nonResourceURLs: strs,
};
const roleBinding: Fields = {
  subjects: listOf({ kind: 'string', apiGroup: 'string', name: 'string', namespace: 'string' }),
  roleRef: { apiGroup: 'string', kind: 'string', name: 'string' },
};

export const KINDS: Record<string, Fields> = {
  '/Pod': { spec: 'PodSpec', status: 'any' },
  '/PodTemplate': { template: 'PodTemplateSpec' },
  '/ReplicationController': {
    spec: { replicas: 'integer', minReadySeconds: 'integer', selector: 'map', template: 'PodTemplateSpec' },
    status: 'any',
  },
  '/Service': {
    spec: {
      ports: listOf(
        {
          name: 'string',
          protocol: 'string',
          appProtocol: 'string',
          port: 'integer',
          targetPort: 'int-or-string',
          nodePort: 'integer',
        },
        'port',
      ),
      selector: 'map',
      clusterIP: 'string',
      clusterIPs: strs,
      type: 'string',
      externalIPs: strs,
      sessionAffinity: 'string',
      loadBalancerIP: 'string',
      loadBalancerSourceRanges: strs,
      externalName: 'string',
      externalTrafficPolicy: 'string',
      healthCheckNodePort: 'integer',
      publishNotReadyAddresses: 'boolean',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 'integer' } },
      ipFamilies: strs,
      ipFamilyPolicy: 'string',
      allocateLoadBalancerNodePorts: 'boolean',
      loadBalancerClass: 'string',
      internalTrafficPolicy: 'string',
      trafficDistribution: 'string',
    },
    status: 'any',
  },
  '/Endpoints': {
    subsets: listOf({
      addresses: listOf(endpointAddress),
      notReadyAddresses: listOf(endpointAddress),
      ports: listOf({ name: 'string', port: 'integer', protocol: 'string', appProtocol: 'string' }),
    }),
  },
  '/ConfigMap': { data: 'map', binaryData: 'map', immutable: 'boolean' },
  '/Secret': { data: 'map', stringData: 'map', type: 'string', immutable: 'boolean' },
  '/ServiceAccount': {
    secrets: listOf('ObjectReference', 'name'),
    imagePullSecrets: listOf('LocalObjectReference'),
    automountServiceAccountToken: 'boolean',
  },
  '/Namespace': { spec: { finalizers: strs }, status: 'any' },
  '/Node': {
    spec: {
      podCIDR: 'string',
      podCIDRs: listOf('string', undefined, 'merge'),
      providerID: 'string',
      unschedulable: 'boolean',
      taints: listOf({ key: 'string', value: 'string', effect: 'string', timeAdded: 'time' }),
      configSource: {
        configMap: {
          namespace: 'string',
          name: 'string',
          uid: 'string',
          resourceVersion: 'string',
          kubeletConfigKey: 'string',
        },
      },
    },
    status: 'any',
  },
  '/PersistentVolumeClaim': { spec: 'PersistentVolumeClaimSpec', status: 'any' },
  '/PersistentVolume': {
    spec: {
      capacity: 'quantities',
      accessModes: strs,
      claimRef: 'ObjectReference',
      persistentVolumeReclaimPolicy: 'string',
      storageClassName: 'string',
      mountOptions: strs,
      volumeMode: 'string',
      nodeAffinity: { required: 'NodeSelector' },
      hostPath: { path: 'string', type: 'string' },
      local: { path: 'string', fsType: 'string' },
      nfs: { server: 'string', path: 'string', readOnly: 'boolean' },
      csi: {
        driver: 'string',
        volumeHandle: 'string',
        readOnly: 'boolean',
        fsType: 'string',
        volumeAttributes: 'map',
        controllerPublishSecretRef: 'any',
        nodeStageSecretRef: 'any',
        nodePublishSecretRef: 'any',
        controllerExpandSecretRef: 'any',
        nodeExpandSecretRef: 'any',
      },
      volumeAttributesClassName: 'string',
      ...IN_TREE_VOLUME_SOURCES,
    },
    status: 'any',
  },
  '/LimitRange': {
    spec: {
      limits: listOf({
        type: 'string',
        max: 'quantities',
        min: 'quantities',
        default: 'quantities',
        defaultRequest: 'quantities',
        maxLimitRequestRatio: 'quantities',
      }),
    },
  },
  '/ResourceQuota': {
    spec: {
      hard: 'quantities',
      scopes: strs,
      scopeSelector: { matchExpressions: listOf({ scopeName: 'string', operator: 'string', values: strs }) },
    },
    status: 'any',
  },
  '/Event': {
    involvedObject: 'ObjectReference',
    reason: 'string',
    message: 'string',
    source: { component: 'string', host: 'string' },
    firstTimestamp: 'time',
    lastTimestamp: 'time',
    count: 'integer',
    type: 'string',
    eventTime: 'time',
    series: { count: 'integer', lastObservedTime: 'time' },
    action: 'string',
    related: 'ObjectReference',
    reportingComponent: 'string',
    reportingInstance: 'string',
  },
  'apps/Deployment': {
    spec: {
      replicas: 'integer',
      selector,
      template: 'PodTemplateSpec',
      strategy: { type: 'string', rollingUpdate: { maxUnavailable: 'int-or-string', maxSurge: 'int-or-string' } },
      minReadySeconds: 'integer',
      revisionHistoryLimit: 'integer',
      paused: 'boolean',
      progressDeadlineSeconds: 'integer',
    },
    status: { conditions },
  },
  'apps/ReplicaSet': {
    spec: { replicas: 'integer', minReadySeconds: 'integer', selector, template: 'PodTemplateSpec' },
    status: { conditions },
  },
  'apps/StatefulSet': {
    spec: {
      replicas: 'integer',
      selector,
      template: 'PodTemplateSpec',
      volumeClaimTemplates: listOf('PersistentVolumeClaim'),
      serviceName: 'string',
      podManagementPolicy: 'string',
      updateStrategy: { type: 'string', rollingUpdate: { partition: 'integer', maxUnavailable: 'int-or-string' } },
      revisionHistoryLimit: 'integer',
      minReadySeconds: 'integer',
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'string', whenScaled: 'string' },
      ordinals: { start: 'integer' },
    },
    status: { conditions },
  },
  'apps/DaemonSet': {
    spec: {
      selector,
      template: 'PodTemplateSpec',
      updateStrategy: { type: 'string', rollingUpdate: { maxUnavailable: 'int-or-string', maxSurge: 'int-or-string' } },
      minReadySeconds: 'integer',
      revisionHistoryLimit: 'integer',
    },
    status: { conditions },
  },
  'batch/Job': { spec: jobSpec, status: { conditions } },
  'batch/CronJob': {
    spec: {
      schedule: 'string',
      timeZone: 'string',
      startingDeadlineSeconds: 'integer',
      concurrencyPolicy: 'string',
      suspend: 'boolean',
      jobTemplate: { metadata: 'ObjectMeta', spec: jobSpec },
      successfulJobsHistoryLimit: 'integer',
      failedJobsHistoryLimit: 'integer',
    },
    status: 'any',
  },
  'autoscaling/HorizontalPodAutoscaler': {
    spec: {
      scaleTargetRef: objectRef,
      minReplicas: 'integer',
      maxReplicas: 'integer',
      metrics: listOf({
        type: 'string',
        object: { describedObject: objectRef, target: metricTarget, metric: metricIdentifier },
        pods: { metric: metricIdentifier, target: metricTarget },
        resource: { name: 'string', target: metricTarget },
        containerResource: { name: 'string', container: 'string', target: metricTarget },
        external: { metric: metricIdentifier, target: metricTarget },
      }),
      behavior: { scaleUp: scalingRules, scaleDown: scalingRules },
    },
    status: { conditions },
  },
  'policy/PodDisruptionBudget': {
    spec: {
      minAvailable: 'int-or-string',
      selector,
      maxUnavailable: 'int-or-string',
      unhealthyPodEvictionPolicy: 'string',
    },
    status: { conditions },
  },
  'networking.k8s.io/Ingress': {
    spec: {
      ingressClassName: 'string',
      defaultBackend: ingressBackend,
      tls: listOf({ hosts: strs, secretName: 'string' }),
      rules: listOf({
        host: 'string',
        http: { paths: listOf({ path: 'string', pathType: 'string', backend: ingressBackend }) },
      }),
    },
    status: 'any',
  },
  'networking.k8s.io/IngressClass': {
    spec: {
      controller: 'string',
      parameters: { apiGroup: 'string', kind: 'string', name: 'string', scope: 'string', namespace: 'string' },
    },
  },
  'networking.k8s.io/NetworkPolicy': {
    spec: {
      podSelector: selector,
      ingress: listOf({ ports: listOf(networkPolicyPort), from: listOf(networkPolicyPeer) }),
      egress: listOf({ ports: listOf(networkPolicyPort), to: listOf(networkPolicyPeer) }),
      policyTypes: strs,
    },
  },
  'discovery.k8s.io/EndpointSlice': {
    addressType: 'string',
    endpoints: listOf({
      addresses: strs,
      conditions: { ready: 'boolean', serving: 'boolean', terminating: 'boolean' },
      hostname: 'string',
      targetRef: 'ObjectReference',
      deprecatedTopology: 'map',
      nodeName: 'string',
      zone: 'string',
      hints: { forZones: listOf({ name: 'string' }), forNodes: listOf({ name: 'string' }) },
    }),
    ports: listOf({ name: 'string', protocol: 'string', port: 'integer', appProtocol: 'string' }),
  },
  'storage.k8s.io/StorageClass': {
    provisioner: 'string',
    parameters: 'map',
    reclaimPolicy: 'string',
    mountOptions: strs,
    allowVolumeExpansion: 'boolean',
    volumeBindingMode: 'string',
    allowedTopologies: listOf({ matchLabelExpressions: listOf({ key: 'string', values: strs }) }),
  },
  'coordination.k8s.io/Lease': {
    spec: {
      holderIdentity: 'string',
      leaseDurationSeconds: 'integer',
      acquireTime: 'time',
      renewTime: 'time',
      leaseTransitions: 'integer',
      strategy: 'string',
      preferredHolder: 'string',
    },
  },
  'rbac.authorization.k8s.io/Role': { rules: listOf(policyRule) },
  'rbac.authorization.k8s.io/ClusterRole': {
    rules: listOf(policyRule),
    aggregationRule: { clusterRoleSelectors: listOf(selector) },
  },
  'rbac.authorization.k8s.io/RoleBinding': roleBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': roleBinding,
  'scheduling.k8s.io/PriorityClass': {
    value: 'integer',
    globalDefault: 'boolean',
    description: 'string',
    preemptionPolicy: 'string',
  },
};
