/** Columns of the small core kinds: namespaces, config maps, secrets, service accounts, events, quotas. */
import type { KubeObject } from '../../../shared/kube/object.ts';
import { timestampAge } from '../human-duration.ts';
import {
  AGE_COLUMN,
  age,
  type Cell,
  column,
  get,
  int,
  list,
  NAME_COLUMN,
  name,
  type Printer,
  record,
  str,
} from './column.ts';

/** The `Created At` column of printers that show a timestamp instead of an age. */
export const CREATED_AT_COLUMN = column('Created At', 'Time when the object was created.', 'date');

/** `creationTimestamp` in RFC 3339 UTC without fractions, as Go's `time.RFC3339` prints it. */
export function createdAt(obj: KubeObject): string {
  const at = Date.parse(str(obj.metadata?.creationTimestamp));
  return Number.isNaN(at) ? '0001-01-01T00:00:00Z' : new Date(at).toISOString().replace(/\.\d+Z$/, 'Z');
}

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column('Status', 'The status of the namespace'), AGE_COLUMN],
  cells: (ns, now) => [name(ns), str(get(ns, 'status', 'phase')) || 'Active', age(ns, now)],
};

function keyCount(...maps: unknown[]): number {
  return maps.reduce<number>((n, m) => n + Object.keys(record(m)).length, 0);
}

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, column('Data', 'Number of data keys.', 'integer'), AGE_COLUMN],
  cells: (cm, now) => [name(cm), keyCount(cm.data, cm.binaryData), age(cm, now)],
};

export const secretPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Type', 'The type of the secret'),
    column('Data', 'Number of data keys.', 'integer'),
    AGE_COLUMN,
  ],
  cells: (secret, now) => {
    const keys = new Set([...Object.keys(record(secret.data)), ...Object.keys(record(secret.stringData))]);
    return [name(secret), str(secret.type) || 'Opaque', keys.size, age(secret, now)];
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, column('Secrets', 'Number of secrets of the service account.', 'integer'), AGE_COLUMN],
  cells: (sa, now) => [name(sa), list(sa.secrets).length, age(sa, now)],
};

export const leasePrinter: Printer = {
  columns: [NAME_COLUMN, column('Holder', 'The holder of the lease.'), AGE_COLUMN],
  cells: (lease, now) => [name(lease), str(get(lease, 'spec', 'holderIdentity')), age(lease, now)],
};

export const limitRangePrinter: Printer = {
  columns: [NAME_COLUMN, CREATED_AT_COLUMN],
  cells: (obj) => [name(obj), createdAt(obj)],
};

export const resourceQuotaPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column(
      'Limit',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
  ],
  cells: (quota, now) => {
    const hard = record(get(quota, 'status', 'hard'));
    const used = record(get(quota, 'status', 'used'));
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of Object.keys(hard).sort()) {
      const text = `${resource}: ${str(used[resource]) || '0'}/${str(hard[resource])}`;
      (resource.startsWith('limits.') ? limits : requests).push(text);
    }
    return [name(quota), age(quota, now), requests.join(', '), limits.join(', ')];
  },
};

export const priorityClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Value', 'The value of this priority class.', 'integer'),
    column('Global-Default', 'Whether this priority class should be the default.', 'boolean'),
    AGE_COLUMN,
    column('PreemptionPolicy', 'The policy for preempting pods with lower priority.'),
  ],
  cells: (pc, now) => [
    name(pc),
    int(pc.value),
    pc.globalDefault === true,
    age(pc, now),
    str(pc.preemptionPolicy) || 'PreemptLowerPriority',
  ],
};

function eventSource(event: KubeObject): string {
  const component = str(get(event, 'source', 'component')) || str(event.reportingComponent);
  const host = str(get(event, 'source', 'host')) || str(event.reportingInstance);
  return host === '' ? component : `${component}, ${host}`;
}

export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning).'),
    column('Reason', "The reason for the transition into the object's current status."),
    column('Object', 'The object that this event is about.'),
    column('Subobject', 'The field of the object the event is about.', 'string', 1),
    column('Source', 'The component reporting this event.', 'string', 1),
    column('Message', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'The time at which the event was first recorded.', 'string', 1),
    column('Count', 'The number of times this event has occurred.', 'string', 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells: (event, now): Cell[] => {
    const first =
      typeof event.firstTimestamp === 'string' && event.firstTimestamp !== ''
        ? timestampAge(event.firstTimestamp, now)
        : timestampAge(event.eventTime, now);
    let last =
      typeof event.lastTimestamp === 'string' && event.lastTimestamp !== ''
        ? timestampAge(event.lastTimestamp, now)
        : first;
    let count = int(event.count);
    if (event.series !== undefined && event.series !== null) {
      last = timestampAge(get(event, 'series', 'lastObservedTime'), now);
      count = int(get(event, 'series', 'count'));
    } else if (count === 0) {
      count = 1;
    }
    const involved = record(event.involvedObject);
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) === '' ? kind : `${kind}/${str(involved.name)}`;
    return [
      last,
      str(event.type),
      str(event.reason),
      target,
      str(involved.fieldPath),
      eventSource(event),
      str(event.message).trim(),
      first,
      count,
      name(event),
    ];
  },
};
