/**
 * Every kube-state-metrics resource, in upstream's output order (alphabetical by `--resources`
 * name). The registry is typed loosely (`ResourceDefinition<KubeObject>`): stores narrow the
 * object type inside their generators.
 */
import type { ResourceDefinition } from '../metric/family.ts';
import { certificatesigningrequestsResource } from './certificatesigningrequests.ts';
import { clusterrolebindingsResource } from './clusterrolebindings.ts';
import { clusterrolesResource } from './clusterroles.ts';
import { configmapsResource } from './configmaps.ts';
import { cronjobsResource } from './cronjobs.ts';
import { daemonsetsResource } from './daemonsets.ts';
import { deploymentsResource } from './deployments.ts';
import { endpointsResource } from './endpoints.ts';
import { endpointslicesResource } from './endpointslices.ts';
import { horizontalpodautoscalersResource } from './horizontalpodautoscalers.ts';
import { ingressclassesResource } from './ingressclasses.ts';
import { ingressesResource } from './ingresses.ts';
import { jobsResource } from './jobs.ts';
import { leasesResource } from './leases.ts';
import { limitrangesResource } from './limitranges.ts';
import { mutatingadmissionpoliciesResource } from './mutatingadmissionpolicies.ts';
import { mutatingadmissionpolicybindingsResource } from './mutatingadmissionpolicybindings.ts';
import { mutatingwebhookconfigurationsResource } from './mutatingwebhookconfigurations.ts';
import { namespacesResource } from './namespaces.ts';
import { networkpoliciesResource } from './networkpolicies.ts';
import { nodesResource } from './nodes.ts';
import { persistentvolumeclaimsResource } from './persistentvolumeclaims.ts';
import { persistentvolumesResource } from './persistentvolumes.ts';
import { poddisruptionbudgetsResource } from './poddisruptionbudgets.ts';
import { podsResource } from './pods.ts';
import { replicasetsResource } from './replicasets.ts';
import { replicationcontrollersResource } from './replicationcontrollers.ts';
import { resourcequotasResource } from './resourcequotas.ts';
import { rolebindingsResource } from './rolebindings.ts';
import { rolesResource } from './roles.ts';
import { secretsResource } from './secrets.ts';
import { serviceaccountsResource } from './serviceaccounts.ts';
import { servicesResource } from './services.ts';
import { statefulsetsResource } from './statefulsets.ts';
import { storageclassesResource } from './storageclasses.ts';
import { validatingadmissionpoliciesResource } from './validatingadmissionpolicies.ts';
import { validatingadmissionpolicybindingsResource } from './validatingadmissionpolicybindings.ts';
import { validatingwebhookconfigurationsResource } from './validatingwebhookconfigurations.ts';
import { volumeattachmentsResource } from './volumeattachments.ts';

export const allResources: readonly ResourceDefinition[] = [
  certificatesigningrequestsResource,
  clusterrolebindingsResource,
  clusterrolesResource,
  configmapsResource,
  cronjobsResource,
  daemonsetsResource,
  deploymentsResource,
  endpointsResource,
  endpointslicesResource,
  horizontalpodautoscalersResource,
  ingressclassesResource,
  ingressesResource,
  jobsResource,
  leasesResource,
  limitrangesResource,
  mutatingadmissionpoliciesResource,
  mutatingadmissionpolicybindingsResource,
  mutatingwebhookconfigurationsResource,
  namespacesResource,
  networkpoliciesResource,
  nodesResource,
  persistentvolumeclaimsResource,
  persistentvolumesResource,
  poddisruptionbudgetsResource,
  podsResource,
  replicasetsResource,
  replicationcontrollersResource,
  resourcequotasResource,
  rolebindingsResource,
  rolesResource,
  secretsResource,
  serviceaccountsResource,
  servicesResource,
  statefulsetsResource,
  storageclassesResource,
  validatingadmissionpoliciesResource,
  validatingadmissionpolicybindingsResource,
  validatingwebhookconfigurationsResource,
  volumeattachmentsResource,
] as ResourceDefinition[];

/** `--resources` names, alphabetical. */
export const availableResourceNames: readonly string[] = allResources.map((r) => r.name);

/** Upstream's default `--resources` set (32 of the 39). */
export const defaultResourceNames: readonly string[] = allResources
  .filter((r) => r.enabledByDefault)
  .map((r) => r.name);

const byName = new Map(allResources.map((r) => [r.name, r]));

export function resourceByName(name: string): ResourceDefinition | undefined {
  return byName.get(name);
}

/**
 * Validates and orders a `--resources` list: unknown names give upstream's error, duplicates are
 * dropped, the result is alphabetical. An empty list means the defaults.
 */
export function resolveResources(names: readonly string[]): ResourceDefinition[] {
  const wanted = new Set(names.map((n) => n.trim()).filter((n) => n !== ''));
  if (wanted.size === 0) return allResources.filter((r) => r.enabledByDefault);
  for (const name of wanted) {
    if (!byName.has(name)) {
      throw new Error(`resource ${name} does not exist. Available resources: ${availableResourceNames.join(',')}`);
    }
  }
  return allResources.filter((r) => wanted.has(r.name));
}
