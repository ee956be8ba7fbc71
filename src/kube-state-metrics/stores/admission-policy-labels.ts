/**
 * Default labels shared by the admission-policy and webhook-configuration resources: upstream puts
 * `namespace` first although the objects are cluster-scoped, so its value is normally empty.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { str } from './store-utils.ts';

export function namespacedClusterLabels(
  key: string,
): (o: KubeObject) => { keys: readonly string[]; values: readonly string[] } {
  const keys = ['namespace', key];
  return (o) => ({ keys, values: [str(o?.metadata?.namespace), str(o?.metadata?.name)] });
}
