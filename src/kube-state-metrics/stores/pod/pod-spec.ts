/** Pod families read mostly from the spec: info, IPs, volumes, tolerations, claims, scheduling fields. */
import { isIP } from 'node:net';
import type { KubeObject } from '../../../shared/kube/object.ts';
import type { Metric } from '../../metric/family.ts';
import {
  arr,
  mapToPrometheusLabels,
  num,
  obj,
  quantityToFloat,
  quantityValue,
  sample,
  str,
  stringMap,
} from '../store-utils.ts';
import { podSpec, podStatus, present } from './pod-fields.ts';

const INFO_LABELS = [
  'host_ip',
  'pod_ip',
  'node',
  'created_by_kind',
  'created_by_name',
  'priority_class',
  'host_network',
];

export function info(p: KubeObject): Metric[] {
  const spec = podSpec(p);
  const status = podStatus(p);
  // metav1.GetControllerOf: the first owner reference marked as controller.
  const controller = arr(p.metadata?.ownerReferences)
    .map(obj)
    .find((r) => r.controller === true);
  return [
    sample(1, INFO_LABELS, [
      str(status.hostIP),
      str(status.podIP),
      str(spec.nodeName),
      str(controller?.kind),
      str(controller?.name),
      str(spec.priorityClassName),
      spec.hostNetwork === true ? 'true' : 'false',
    ]),
  ];
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`) counts as IPv4, as Go's `netip.Addr.Unmap` makes it. */
function ipFamily(ip: string): '4' | '6' | undefined {
  const v = isIP(ip);
  if (v === 4) return '4';
  if (v !== 6) return undefined;
  let canonical: string;
  try {
    canonical = new URL(`http://[${ip.replace(/%.*$/, '')}]`).hostname;
  } catch {
    return '6';
  }
  return /^\[::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}\]$/.test(canonical) ? '4' : '6';
}

export function ips(p: KubeObject): Metric[] {
  const out: Metric[] = [];
  for (const entry of arr(podStatus(p).podIPs)) {
    const ip = str(obj(entry).ip);
    const family = ipFamily(ip);
    if (family) out.push(sample(1, ['ip', 'ip_family'], [ip, family]));
  }
  return out;
}

export function overheadCpu(p: KubeObject): Metric[] {
  const v = obj(podSpec(p).overhead).cpu;
  const cores = v === undefined ? undefined : quantityToFloat(v);
  return cores === undefined ? [] : [sample(cores)];
}

export function overheadMemory(p: KubeObject): Metric[] {
  const v = obj(podSpec(p).overhead).memory;
  const bytes = v === undefined ? undefined : quantityValue(v);
  return bytes === undefined ? [] : [sample(bytes)];
}

export function restartPolicy(p: KubeObject): Metric[] {
  return [sample(1, ['type'], [str(podSpec(p).restartPolicy)])];
}

export function runtimeClass(p: KubeObject): Metric[] {
  const name = podSpec(p).runtimeClassName;
  return typeof name === 'string' ? [sample(1, ['runtimeclass_name'], [name])] : [];
}

const VOLUME_LABELS = ['volume', 'persistentvolumeclaim', 'ephemeral'];

/**
 * PVC-backed volumes: declared claims keep their name; generic ephemeral volumes get the claim the
 * ephemeral controller creates, `<pod>-<volume>`. `readOnly` picks the read-only flag as the value.
 */
export function pvcVolumes(readOnly: boolean): (p: KubeObject) => Metric[] {
  return (p) => {
    const out: Metric[] = [];
    const podName = str(p.metadata?.name);
    for (const raw of arr(podSpec(p).volumes)) {
      const v = obj(raw);
      const name = str(v.name);
      if (present(v.persistentVolumeClaim)) {
        const pvc = v.persistentVolumeClaim;
        const value = readOnly ? (pvc.readOnly === true ? 1 : 0) : 1;
        out.push(sample(value, VOLUME_LABELS, [name, str(pvc.claimName), 'false']));
      } else if (present(v.ephemeral)) {
        out.push(sample(readOnly ? 0 : 1, VOLUME_LABELS, [name, `${podName}-${name}`, 'true']));
      }
    }
    return out;
  };
}

/** One series per distinct toleration (duplicates in the spec collapse into one). */
export function tolerations(p: KubeObject): Metric[] {
  const seen = new Set<string>();
  const out: Metric[] = [];
  for (const raw of arr(podSpec(p).tolerations)) {
    const t = obj(raw);
    const seconds = num(t.tolerationSeconds);
    const values = [
      str(t.key),
      str(t.operator),
      str(t.value),
      str(t.effect),
      seconds === undefined ? '' : String(Math.trunc(seconds)),
    ];
    const key = values.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(sample(1, ['key', 'operator', 'value', 'effect', 'toleration_seconds'], values));
  }
  return out;
}

/** Every nodeSelector entry as a `nodeselector_*` label, on one series (even when empty). */
export function nodeSelectors(p: KubeObject): Metric[] {
  const { keys, values } = mapToPrometheusLabels(stringMap(podSpec(p).nodeSelector), 'nodeselector');
  return [sample(1, keys, values)];
}

export function serviceAccount(p: KubeObject): Metric[] {
  return [sample(1, ['service_account'], [str(podSpec(p).serviceAccountName)])];
}

export function scheduler(p: KubeObject): Metric[] {
  return [sample(1, ['name'], [str(podSpec(p).schedulerName)])];
}

/**
 * One series per `spec.resourceClaims` entry that names a claim or a template; a template's
 * generated claim name comes from `status.resourceClaimStatuses`.
 */
export function resourceClaims(p: KubeObject): Metric[] {
  const resolved = new Map<string, string>();
  for (const raw of arr(podStatus(p).resourceClaimStatuses)) {
    const s = obj(raw);
    if (typeof s.resourceClaimName === 'string') resolved.set(str(s.name), s.resourceClaimName);
  }
  const out: Metric[] = [];
  for (const raw of arr(podSpec(p).resourceClaims)) {
    const rc = obj(raw);
    const claim = typeof rc.resourceClaimName === 'string' ? rc.resourceClaimName : undefined;
    const template = typeof rc.resourceClaimTemplateName === 'string' ? rc.resourceClaimTemplateName : undefined;
    if (claim === undefined && template === undefined) continue;
    const name = str(rc.name);
    out.push(
      sample(
        1,
        ['claim_name', 'resourceclaim_name', 'resourceclaim_template_name'],
        [name, claim ?? resolved.get(name) ?? '', template ?? ''],
      ),
    );
  }
  return out;
}
