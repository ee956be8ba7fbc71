/** The Table printer of each built-in kind, keyed by `group/Kind` (`/Pod` for the core group). */
import { cronJobPrinter, jobPrinter } from './batch.ts';
import { AGE_COLUMN, age, NAME_COLUMN, name, type Printer } from './column.ts';
import {
  configMapPrinter,
  eventPrinter,
  leasePrinter,
  limitRangePrinter,
  namespacePrinter,
  priorityClassPrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
} from './core.ts';
import {
  apiServicePrinter,
  certificateSigningRequestPrinter,
  customResourceDefinitionPrinter,
  webhookConfigurationPrinter,
} from './extensions.ts';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './network.ts';
import { nodePrinter } from './node.ts';
import { podPrinter } from './pod.ts';
import {
  horizontalPodAutoscalerPrinter,
  podDisruptionBudgetPrinter,
  roleBindingPrinter,
  rolePrinter,
} from './policy.ts';
import {
  csiNodePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from './storage.ts';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads.ts';

/** NAME and AGE: what kubectl shows for kinds without a printer of their own (custom resources). */
export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  cells: (obj, now) => [name(obj), age(obj, now)],
};

const RBAC = 'rbac.authorization.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';

const PRINTERS = new Map<string, Printer>([
  ['/Pod', podPrinter],
  ['/Node', nodePrinter],
  ['/Namespace', namespacePrinter],
  ['/Service', servicePrinter],
  ['/Endpoints', endpointsPrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['/Event', eventPrinter],
  ['/LimitRange', limitRangePrinter],
  ['/ResourceQuota', resourceQuotaPrinter],
  ['/PersistentVolume', persistentVolumePrinter],
  ['/PersistentVolumeClaim', persistentVolumeClaimPrinter],
  ['/ReplicationController', replicationControllerPrinter],
  ['apps/Deployment', deploymentPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['apps/StatefulSet', statefulSetPrinter],
  ['apps/DaemonSet', daemonSetPrinter],
  ['apps/ControllerRevision', controllerRevisionPrinter],
  ['batch/Job', jobPrinter],
  ['batch/CronJob', cronJobPrinter],
  ['autoscaling/HorizontalPodAutoscaler', horizontalPodAutoscalerPrinter],
  ['policy/PodDisruptionBudget', podDisruptionBudgetPrinter],
  ['networking.k8s.io/Ingress', ingressPrinter],
  ['networking.k8s.io/IngressClass', ingressClassPrinter],
  ['networking.k8s.io/NetworkPolicy', networkPolicyPrinter],
  ['discovery.k8s.io/EndpointSlice', endpointSlicePrinter],
  ['storage.k8s.io/StorageClass', storageClassPrinter],
  ['storage.k8s.io/VolumeAttachment', volumeAttachmentPrinter],
  ['storage.k8s.io/CSINode', csiNodePrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
  ['scheduling.k8s.io/PriorityClass', priorityClassPrinter],
  ['certificates.k8s.io/CertificateSigningRequest', certificateSigningRequestPrinter],
  [`${RBAC}/Role`, rolePrinter],
  [`${RBAC}/ClusterRole`, rolePrinter],
  [`${RBAC}/RoleBinding`, roleBindingPrinter],
  [`${RBAC}/ClusterRoleBinding`, roleBindingPrinter],
  [`${ADMISSION}/MutatingWebhookConfiguration`, webhookConfigurationPrinter],
  [`${ADMISSION}/ValidatingWebhookConfiguration`, webhookConfigurationPrinter],
  ['apiregistration.k8s.io/APIService', apiServicePrinter],
  ['apiextensions.k8s.io/CustomResourceDefinition', customResourceDefinitionPrinter],
]);

export function hasPrinter(group: string, kind: string): boolean {
  return PRINTERS.has(`${group}/${kind}`);
}

export function printerFor(group: string, kind: string): Printer {
  return PRINTERS.get(`${group}/${kind}`) ?? defaultPrinter;
}
