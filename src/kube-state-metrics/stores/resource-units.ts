/**
 * Resource lists (`capacity`, `allocatable`, container `requests`/`limits`) as KSM reports them:
 * the `resource` label sanitised, a `unit` of `core`, `byte` or `integer`, and the value in base
 * units. Unknown native names (no `/`, not a known kind) are dropped, as upstream does.
 */
import { quantityToFloat, quantityValue, sanitizeLabelName, stringMap } from './store-utils.ts';

export interface ResourceSample {
  /** Sanitised resource name (`nvidia.com/gpu` -> `nvidia_com_gpu`). */
  resource: string;
  unit: 'core' | 'byte' | 'integer';
  value: number;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** apimachinery `IsQualifiedName`: `[prefix/]name`, prefix a DNS subdomain, name at most 63 chars. */
function isQualifiedName(s: string): boolean {
  const parts = s.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1] ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Extended resources (`nvidia.com/gpu`): namespaced outside kubernetes.io and valid as a quota name. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`);
}

function classify(name: string): 'core' | 'byte' | 'integer' | 'pods' | undefined {
  switch (name) {
    case 'cpu':
      return 'core';
    case 'memory':
    case 'storage':
    case 'ephemeral-storage':
      return 'byte';
    case 'pods':
      return 'pods';
  }
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return 'byte';
  if (isExtendedResourceName(name)) return 'integer';
  return undefined;
}

/**
 * Node capacity/allocatable: every value through `convertValueToFloat64` (so fractional bytes
 * stay fractional) and `pods` counted as `integer`.
 */
export function nodeResourceSamples(list: unknown): ResourceSample[] {
  const out: ResourceSample[] = [];
  for (const [name, q] of Object.entries(stringMap(list))) {
    const kind = classify(name);
    if (kind === undefined) continue;
    const value = quantityToFloat(q);
    if (value === undefined) continue;
    out.push({ resource: sanitizeLabelName(name), unit: kind === 'pods' ? 'integer' : kind, value });
  }
  return out;
}

/**
 * Container requests/limits: CPU as cores (milli precision), everything else as `Value()`
 * (rounded up to whole units); `pods` is not a container resource and is dropped.
 */
export function containerResourceSamples(list: unknown): ResourceSample[] {
  const out: ResourceSample[] = [];
  for (const [name, q] of Object.entries(stringMap(list))) {
    const kind = classify(name);
    if (kind === undefined || kind === 'pods') continue;
    const value = kind === 'core' ? quantityToFloat(q) : quantityValue(q);
    if (value === undefined) continue;
    out.push({ resource: sanitizeLabelName(name), unit: kind, value });
  }
  return out;
}
