/**
 * The "Apiserver audit log" flags. Upstream writes audit events; here they are accepted and
 * validated by type only (see docs/metrics-server.md), so manifests that set them keep working.
 */
import type { FlagSection } from '../../shared/flags/flag-set.ts';

/** Defines the section's flags; returns `--audit-log-path` (logged as unsupported when set). */
export function defineAuditLogFlags(apiserverAuditLog: FlagSection): { auditLogPath: { value: string } } {
  apiserverAuditLog.int(
    'audit-log-batch-buffer-size',
    10000,
    'The size of the buffer to store events before batching and writing. Only used in batch mode.',
  );
  apiserverAuditLog.int('audit-log-batch-max-size', 1, 'The maximum size of a batch. Only used in batch mode.');
  apiserverAuditLog.duration(
    'audit-log-batch-max-wait',
    0,
    "The amount of time to wait before force writing the batch that hadn't reached the max size. Only used in batch mode.",
  );
  apiserverAuditLog.int(
    'audit-log-batch-throttle-burst',
    0,
    'Maximum number of requests sent at the same moment if ThrottleQPS was not utilized before. Only used in batch mode.',
  );
  apiserverAuditLog.bool(
    'audit-log-batch-throttle-enable',
    false,
    'Whether batching throttling is enabled. Only used in batch mode.',
  );
  apiserverAuditLog.float(
    'audit-log-batch-throttle-qps',
    0,
    'Maximum average number of batches per second. Only used in batch mode.',
    { typeName: 'float32' },
  );
  apiserverAuditLog.bool('audit-log-compress', false, 'If set, the rotated log files will be compressed using gzip.');
  apiserverAuditLog.string(
    'audit-log-format',
    'json',
    'Format of saved audits. "legacy" indicates 1-line text format for each event. "json" indicates structured json format. Known formats are legacy,json.',
  );
  apiserverAuditLog.int(
    'audit-log-maxage',
    366,
    'The maximum number of days to retain old audit log files based on the timestamp encoded in their filename. Setting a value of 0 means old audit log files are not removed based on age.',
  );
  apiserverAuditLog.int(
    'audit-log-maxbackup',
    100,
    "The maximum number of old audit log files to retain. Setting a value of 0 will mean there's no restriction on the number of files.",
  );
  apiserverAuditLog.int(
    'audit-log-maxsize',
    100,
    'The maximum size in megabytes of the audit log file before it gets rotated. Setting to 0 disables rotation (not recommended).',
  );
  apiserverAuditLog.string(
    'audit-log-mode',
    'blocking',
    'Strategy for sending audit events. Blocking indicates sending events should block server responses. Batch causes the backend to buffer and write events asynchronously. Known modes are batch,blocking,blocking-strict.',
  );
  const auditLogPath = apiserverAuditLog.string(
    'audit-log-path',
    '',
    "If set, all requests coming to the apiserver will be logged to this file.  '-' means standard out.",
  );
  apiserverAuditLog.bool('audit-log-truncate-enabled', false, 'Whether event and batch truncating is enabled.');
  apiserverAuditLog.int(
    'audit-log-truncate-max-batch-size',
    10485760,
    'Maximum size of the batch sent to the underlying backend. Actual serialized size can be several hundreds of bytes greater. If a batch exceeds this limit, it is split into several batches of smaller size.',
  );
  apiserverAuditLog.int(
    'audit-log-truncate-max-event-size',
    102400,
    "Maximum size of the audit event sent to the underlying backend. If the size of an event is greater than this number, first request and response are removed, and if this doesn't reduce the size enough, event is discarded.",
  );
  apiserverAuditLog.string(
    'audit-log-version',
    'audit.k8s.io/v1',
    'API group and version used for serializing audit events written to log.',
  );
  apiserverAuditLog.string('audit-policy-file', '', 'Path to the file that defines the audit policy configuration.');
  apiserverAuditLog.int(
    'audit-webhook-batch-buffer-size',
    10000,
    'The size of the buffer to store events before batching and writing. Only used in batch mode.',
  );
  apiserverAuditLog.int('audit-webhook-batch-max-size', 400, 'The maximum size of a batch. Only used in batch mode.');
  apiserverAuditLog.duration(
    'audit-webhook-batch-max-wait',
    30000,
    "The amount of time to wait before force writing the batch that hadn't reached the max size. Only used in batch mode.",
  );
  apiserverAuditLog.int(
    'audit-webhook-batch-throttle-burst',
    15,
    'Maximum number of requests sent at the same moment if ThrottleQPS was not utilized before. Only used in batch mode.',
  );
  apiserverAuditLog.bool(
    'audit-webhook-batch-throttle-enable',
    true,
    'Whether batching throttling is enabled. Only used in batch mode.',
  );
  apiserverAuditLog.float(
    'audit-webhook-batch-throttle-qps',
    10,
    'Maximum average number of batches per second. Only used in batch mode.',
    { typeName: 'float32' },
  );
  apiserverAuditLog.string(
    'audit-webhook-config-file',
    '',
    'Path to a kubeconfig formatted file that defines the audit webhook configuration.',
  );
  apiserverAuditLog.duration(
    'audit-webhook-initial-backoff',
    10000,
    'The amount of time to wait before retrying the first failed request.',
  );
  apiserverAuditLog.string(
    'audit-webhook-mode',
    'batch',
    'Strategy for sending audit events. Blocking indicates sending events should block server responses. Batch causes the backend to buffer and write events asynchronously. Known modes are batch,blocking,blocking-strict.',
  );
  apiserverAuditLog.bool('audit-webhook-truncate-enabled', false, 'Whether event and batch truncating is enabled.');
  apiserverAuditLog.int(
    'audit-webhook-truncate-max-batch-size',
    10485760,
    'Maximum size of the batch sent to the underlying backend. Actual serialized size can be several hundreds of bytes greater. If a batch exceeds this limit, it is split into several batches of smaller size.',
  );
  apiserverAuditLog.int(
    'audit-webhook-truncate-max-event-size',
    102400,
    "Maximum size of the audit event sent to the underlying backend. If the size of an event is greater than this number, first request and response are removed, and if this doesn't reduce the size enough, event is discarded.",
  );
  apiserverAuditLog.string(
    'audit-webhook-version',
    'audit.k8s.io/v1',
    'API group and version used for serializing audit events written to webhook.',
  );
  return { auditLogPath };
}
