/**
 * The ClusterRole aggregation controller: a ClusterRole with `aggregationRule.clusterRoleSelectors`
 * has its `rules` owned by the controller, which sets them to the union of the rules of every
 * ClusterRole its selectors match (selectors in order, matching roles by name, itself skipped,
 * exact duplicates dropped). Any ClusterRole change re-evaluates every aggregated role. It runs
 * synchronously inside the store notification, so a `kubectl create clusterrole` is aggregated by
 * the time the create returns; its own writes re-trigger it until nothing changes.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { type LabelSelectorObject, matchLabelSelectorObject } from '../../shared/kube/selectors.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
/** Bounds the re-run loop should two aggregated roles ever keep rewriting each other. */
const MAX_PASSES = 10;

export interface RoleAggregationOptions {
  /** Called when a role cannot be written (e.g. a conflicting concurrent update). */
  onError?: (role: string, err: unknown) => void;
}

function selectorsOf(role: KubeObject): LabelSelectorObject[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!Array.isArray(selectors)) return undefined;
  return selectors.filter((s): s is LabelSelectorObject => typeof s === 'object' && s !== null);
}

/** The rules an aggregated role should have, given every ClusterRole. */
export function aggregatedRules(role: KubeObject, all: readonly KubeObject[]): unknown[] {
  const selectors = selectorsOf(role) ?? [];
  const byName = [...all].sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  const rules: unknown[] = [];
  const seen = new Set<string>();
  for (const selector of selectors) {
    for (const other of byName) {
      if (other.metadata.name === role.metadata.name) continue;
      if (!matchLabelSelectorObject(selector, other.metadata.labels)) continue;
      for (const rule of Array.isArray(other.rules) ? other.rules : []) {
        const key = JSON.stringify(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(rule);
      }
    }
  }
  return rules;
}

/** Starts the controller; returns the stop function. */
export function startRoleAggregation(state: ClusterState, options: RoleAggregationOptions = {}): () => void {
  let running = false;
  let dirty = false;
  const pass = (): void => {
    const all = state.list(RBAC_V1, 'ClusterRole');
    for (const role of all) {
      if (!selectorsOf(role)) continue;
      const rules = aggregatedRules(role, all);
      if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) continue;
      try {
        const current = state.get(RBAC_V1, 'ClusterRole', undefined, role.metadata.name!);
        if (current) state.update({ ...current, rules });
      } catch (err) {
        options.onError?.(role.metadata.name!, err);
      }
    }
  };
  const sync = (): void => {
    if (running) {
      dirty = true;
      return;
    }
    running = true;
    try {
      let passes = 0;
      do {
        dirty = false;
        pass();
      } while (dirty && ++passes < MAX_PASSES);
    } finally {
      running = false;
    }
  };
  const unsubscribe = state.subscribe(RBAC_V1, 'ClusterRole', sync);
  sync();
  return unsubscribe;
}
