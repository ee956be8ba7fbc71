/**
 * Helpers shared by every resource store: building samples, Kubernetes label/annotation keys as
 * Prometheus label names (with upstream's sanitising and conflict rules), allow-list filtering,
 * timestamps and condition triplets. Everything here is total: odd input yields fewer samples,
 * never an exception, because generators run on arbitrary objects from the watch stream.
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import type { FamilyGenerator, Metric, StabilityLevel } from '../metric/family.ts';

export { quantityCores, quantityMilliValue, quantityToFloat, quantityValue } from './quantity.ts';

const NO_STRINGS: readonly string[] = [];

/** One sample; label keys/values follow the resource's default labels. */
export function sample(value: number, labelKeys: readonly string[] = NO_STRINGS, labelValues = NO_STRINGS): Metric {
  return { labelKeys, labelValues, value };
}

/** A single `value 1` sample: the body of every `*_info` family. */
export function infoMetric(labelKeys: readonly string[], labelValues: readonly string[]): Metric[] {
  return [sample(1, labelKeys, labelValues)];
}

/** `true` -> 1, anything else -> 0 (missing booleans count as false, as Go zero values do). */
export function boolValue(b: unknown): number {
  return b === true ? 1 : 0;
}

/** A string field or `''`: Go reports absent string fields as empty label values. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A finite number field or `undefined`. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Arrays from JSON or `[]`, so generators can iterate fields that may be missing or malformed. */
export function arr<T = unknown>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** Plain objects from JSON or `{}`. */
// biome-ignore lint/suspicious/noExplicitAny: fields below an object are arbitrary JSON
export function obj(v: unknown): Record<string, any> {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {};
}

/** A `map[string]string` from JSON, dropping non-string values. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === 'string') out[k] = val;
  return out;
}

/** Only RFC 3339 date-times (Date.parse alone would also accept `2026-01-02` or `Jan 2 2026`). */
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * RFC 3339 timestamp -> Unix seconds, truncated like Go's `Time.Unix()` (floor).
 * `undefined` when absent, unparsable or Go's zero time (which upstream treats as unset).
 */
export function timestampSeconds(ts: unknown): number | undefined {
  if (typeof ts !== 'string') return undefined;
  const cached = timestampCache.get(ts);
  if (cached !== undefined) return cached === null ? undefined : cached;
  const seconds = parseTimestamp(ts);
  // Objects listed together share their timestamps (second resolution): most lookups hit.
  if (timestampCache.size >= TIMESTAMP_CACHE_SIZE) timestampCache.clear();
  timestampCache.set(ts, seconds ?? null);
  return seconds;
}

/** Distinct timestamp strings remembered; cleared wholesale when full (no per-hit bookkeeping). */
const TIMESTAMP_CACHE_SIZE = 8192;
const timestampCache = new Map<string, number | null>();

function parseTimestamp(ts: string): number | undefined {
  if (!RFC3339_RE.test(ts)) return undefined;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return undefined;
  if (ts.startsWith('0001-01-01T00:00:00')) return undefined;
  return Math.floor(ms / 1000);
}

/** The `*_created` family body: creation time in seconds, nothing when unset. */
export function createdMetric(o: KubeObject): Metric[] {
  const t = timestampSeconds(o?.metadata?.creationTimestamp);
  return t === undefined ? [] : [sample(t)];
}

/** The `*_deletion_timestamp` family body: only while the object is being deleted. */
export function deletionTimestampMetric(o: KubeObject): Metric[] {
  const t = timestampSeconds(o?.metadata?.deletionTimestamp);
  return t === undefined ? [] : [sample(t)];
}

const DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The `*_metadata_resource_version` family body: the resource version as a number, when it parses. */
export function resourceVersionMetric(o: KubeObject): Metric[] {
  const rv = o?.metadata?.resourceVersion;
  // Decimal only, like Go's ParseFloat on the API server's integers (JS would also take `0x1f`, ` 7 `).
  if (typeof rv !== 'string' || !DECIMAL_RE.test(rv)) return [];
  return [sample(Number(rv))];
}

const CONDITION_STATUSES = ['true', 'false', 'unknown'] as const;
const CONDITION_WIRE = ['True', 'False', 'Unknown'] as const;

/**
 * Kubernetes condition status as upstream's three series, in the order true, false, unknown,
 * the matching one valued 1. `labelKeys` ends with the status label (default `condition`);
 * `prefixValues` fill the keys before it (e.g. `['Ready']` for `['condition', 'status']`).
 * An unrecognised status yields three zeros, as upstream does.
 */
