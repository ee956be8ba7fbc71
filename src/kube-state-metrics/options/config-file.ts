/**
 * The `--config` options file: YAML whose snake_case keys mirror the flags. Values in the file win
 * over flags: scalars are laid over what the flags gave, and a non-empty set or allowlist in the
 * file replaces the flag's value wholesale (upstream's precedence). Sets are YAML maps
 * (`resources: {pods: {}}`) as upstream reads them; plain lists are accepted too.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { parseGoDuration } from '../../shared/duration.ts';
import type { KsmOptions } from './flags.ts';
import { type LabelsAllowList, labelsAllowListFromConfig } from './labels-allowlist.ts';

type Kind = 'string' | 'int' | 'bool' | 'float' | 'duration' | 'set' | 'allowlist';

/** YAML key -> option field and value kind. */
const KEYS: Record<string, [keyof KsmOptions, Kind]> = {
  resources: ['resources', 'set'],
  namespaces: ['namespaces', 'set'],
  namespaces_denylist: ['namespacesDenylist', 'set'],
  metric_allowlist: ['metricAllowlist', 'set'],
  metric_denylist: ['metricDenylist', 'set'],
  metric_opt_in_list: ['metricOptInList', 'set'],
  labels_allow_list: ['labelsAllowList', 'allowlist'],
  annotations_allow_list: ['annotationsAllowList', 'allowlist'],
  apiserver: ['apiserver', 'string'],
  kubeconfig: ['kubeconfig', 'string'],
  host: ['host', 'string'],
  port: ['port', 'int'],
  telemetry_host: ['telemetryHost', 'string'],
  telemetry_port: ['telemetryPort', 'int'],
  tls_config: ['tlsConfig', 'string'],
  shard: ['shard', 'int'],
  total_shards: ['totalShards', 'int'],
  pod: ['pod', 'string'],
  namespace: ['podNamespace', 'string'],
  node: ['node', 'string'],
  track_unscheduled_pods: ['trackUnscheduledPods', 'bool'],
  use_api_server_cache: ['useApiserverCache', 'bool'],
  object_limit: ['objectLimit', 'int'],
  enable_gzip_encoding: ['enableGzipEncoding', 'bool'],
  auth_filter: ['authFilter', 'bool'],
  custom_resources_only: ['customResourceStateOnly', 'bool'],
  custom_resource_config: ['customResourceStateConfig', 'string'],
  custom_resource_state_config_file: ['customResourceStateConfigFile', 'string'],
  custom_resource_config_file: ['customResourceStateConfigFile', 'string'],
  continue_without_custom_resource_state_config_file: ['continueWithoutCustomResourceStateConfigFile', 'bool'],
  continue_without_config: ['continueWithoutConfig', 'bool'],
  server_read_timeout: ['serverReadTimeoutMs', 'duration'],
  server_write_timeout: ['serverWriteTimeoutMs', 'duration'],
  server_idle_timeout: ['serverIdleTimeoutMs', 'duration'],
  server_read_header_timeout: ['serverReadHeaderTimeoutMs', 'duration'],
  'auto-gomemlimit': ['autoGoMemLimit', 'bool'],
  'auto-gomemlimit-ratio': ['autoGoMemLimitRatio', 'float'],
};

/** Keys upstream's struct has that mean nothing once running (`help`, the file's own path). */
const IGNORED_KEYS = new Set(['help', 'config']);

export interface ConfigOverlay {
  options: KsmOptions;
  /** Warnings to log (deprecated or unknown keys). */
  warnings: string[];
}

function setFrom(value: unknown, key: string): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    if (!value.every((v) => typeof v === 'string'))
      throw new Error(`${key}: expected names, got ${JSON.stringify(value)}`);
    return value.map((v: string) => v.trim()).filter((v) => v !== '');
  }
  if (typeof value === 'object') return Object.keys(value).filter((k) => k.trim() !== '');
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  throw new Error(`${key}: expected a map of names, got ${JSON.stringify(value)}`);
}

function scalar(kind: Kind, value: unknown, key: string): string | number | boolean {
  const bad = (what: string) => new Error(`${key}: expected ${what}, got ${JSON.stringify(value)}`);
  switch (kind) {
    case 'string':
      if (value === null) return '';
      if (typeof value !== 'string' && typeof value !== 'number') throw bad('a string');
      return String(value);
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw bad('an integer');
      return value;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a number');
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw bad('true or false');
      return value;
    case 'duration':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value / 1e6; // Go: nanoseconds
      if (typeof value !== 'string') throw bad('a duration such as 1m0s');
      try {
        return parseGoDuration(value);
      } catch (err) {
        throw new Error(`${key}: ${(err as Error).message}`);
      }
    default:
      throw bad('a scalar');
  }
}

/** Lays the YAML text over `base` (the parsed flags); throws on YAML or type errors, naming the key. */
export function applyConfigFile(base: KsmOptions, text: string, file: string): ConfigOverlay {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new Error(`failed to parse config file ${file}: ${(err as Error).message}`);
  }
  const options: KsmOptions = { ...base };
  const warnings: string[] = [];
  if (doc === null || doc === undefined) return { options, warnings };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error(`config file ${file}: expected a map of options at the top level`);
  }
  const record = options as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    if (IGNORED_KEYS.has(key)) continue;
    const entry = KEYS[key];
    if (!entry) {
      warnings.push(`config file ${file}: unknown key ${JSON.stringify(key)} ignored`);
      continue;
    }
    if (key === 'custom_resource_config_file') {
      warnings.push(
        `config file ${file}: custom_resource_config_file is deprecated, use custom_resource_state_config_file`,
      );
    }
    const [field, kind] = entry;
    try {
      if (kind === 'set') {
        const items = setFrom(value, key);
        if (items.length > 0) record[field] = [...new Set(items)];
      } else if (kind === 'allowlist') {
        const list: LabelsAllowList = labelsAllowListFromConfig(value, key);
        if (list.size > 0) record[field] = list;
      } else if (value !== undefined) {
        record[field] = scalar(kind, value, key);
      }
    } catch (err) {
      throw new Error(`config file ${file}: ${(err as Error).message}`);
    }
  }
  return { options, warnings };
}

/** `kube_state_metrics_config_hash`: the first 6 bytes of the file's MD5, read as a little-endian integer. */
export function configHash(content: string | Buffer): number {
  const digest = createHash('md5').update(content).digest();
  return digest.readUIntLE(0, 6);
}
