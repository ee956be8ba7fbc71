/**
 * `--metric-labels-allowlist` / `--metric-annotations-allowlist`: `pods=[app,team],namespaces=[*]`.
 * The grammar and error messages follow upstream's hand-written scanner: `=` must be followed by
 * `[`, `]` by `,` or the end, no leading/trailing/double commas, items trimmed, at most one `*`
 * wildcard per item.
 */

/** Resource name -> allowed Kubernetes keys. `*` as a resource name means every enabled resource. */
export type LabelsAllowList = Map<string, string[]>;

const FORMAT_ERROR = 'invalid format, metric=[label1,label2,labeln...],metricN=[]';
const WILDCARD_ERROR = 'invalid format, only one wildcard per label allowed';

/** Parses one flag value; throws with upstream's messages. An empty string is an empty list. */
export function parseLabelsAllowList(value: string): LabelsAllowList {
  const chars = [...value];
  const out: LabelsAllowList = new Map();
  let wordStart = 0;
  let name = '';
  const word = (end: number) => chars.slice(wordStart, end).join('').trim();
  const add = (item: string) => {
    const list = out.get(name) ?? [];
    list.push(item);
    out.set(name, list);
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const prev = i > 0 ? chars[i - 1] : c;
    const next = i + 1 < chars.length ? chars[i + 1] : undefined;
    switch (c) {
      case '=':
        if (prev === ',' || next !== '[') throw new Error(FORMAT_ERROR);
        name = word(i);
        out.set(name, []);
        wordStart = i + 1;
        break;
      case '[':
        if (prev !== '=') throw new Error(FORMAT_ERROR);
        wordStart = i + 1;
        break;
      case ']':
        if (next !== undefined && next !== ',') throw new Error(FORMAT_ERROR);
        if (prev !== '[') add(word(i));
        wordStart = i + 1;
        break;
      case ',':
        if (prev === ',' || next === undefined || next === ']') throw new Error(FORMAT_ERROR);
        if (prev !== ']') add(word(i));
        wordStart = i + 1;
        break;
    }
  }
  for (const items of out.values()) {
    if (items.some((item) => item.split('*').length - 1 > 1)) throw new Error(WILDCARD_ERROR);
  }
  return out;
}

/**
 * The `--config` file form (`labels_allow_list: {pods: [app, team], '*': ['*']}`), with the same
 * one-wildcard rule; `what` names the key in errors.
 */
export function labelsAllowListFromConfig(value: unknown, what: string): LabelsAllowList {
  const out: LabelsAllowList = new Map();
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what}: expected a map of resource names to lists of keys`);
  }
  for (const [resource, keys] of Object.entries(value)) {
    const list = keys === null ? [] : keys;
    if (!Array.isArray(list) || !list.every((k) => typeof k === 'string')) {
      throw new Error(`${what}.${resource}: expected a list of strings`);
    }
    const items = list.map((k: string) => k.trim());
    if (items.some((item) => item.split('*').length - 1 > 1)) throw new Error(WILDCARD_ERROR);
    out.set(resource, items);
  }
  return out;
}

/**
 * Resolves the parsed list against the enabled resources: every named resource must exist
 * (`resource X does not exist. Available resources: ...`), and a `*` entry replaces all others.
 */
export function resolveLabelsAllowList(
  list: LabelsAllowList,
  enabledResources: readonly string[],
  availableResources: readonly string[],
): Map<string, readonly string[]> {
  for (const resource of list.keys()) {
    if (resource !== '*' && !availableResources.includes(resource)) {
      throw new Error(`resource ${resource} does not exist. Available resources: ${availableResources.join(',')}`);
    }
  }
  const all = list.get('*');
  if (all === undefined) return new Map(list);
  return new Map(enabledResources.map((r) => [r, all]));
}