export function conditionTriplet(
  status: unknown,
  labelKeys: readonly string[] = ['condition'],
  prefixValues: readonly string[] = NO_STRINGS,
): Metric[] {
  return CONDITION_STATUSES.map((s, i) =>
    sample(status === CONDITION_WIRE[i] ? 1 : 0, labelKeys, [...prefixValues, s]),
  );
}

const INVALID_LABEL_CHAR = /[^a-zA-Z0-9_]/gu;
const LOWER_THEN_UPPER = /([a-z0-9])([A-Z])/g;

/** Every rune outside `[a-zA-Z0-9_]` becomes `_` (`nvidia.com/gpu` -> `nvidia_com_gpu`). */
export function sanitizeLabelName(s: string): string {
  return s.replace(INVALID_LABEL_CHAR, '_');
}

/** `<prefix>_` + snake_case(sanitised key): `app.kubernetes.io/name` -> `label_app_kubernetes_io_name`. */
export function labelName(prefix: string, key: string): string {
  return prefix + '_' + sanitizeLabelName(key).replace(LOWER_THEN_UPPER, '$1_$2').toLowerCase();
}

/** Byte-order comparison of strings, like Go's `sort.Strings` (UTF-16 order differs for astral chars). */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * Kubernetes key/value map -> Prometheus label names and values, keys in byte order. Names that
 * collide after sanitising become `<name>_conflict1`, `<name>_conflict2`, ...; a suffix already
 * taken by another key is skipped, so no name is ever emitted twice.
 */
export function mapToPrometheusLabels(
  map: Record<string, string>,
  prefix: string,
): { keys: string[]; values: string[] } {
  const sorted = Object.keys(map).sort(compareBytes);
  const keys: string[] = [];
  const values: string[] = [];
  const used = new Map<string, number>();
  const conflictCount = new Map<string, number>();
  const nextFree = (base: string, from: number): [string, number] => {
    let n = from;
    for (;;) {
      n++;
      const candidate = `${base}_conflict${n}`;
      if (!used.has(candidate)) return [candidate, n];
    }
  };
  for (const k of sorted) {
    const base = labelName(prefix, k);
    let name = base;
    const seen = conflictCount.get(base);
    if (seen !== undefined) {
      const [free, n] = nextFree(base, seen);
      name = free;
      conflictCount.set(base, n);
    } else {
      const idx = used.get(base);
      if (idx !== undefined) {
        // First collision: the unsuffixed entry already emitted becomes `_conflict1`.
        const [renamed, n1] = nextFree(base, 0);
        used.delete(base);
        keys[idx] = renamed;
        used.set(renamed, idx);
        const [free, n2] = nextFree(base, n1);
        name = free;
        conflictCount.set(base, n2);
      }
    }
    used.set(name, keys.length);
    keys.push(name);
    values.push(map[k] ?? '');
  }
  return { keys, values };
}

/** Allow-list entries with one `*` compile to anchored regexes; cached since every event re-checks them. */
const wildcardCache = new Map<string, RegExp | null>();

