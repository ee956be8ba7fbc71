/** `Status` error objects with the messages upstream metrics-server and the generic apiserver use. */
import type { Status } from '../../shared/kube/object.ts';

export function status(code: number, reason: string, message: string, details?: Status['details']): Status {
  // Key order follows Go's field order so bodies match upstream byte for byte.
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code,
  };
}

/** `<resource>[.<group>] "<name>" not found`, as `errors.NewNotFound`. */
export function notFound(resource: string, group: string, name: string): Status {
  const qualified = group === '' ? resource : `${resource}.${group}`;
  const details: Status['details'] = group === '' ? { name, kind: resource } : { name, group, kind: resource };
  return status(404, 'NotFound', `${qualified} "${name}" not found`, details);
}

export function badRequest(message: string): Status {
  return status(400, 'BadRequest', message);
}

export function internalError(message: string): Status {
  return status(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

export function watchNotSupported(resource: 'nodes' | 'pods'): Status {
  return status(405, 'MethodNotAllowed', `watch is not supported on resources of kind "${resource}.metrics.k8s.io"`, {
    group: 'metrics.k8s.io',
    kind: resource,
  });
}

export function routeNotFound(): Status {
  return status(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function notAcceptable(): Status {
  return status(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
  );
}
