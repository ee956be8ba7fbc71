/**
 * Label and field selectors with the syntax and matching rules of apimachinery, shared by the
 * simulator's API server, metrics-server and kube-state-metrics. Parsing errors throw
 * SelectorError, whose message the API server returns as a 400 BadRequest.
 */
import type { KubeObject } from './object.ts';

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export type LabelOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '!=' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Empty for exists / `!`; one value for `=`, `!=`, gt, lt. */
  values: string[];
}

/** A parsed label selector: every requirement must hold (AND). Empty = matches everything. */
export type LabelSelector = LabelRequirement[];

const KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why a label key is not a valid qualified name, or undefined when it is. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0) return 'prefix part must be non-empty';
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    }
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!KEY_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  }
  return undefined;
}

/** Why a label value is invalid, or undefined when it is valid. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  }
  return undefined;
}

type Token = { kind: 'id' | 'op' | '(' | ')' | ',' | '!'; text: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: c, text: c });
      i++;
    } else if (c === '!' && text[i + 1] === '=') {
      out.push({ kind: 'op', text: '!=' });
      i += 2;
    } else if (c === '!') {
      out.push({ kind: '!', text: '!' });
      i++;
    } else if (c === '=' && text[i + 1] === '=') {
      out.push({ kind: 'op', text: '==' });
      i += 2;
    } else if (c === '=' || c === '>' || c === '<') {
      out.push({ kind: 'op', text: c });
      i++;
    } else {
      let j = i;
      while (j < text.length && !' \t\n\r(),!=<>'.includes(text[j]!)) j++;
      out.push({ kind: 'id', text: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function requireKey(key: string): string {
  const problem = labelKeyProblem(key);
  if (problem) throw new SelectorError(`unable to parse requirement: key: Invalid value: "${key}": ${problem}`);
  return key;
}

function requireValue(value: string): string {
  const problem = labelValueProblem(value);
  if (problem) throw new SelectorError(`unable to parse requirement: values[0]: Invalid value: "${value}": ${problem}`);
  return value;
}

/** Parses `a=b,c!=d,e in (x,y),!f,g` into requirements. Throws SelectorError with the reason. */
export function parseLabelSelector(text: string): LabelSelector {
  const tokens = tokenize(text);
  const reqs: LabelSelector = [];
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const fail = (why: string): never => {
    throw new SelectorError(`unable to parse requirement: found '${peek()?.text ?? ''}', ${why}`);
  };
  while (i < tokens.length) {
    let tok = peek()!;
    if (tok.kind === '!') {
      i++;
      tok = peek() ?? fail('expected: identifier');
      if (tok.kind !== 'id') fail('expected: identifier');
      reqs.push({ key: requireKey(tok.text), operator: '!', values: [] });
      i++;
    } else if (tok.kind === 'id') {
      const key = requireKey(tok.text);
      i++;
      const op = peek();
      if (!op || op.kind === ',') {
        reqs.push({ key, operator: 'exists', values: [] });
      } else if (op.kind === 'op') {
        i++;
        const v = peek();
        let value = '';
        if (v?.kind === 'id') {
          value = v.text;
          i++;
        } else if (v && v.kind !== ',') {
          fail('expected: identifier');
        }
        if (op.text === '>' || op.text === '<') {
          if (!/^-?\d+$/.test(value)) {
            throw new SelectorError(
              `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
            );
          }
          reqs.push({ key, operator: op.text === '>' ? 'gt' : 'lt', values: [value] });
        } else {
          reqs.push({ key, operator: op.text === '!=' ? '!=' : '=', values: [requireValue(value)] });
        }
      } else if (op.kind === 'id' && (op.text === 'in' || op.text === 'notin')) {
        i++;
        if (peek()?.kind !== '(') fail("expected: '('");
        i++;
        const values: string[] = [];
        let expectValue = true;
        for (;;) {
          const t = peek() ?? fail("expected: ')'");
          if (t.kind === ')') {
            if (expectValue && values.length > 0) values.push('');
            i++;
            break;
          }
          if (t.kind === ',') {
            if (expectValue) values.push('');
            expectValue = true;
          } else if (t.kind === 'id' && expectValue) {
            values.push(requireValue(t.text));
            expectValue = false;
          } else {
            fail("expected: ',' or ')'");
          }
          i++;
        }
        if (values.length === 0) {
          throw new SelectorError(
            "unable to parse requirement: values: Required value: for 'in', 'notin' operators, values set can't be empty",
          );
        }
        reqs.push({ key, operator: op.text, values });
      } else {
        fail('expected: in, notin, =, ==, !=, gt, lt');
      }
    } else {
      fail("expected: !, identifier, or 'end of string'");
    }
    if (i < tokens.length) {
      if (peek()!.kind !== ',') fail("expected: ',' or 'end of string'");
      i++;
      if (i === tokens.length) fail("expected: identifier after ','");
    }
  }
  return reqs;
}

export function matchLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of selector) {
    const v = labels?.[r.key];
    switch (r.operator) {
      case '=':
        if (v !== r.values[0]) return false;
        break;
      case '!=':
        if (v === r.values[0]) return false;
        break;
      case 'in':
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (v === undefined) return false;
        break;
      case '!':
        if (v !== undefined) return false;
        break;
      case 'gt':
      case 'lt': {
        if (v === undefined || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (r.operator === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/** metav1.LabelSelector: `matchLabels` AND every `matchExpressions` entry. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

/**
 * Matches the metav1.LabelSelector form used by controllers. A null/undefined selector matches
 * nothing and an empty one `{}` matches everything, as in `metav1.LabelSelectorAsSelector`.
 * Unknown operators never match.
 */
export function matchLabelSelectorObject(
  selector: LabelSelectorObject | null | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels?.[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const v = labels?.[e.key];
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (v === undefined || !values.includes(v)) return false;
        break;
      case 'NotIn':
        if (v !== undefined && values.includes(v)) return false;
        break;
      case 'Exists':
        if (v === undefined) return false;
        break;
      case 'DoesNotExist':
        if (v !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export type FieldSelector = FieldRequirement[];

/**
 * Parses `a=b,c!=d` (also `==`). Values may escape `\,`, `\=` and `\\` as in apimachinery.
 * Field names are not checked here; see `fieldSelectorFields`.
 */
export function parseFieldSelector(text: string): FieldSelector {
  const out: FieldSelector = [];
  if (text.trim() === '') return out;
  for (const part of splitUnescaped(text)) {
    const m = /^([^=!]*?)\s*(==|!=|=)\s*(.*)$/s.exec(part);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    const field = m[1]!.trim();
    if (field === '') throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    out.push({ field, operator: m[2] === '!=' ? '!=' : '=', value: unescapeValue(m[3]!.trim()) });
  }
  return out;
}

function splitUnescaped(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[i + 1];
      i++;
    } else if (c === ',') {
      parts.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts;
}

function unescapeValue(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];

/** Fields a field selector may use per kind, beyond `metadata.name` / `metadata.namespace`. */
const KIND_FIELDS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Node: ['spec.unschedulable'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  ReplicationController: ['status.replicas'],
  Job: ['status.successful'],
  CertificateSigningRequest: ['spec.signerName'],
};

/** The field names a field selector may use on objects of `kind` (core kinds are matched by kind name). */
export function fieldSelectorFields(kind: string): string[] {
  return [...COMMON_FIELDS, ...(KIND_FIELDS[kind] ?? [])];
}

/** Throws SelectorError `field label not supported: X` for a field the kind does not index. */
export function checkFieldSelector(selector: FieldSelector, kind: string): void {
  const allowed = fieldSelectorFields(kind);
  for (const r of selector) {
    if (!allowed.includes(r.field)) throw new SelectorError(`field label not supported: ${r.field}`);
  }
}

/** The string value of a selectable field, as the apiserver's field set renders it. */
export function fieldValue(obj: KubeObject, field: string): string {
  switch (field) {
    case 'metadata.name':
      return obj.metadata.name ?? '';
    case 'metadata.namespace':
      return obj.metadata.namespace ?? '';
    case 'spec.unschedulable':
      return String(obj.spec?.unschedulable === true);
    case 'spec.hostNetwork':
      return String(obj.spec?.hostNetwork === true);
    case 'source':
      return String(obj.source?.component ?? '');
    default: {
      let cur: unknown = obj;
      for (const part of field.split('.')) {
        if (cur === null || typeof cur !== 'object') return '';
        cur = (cur as Record<string, unknown>)[part];
      }
      return cur === undefined || cur === null ? '' : String(cur);
    }
  }
}

export function matchFields(selector: FieldSelector, obj: KubeObject): boolean {
  for (const r of selector) {
    const v = fieldValue(obj, r.field);
    if (r.operator === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
