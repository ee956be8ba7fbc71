/**
 * API errors as kube-apiserver reports them: an HTTP code, a machine-readable `reason` and a
 * `Status` body. Thrown by the store and the handlers, turned into responses in one place.
 */
import type { Status, StatusCause } from '../../shared/kube/object.ts';
import type { ResourceType } from './resource-types.ts';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Expired'
  | 'Gone'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'Invalid'
  | 'InternalError'
  | 'ServiceUnavailable';

export interface ErrorDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export class ApiError extends Error {
  readonly code: number;
  readonly reason: StatusReason;
  readonly details: ErrorDetails | undefined;

  constructor(code: number, reason: StatusReason, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): Status {
    return statusFailure(this.code, this.reason, this.message, this.details);
  }
}

export function statusFailure(code: number, reason: string, message: string, details?: ErrorDetails): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** `pods` or `deployments.apps`: how kube-apiserver names a resource in messages. */
export function qualifiedResource(t: Pick<ResourceType, 'group' | 'resource'>): string {
  return t.group === '' ? t.resource : `${t.resource}.${t.group}`;
}

function detailsOf(t: Pick<ResourceType, 'group' | 'resource'>, name: string): ErrorDetails {
  return { name, group: t.group, kind: t.resource };
}

export function notFound(t: Pick<ResourceType, 'group' | 'resource'>, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(t)} "${name}" not found`, detailsOf(t, name));
}

export function alreadyExists(t: Pick<ResourceType, 'group' | 'resource'>, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(t)} "${name}" already exists`, detailsOf(t, name));
}

export function conflict(t: Pick<ResourceType, 'group' | 'resource'>, name: string, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": ${why}`,
    detailsOf(t, name),
  );
}

export const MODIFIED_CONFLICT =
  'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 405: the verb does not exist for this path (POST on a named object, PUT on a collection, ...). */
export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

/** One field error, rendered like apimachinery's field.Error. */
export interface FieldError {
  field: string;
  type: 'Required value' | 'Invalid value' | 'Forbidden' | 'Too long' | 'Unsupported value' | 'Duplicate value';
  /** The offending value (JSON-rendered in the message); absent for `Required value` / `Too long`. */
  value?: unknown;
  detail: string;
}

const CAUSE_TYPE: Record<FieldError['type'], string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  Forbidden: 'FieldValueForbidden',
  'Too long': 'FieldValueTooLong',
  'Unsupported value': 'FieldValueNotSupported',
  'Duplicate value': 'FieldValueDuplicate',
};

export function renderFieldError(e: FieldError): string {
  if (e.value === undefined) return `${e.field}: ${e.type}: ${e.detail}`;
  const shown = typeof e.value === 'string' ? JSON.stringify(e.value) : String(e.value);
  return `${e.field}: ${e.type}: ${shown}: ${e.detail}`;
}

/** 422 Invalid: `Pod "x" is invalid: <one error>` or `... is invalid: [<e1>, <e2>]`. */
export function invalid(t: Pick<ResourceType, 'group' | 'kind'>, name: string, errors: FieldError[]): ApiError {
  const rendered = errors.map(renderFieldError);
  const joined = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${t.kind}${t.group ? `.${t.group}` : ''} "${name}" is invalid: ${joined}`, {
    name,
    group: t.group,
    kind: t.kind,
    causes: errors.map((e, i) => ({
      reason: CAUSE_TYPE[e.type],
      message: rendered[i]!.slice(e.field.length + 2),
      field: e.field,
    })),
  });
}
