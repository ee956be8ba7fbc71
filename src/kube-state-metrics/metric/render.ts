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
 * One sample line, `name{k="v",...} value\n`; no braces when there are no labels. Default labels
 * come first; if a sample carries fewer values than keys the missing values are empty.
 */
export function renderSample(
  name: string,
  defaultKeys: readonly string[],
  defaultValues: readonly string[],
  m: Metric,
): string {
  let labels = '';
  for (let i = 0; i < defaultKeys.length; i++) {
    labels += `${labels === '' ? '' : ','}${defaultKeys[i]}="${escapeLabelValue(defaultValues[i] ?? '')}"`;
  }
  const keys = m.labelKeys;
  for (let i = 0; i < keys.length; i++) {
    labels += `${labels === '' ? '' : ','}${keys[i]}="${escapeLabelValue(m.labelValues[i] ?? '')}"`;
  }
  return labels === '' ? `${name} ${formatValue(m.value)}\n` : `${name}{${labels}} ${formatValue(m.value)}\n`;
}

/** All samples of one family for one object, concatenated. */
export function renderFamily(
  name: string,
  defaultKeys: readonly string[],
  defaultValues: readonly string[],
  metrics: readonly Metric[],
): string {
  let out = '';
  for (const m of metrics) out += renderSample(name, defaultKeys, defaultValues, m);
  return out;
}
