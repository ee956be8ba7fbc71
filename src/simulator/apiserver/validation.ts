/**
 * Metadata validation as kube-apiserver does it on create and update: name format per kind,
 * label keys and values, annotation size. Spec validation is out of scope (fixtures may be partial).
 */
import type { KubeObject } from '../../shared/kube/object.ts';
import { labelKeyProblem, labelValueProblem } from '../../shared/kube/selectors.ts';
import { type FieldError, invalid } from './errors.ts';
import type { ResourceType } from './resource-types.ts';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Total bytes of keys + values kube-apiserver allows in `metadata.annotations`. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

function nameRule(t: ResourceType): NameRule {
  if (t.group === '' && t.resource === 'namespaces') return 'label';
  if (t.group === '' && t.resource === 'services') return 'dns1035';
  // RBAC objects and a few others only forbid path-breaking names.
  if (t.group === 'rbac.authorization.k8s.io') return 'path-segment';
  return 'subdomain';
}

/** Problems with a name under the kind's rule; empty when valid. */
export function nameProblems(t: ResourceType, name: string): string[] {
  const rule = nameRule(t);
  const out: string[] = [];
  if (rule === 'path-segment') {
    if (name === '.' || name === '..') out.push(`may not be '${name}'`);
    if (name.includes('/')) out.push("may not contain '/'");
    if (name.includes('%')) out.push("may not contain '%'");
    return out;
  }
  const max = rule === 'subdomain' ? 253 : 63;
  if (name.length > max) out.push(`must be no more than ${max} characters`);
  if (rule === 'subdomain' && !DNS1123_SUBDOMAIN.test(name)) out.push(SUBDOMAIN_MSG);
  if (rule === 'label' && !DNS1123_LABEL.test(name)) out.push(LABEL_MSG);
  if (rule === 'dns1035' && !DNS1035_LABEL.test(name)) out.push(DNS1035_MSG);
  return out;
}

/** Throws 422 Invalid listing every metadata problem of `obj` (name already resolved from generateName). */
export function validateMetadata(t: ResourceType, obj: KubeObject): void {
  const errors: FieldError[] = [];
  const meta = obj.metadata;
  for (const field of ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp'] as const) {
    const v = meta[field];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      throw invalid(t, '', [
        { field: `metadata.${field}`, type: 'Invalid value', value: JSON.stringify(v), detail: 'must be a string' },
      ]);
    }
  }
  const finalizers: unknown = meta.finalizers;
  if (finalizers !== undefined && finalizers !== null) {
    if (!Array.isArray(finalizers) || finalizers.some((f) => typeof f !== 'string')) {
      errors.push({
        field: 'metadata.finalizers',
        type: 'Invalid value',
        value: JSON.stringify(finalizers),
        detail: 'must be a list of strings',
      });
    }
  }
  const owners: unknown = meta.ownerReferences;
  if (owners !== undefined && owners !== null) {
    const ok =
      Array.isArray(owners) &&
      owners.every(
        (o) =>
          typeof o === 'object' &&
          o !== null &&
          ['apiVersion', 'kind', 'name', 'uid'].every((k) => typeof (o as Record<string, unknown>)[k] === 'string'),
      );
    if (!ok) {
      errors.push({
        field: 'metadata.ownerReferences',
        type: 'Invalid value',
        value: JSON.stringify(owners).slice(0, 200),
        detail: 'must be a list of {apiVersion, kind, name, uid}',
      });
    }
  }
  const name = meta.name ?? '';
  if (name === '') {
    errors.push({ field: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' });
  } else {
    for (const detail of nameProblems(t, name)) {
      errors.push({ field: 'metadata.name', type: 'Invalid value', value: name, detail });
    }
  }
  if (t.namespaced && !meta.namespace) {
    errors.push({ field: 'metadata.namespace', type: 'Required value', detail: '' });
  }
  const labels: unknown = meta.labels;
  if (labels !== undefined && labels !== null) {
    if (typeof labels !== 'object' || Array.isArray(labels)) {
      errors.push({
        field: 'metadata.labels',
        type: 'Invalid value',
        value: 'non-map',
        detail: 'must be a map of strings',
      });
    } else {
      for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
        const kp = labelKeyProblem(k);
        if (kp) errors.push({ field: 'metadata.labels', type: 'Invalid value', value: k, detail: kp });
        if (typeof v !== 'string') {
          errors.push({
            field: `metadata.labels[${k}]`,
            type: 'Invalid value',
            value: String(v),
            detail: 'must be a string',
          });
          continue;
        }
        const vp = labelValueProblem(v);
        if (vp) errors.push({ field: 'metadata.labels', type: 'Invalid value', value: v, detail: vp });
      }
    }
  }
  const annotations: unknown = meta.annotations;
  if (annotations !== undefined && annotations !== null) {
    if (typeof annotations !== 'object' || Array.isArray(annotations)) {
      errors.push({
        field: 'metadata.annotations',
        type: 'Invalid value',
        value: 'non-map',
        detail: 'must be a map of strings',
      });
    } else {
      let size = 0;
      for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
        const kp = labelKeyProblem(k.toLowerCase());
        if (kp) errors.push({ field: 'metadata.annotations', type: 'Invalid value', value: k, detail: kp });
        if (typeof v !== 'string') {
          errors.push({
            field: `metadata.annotations[${k}]`,
            type: 'Invalid value',
            value: String(v),
            detail: 'must be a string',
          });
          continue;
        }
        size += k.length + v.length;
      }
      if (size > ANNOTATIONS_MAX_BYTES) {
        errors.push({
          field: 'metadata.annotations',
          type: 'Too long',
          detail: `must have at most ${ANNOTATIONS_MAX_BYTES} bytes`,
        });
      }
    }
  }
  if (errors.length > 0) throw invalid(t, name, errors);
}
