/**
 * Text exposition of one family's samples and headers, byte-compatible with kube-state-metrics:
 * Go `%g` values with KSM's special cases, label values escaped (`\\`, `\"`, `\n` only), HELP with
 * the stability prefix and deprecation note, `info`/`stateset` written as `gauge` in text 0.0.4.
 */
import { formatGoFloat } from '../../shared/prom/go-float.ts';
import type { FamilyGenerator, Metric } from './family.ts';

/** KSM's `writeFloat`: `0` for both zeros, otherwise Go's shortest `%g`. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  if (v === 1) return '1';
  if (v === -1) return '-1';
  return formatGoFloat(v);
}

const NEEDS_ESCAPE = /[\\"\n]/;

/** Label value escaping: backslash, double quote and newline; everything else (any UTF-8) verbatim. */
export function escapeLabelValue(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP escaping: backslash and newline only (quotes stay). */
export function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** The HELP text as upstream prints it: `[STABLE] (Deprecated since v2.14.0) <help>`. */
export function helpText(gen: Pick<FamilyGenerator, 'help' | 'stability' | 'deprecatedVersion'>): string {
  let help = gen.help;
  if (gen.deprecatedVersion) {
    const v = gen.deprecatedVersion.startsWith('v') ? gen.deprecatedVersion : `v${gen.deprecatedVersion}`;
    help = `(Deprecated since ${v}) ${help}`;
  }
  if (gen.stability === 'STABLE') help = `[STABLE] ${help}`;
  return help;
}

/** `# HELP` and `# TYPE` lines, each newline-terminated. */
export function familyHeader(
  gen: Pick<FamilyGenerator, 'name' | 'help' | 'type' | 'stability' | 'deprecatedVersion'>,
  openMetrics: boolean,
): string {
  const type = !openMetrics && (gen.type === 'info' || gen.type === 'stateset') ? 'gauge' : gen.type;
  return `# HELP ${gen.name} ${escapeHelp(helpText(gen))}\n# TYPE ${gen.name} ${type}\n`;
}

/**
 * The rendered default labels of one object (`namespace="ns",pod="p"`), computed once per object
 * and shared by all its samples.
 */
export function labelPrefix(keys: readonly string[], values: readonly string[]): string {
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    out += `${i === 0 ? '' : ','}${keys[i]}="${escapeLabelValue(values[i] ?? '')}"`;
  }
  return out;
}

/**
 * One sample line, `name{k="v",...} value\n`; no braces when there are no labels. `prefix` is the
 * object's rendered default labels; if a sample carries fewer values than keys the rest are empty.
 */
export function renderSampleWithPrefix(name: string, prefix: string, m: Metric): string {
  let labels = prefix;
  const keys = m.labelKeys;
  const values = m.labelValues;
  for (let i = 0; i < keys.length; i++) {
    labels += `${labels === '' ? '' : ','}${keys[i]}="${escapeLabelValue(values[i] ?? '')}"`;
  }
  return labels === '' ? `${name} ${formatValue(m.value)}\n` : `${name}{${labels}} ${formatValue(m.value)}\n`;
}

/** One sample line with the default labels given as keys and values. */
export function renderSample(
  name: string,
  defaultKeys: readonly string[],
  defaultValues: readonly string[],
  m: Metric,
): string {
  return renderSampleWithPrefix(name, labelPrefix(defaultKeys, defaultValues), m);
}

/** All samples of one family for one object, concatenated. */
export function renderFamily(name: string, prefix: string, metrics: readonly Metric[]): string {
  let out = '';
  for (const m of metrics) out += renderSampleWithPrefix(name, prefix, m);
  return out;
}