function wildcardRegex(pattern: string): RegExp | null {
  let re = wildcardCache.get(pattern);
  if (re === undefined) {
    const parts = pattern.split('*');
    // More than one wildcard is rejected by the flag parser; fail closed if one slips through.
    re =
      parts.length > 2
        ? null
        : new RegExp('^' + parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    if (wildcardCache.size > 10_000) wildcardCache.clear();
    wildcardCache.set(pattern, re);
  }
  return re;
}

/**
 * Only the allow-listed keys of a label/annotation map (`*` as the first entry keeps all; partial
 * wildcards like `app.kubernetes.io/*` match the raw Kubernetes key), converted with
 * {@link mapToPrometheusLabels}. `prefix` is `label` or `annotation`.
 */
export function kubeLabelsToPrometheusLabels(
  labels: unknown,
  allowList: readonly string[],
  prefix = 'label',
): { keys: string[]; values: string[] } {
  const all = stringMap(labels);
  if (allowList[0] === '*') return mapToPrometheusLabels(all, prefix);
  const allowed: Record<string, string> = {};
  for (const entry of allowList) {
    if (entry === '*') continue;
    if (!entry.includes('*')) {
      if (Object.hasOwn(all, entry)) allowed[entry] = all[entry] ?? '';
      continue;
    }
    const re = wildcardRegex(entry);
    if (!re) continue;
    for (const [k, v] of Object.entries(all)) if (re.test(k)) allowed[k] = v;
  }
  return mapToPrometheusLabels(allowed, prefix);
}

/**
 * The body of a `*_labels` / `*_annotations` family: nothing unless the resource is allow-listed,
 * then exactly one series valued 1 (even when none of the allowed keys is present).
 */
export function allowListedMetric(
  map: unknown,
  allowList: readonly string[],
  prefix: 'label' | 'annotation',
): Metric[] {
  if (allowList.length === 0) return [];
  const { keys, values } = kubeLabelsToPrometheusLabels(map, allowList, prefix);
  return [sample(1, keys, values)];
}

/** `*_owner` family body: one series per owner reference, or one with empty owner labels. */
export function ownerMetrics(o: KubeObject): Metric[] {
  const keys = ['owner_kind', 'owner_name', 'owner_is_controller'];
  const owners = arr<Record<string, unknown>>(o?.metadata?.ownerReferences);
  if (owners.length === 0) return [sample(1, keys, ['', '', ''])];
  return owners.map((ref) => {
    const r = obj(ref);
    const controller = r.controller === true ? 'true' : 'false';
    return sample(1, keys, [str(r.kind), str(r.name), controller]);
  });
}

/** Default labels for cluster-scoped resources named after themselves, e.g. `{storageclass}`. */
export function nameLabel(key: string): (o: KubeObject) => { keys: readonly string[]; values: readonly string[] } {
  const keys = [key];
  return (o) => ({ keys, values: [str(o?.metadata?.name)] });
}

/** Default labels `namespace, <key>` for namespaced resources. */
export function namespaceNameLabels(
  key: string,
): (o: KubeObject) => { keys: readonly string[]; values: readonly string[] } {
  const keys = ['namespace', key];
  return (o) => ({ keys, values: [str(o?.metadata?.namespace), str(o?.metadata?.name)] });
}

/** A gauge family; most KSM families are gauges, so this keeps store files to their substance. */
export function gauge<T extends KubeObject = KubeObject>(
  name: string,
  help: string,
  stability: StabilityLevel,
  generate: (o: T) => Metric[],
  extra: Pick<FamilyGenerator<T>, 'deprecatedVersion' | 'optIn'> = {},
): FamilyGenerator<T> {
  return { name, help, type: 'gauge', stability, generate, ...extra };
}

/** `*_created` with upstream's help text (some resources end it with a period: pass `help`). */
export function createdFamily<T extends KubeObject = KubeObject>(
  name: string,
  stability: StabilityLevel,
  help = 'Unix creation timestamp',
): FamilyGenerator<T> {
  return gauge<T>(name, help, stability, createdMetric);
}

export function resourceVersionFamily<T extends KubeObject = KubeObject>(
  name: string,
  help: string,
  stability: StabilityLevel,
): FamilyGenerator<T> {
  return gauge<T>(name, help, stability, resourceVersionMetric);
}

/** `*_labels`: empty unless the resource is in `--metric-labels-allowlist`. */
export function labelsFamily<T extends KubeObject = KubeObject>(
  name: string,
  stability: StabilityLevel,
  allowList: readonly string[],
): FamilyGenerator<T> {
  return gauge<T>(name, 'Kubernetes labels converted to Prometheus labels.', stability, (o) =>
    allowListedMetric(o?.metadata?.labels, allowList, 'label'),
  );
}

/** `*_annotations`: empty unless the resource is in `--metric-annotations-allowlist`. */
export function annotationsFamily<T extends KubeObject = KubeObject>(
  name: string,
  stability: StabilityLevel,
  allowList: readonly string[],
): FamilyGenerator<T> {
  return gauge<T>(name, 'Kubernetes annotations converted to Prometheus labels.', stability, (o) =>
    allowListedMetric(o?.metadata?.annotations, allowList, 'annotation'),
  );
}

/** A family with exactly one series valued 1 and the given extra labels (none by default). */
export function infoFamily<T extends KubeObject = KubeObject>(
  name: string,
  help: string,
  stability: StabilityLevel,
  labels: { keys: readonly string[]; values: (o: T) => readonly string[] } = {
    keys: NO_STRINGS,
    values: () => NO_STRINGS,
  },
): FamilyGenerator<T> {
  return gauge<T>(name, help, stability, (o) => [sample(1, labels.keys, labels.values(o))]);
}

/** A single-sample family from a numeric field; no series when the field is not a number. */
export function numberFamily<T extends KubeObject = KubeObject>(
  name: string,
  help: string,
  stability: StabilityLevel,
  value: (o: T) => unknown,
): FamilyGenerator<T> {
  return gauge<T>(name, help, stability, (o) => {
    const v = num(value(o));
    return v === undefined ? [] : [sample(v)];
  });
}

/** Go's zero-value behaviour for an int32 status field: missing counts as 0. */
export function intOrZero(v: unknown): number {
  return num(v) ?? 0;
}
