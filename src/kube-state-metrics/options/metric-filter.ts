/**
 * Which metric families are served: `--metric-allowlist` / `--metric-denylist` (regexes, unanchored:
 * a pattern matches any name containing a match) and `--metric-opt-in-list` for the opt-in
 * families. Filtering happens once when stores are built, so excluded families cost nothing.
 */
import type { FamilyGenerator } from '../metric/family.ts';

export interface MetricFilterOptions {
  allowlist?: readonly string[];
  denylist?: readonly string[];
  optInList?: readonly string[];
}

export type FamilyFilter = (family: Pick<FamilyGenerator, 'name' | 'optIn'>) => boolean;

function compile(patterns: readonly string[], flag: string): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p);
    } catch (err) {
      throw new Error(`${flag}: invalid regular expression ${JSON.stringify(p)}: ${(err as Error).message}`);
    }
  });
}

/**
 * Builds the family predicate; throws upstream's message when both lists are set, or a clear error
 * naming the flag and pattern when a regex does not compile.
 */
export function createFamilyFilter(options: MetricFilterOptions): FamilyFilter {
  const allow = options.allowlist?.filter((p) => p !== '') ?? [];
  const deny = options.denylist?.filter((p) => p !== '') ?? [];
  if (allow.length > 0 && deny.length > 0) {
    throw new Error('allowlist and denylist are both set, they are mutually exclusive, only one of them can be set');
  }
  const allowRes = compile(allow, '--metric-allowlist');
  const denyRes = compile(deny, '--metric-denylist');
  const optInRes = compile(options.optInList?.filter((p) => p !== '') ?? [], '--metric-opt-in-list');
  return (family) => {
    if (allowRes.length > 0 && !allowRes.some((re) => re.test(family.name))) return false;
    if (denyRes.some((re) => re.test(family.name))) return false;
    if (family.optIn && !optInRes.some((re) => re.test(family.name))) return false;
    return true;
  };
}
