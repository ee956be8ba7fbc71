/**
 * Table-driven literal tests for resource stores (test-only helper): each case is objects in and
 * exposition text out; the families compared are exactly those whose `# HELP` lines the case lists.
 */
import { it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ResourceDefinition } from '../metric/family.ts';
import { expectFamilies } from '../metric/testing.ts';

export interface FamilyCase {
  name: string;
  objects: KubeObject[];
  want: string;
  allowLabels?: string[];
  allowAnnotations?: string[];
}

export function runFamilyCases(def: ResourceDefinition, cases: readonly FamilyCase[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const families = [...c.want.matchAll(/# HELP (\S+)/g)].map((m) => m[1] ?? '');
      await expectFamilies(def, c.objects, c.want, {
        families,
        allowLabels: c.allowLabels,
        allowAnnotations: c.allowAnnotations,
      });
    });
  }
}

/**
 * One case per single-sample family of `obj`: rows are `[family, HELP as printed, value]`;
 * `labels` is the rendered default-label set, e.g. `namespace="ns1",replicaset="rs1"`.
 */
export function singleValueCases(
  obj: KubeObject,
  labels: string,
  rows: readonly (readonly [string, string, string])[],
): FamilyCase[] {
  return rows.map(([name, help, value]) => ({
    name,
    objects: [obj],
    want: `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name}{${labels}} ${value}\n`,
  }));
}
