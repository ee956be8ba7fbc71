/**
 * Cluster-scoped configuration a real cluster carries beside its workloads: StorageClass,
 * IngressClass, PriorityClasses, admission webhooks and policies, a ClusterRole and binding,
 * and certificate signing requests.
 */
import { rfc3339 } from '../controllers/pod-status.ts';
import type { SeedContext } from './seed-context.ts';
import { INGRESS_CLASS } from './services.ts';
import { CSI_DRIVER, STORAGE_CLASS } from './statefulsets.ts';

/** base64 of a placeholder CSR body: clients only display it; nothing parses it. */
const CSR_PLACEHOLDER = Buffer.from(
  '-----BEGIN CERTIFICATE REQUEST-----\nc2ltdWxhdGVkIGNzcg==\n-----END CERTIFICATE REQUEST-----\n',
).toString('base64');

export function generateClusterConfig(ctx: SeedContext): void {
  const { rnd } = ctx;
  const created = rfc3339(ctx.now - 120 * 86400 * 1000);
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    uid: rnd.uuid(),
    creationTimestamp: created,
    ...extra,
  });
  ctx.out.push(
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: meta(STORAGE_CLASS, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
      provisioner: CSI_DRIVER,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      parameters: { type: 'ssd' },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: meta(INGRESS_CLASS, { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }),
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: meta('business-critical'),
      value: 1000000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: 'Customer-facing services.',
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: meta('batch-low'),
      value: -10,
      globalDefault: false,
      preemptionPolicy: 'Never',
      description: 'Batch work that yields to everything else.',
    },
  );
  const webhookRules = [
    {
      apiGroups: ['apps'],
      apiVersions: ['v1'],
      operations: ['CREATE', 'UPDATE'],
      resources: ['deployments'],
      scope: '*',
    },
  ];
  const clientConfig = { service: { namespace: 'kube-system', name: 'policy-webhook', path: '/validate', port: 443 } };
  ctx.out.push(
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: meta('sim-policy-validator', { generation: 1 }),
      webhooks: [
        {
          name: 'validate.policy.sim.kube-metrics.io',
          clientConfig,
          rules: webhookRules,
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Ignore',
          matchPolicy: 'Equivalent',
          namespaceSelector: {},
          objectSelector: {},
          timeoutSeconds: 5,
        },
      ],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: meta('sim-defaults-injector', { generation: 1 }),
      webhooks: [
        {
          name: 'mutate.defaults.sim.kube-metrics.io',
          clientConfig: { service: { ...clientConfig.service, path: '/mutate' } },
          rules: webhookRules,
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Ignore',
          matchPolicy: 'Equivalent',
          namespaceSelector: {},
          objectSelector: {},
          reinvocationPolicy: 'Never',
          timeoutSeconds: 5,
        },
      ],
    },
  );
  const matchConstraints = {
    matchPolicy: 'Equivalent',
    namespaceSelector: {},
    objectSelector: {},
    resourceRules: [
      {
        apiGroups: ['apps'],
        apiVersions: ['v1'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['deployments'],
        scope: '*',
      },
    ],
  };
  ctx.out.push(
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: meta('replica-limit', { generation: 1 }),
      spec: {
        failurePolicy: 'Fail',
        matchConstraints,
        validations: [{ expression: 'object.spec.replicas <= 100', message: 'replicas must be no greater than 100' }],
      },
      status: { observedGeneration: 1, typeChecking: {} },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: meta('replica-limit-binding', { generation: 1 }),
      spec: {
        policyName: 'replica-limit',
        validationActions: ['Deny'],
        matchResources: { namespaceSelector: {}, objectSelector: {} },
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingAdmissionPolicy',
      metadata: meta('team-label', { generation: 1 }),
      spec: {
        failurePolicy: 'Fail',
        matchConstraints,
        reinvocationPolicy: 'Never',
        mutations: [
          {
            patchType: 'ApplyConfiguration',
            applyConfiguration: {
              expression: 'Object{metadata: Object.metadata{labels: {"sim.kube-metrics.io/admitted": "true"}}}',
            },
          },
        ],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingAdmissionPolicyBinding',
      metadata: meta('team-label-binding', { generation: 1 }),
      spec: { policyName: 'team-label', matchResources: { namespaceSelector: {}, objectSelector: {} } },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta('sim:node-reader'),
      rules: [{ apiGroups: [''], resources: ['nodes', 'nodes/metrics'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: meta('sim:node-reader'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'sim:node-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'node-exporter', namespace: 'monitoring' }],
    },
  );
  for (const [i, node] of ctx.nodes.slice(0, 2).entries()) {
    const approved = i === 0;
    const at = rfc3339(ctx.now - rnd.int(60, 3600) * 1000);
    ctx.out.push({
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: meta(`csr-${rnd.suffix()}`, { creationTimestamp: at }),
      spec: {
        request: CSR_PLACEHOLDER,
        signerName: 'kubernetes.io/kubelet-serving',
        usages: ['digital signature', 'server auth'],
        username: `system:node:${node.name}`,
        groups: ['system:nodes', 'system:authenticated'],
        expirationSeconds: 31536000,
      },
      status: approved
        ? {
            conditions: [
              {
                type: 'Approved',
                status: 'True',
                reason: 'AutoApproved',
                message: 'approved by the simulator',
                lastUpdateTime: at,
                lastTransitionTime: at,
              },
            ],
          }
        : {},
    });
  }
}
