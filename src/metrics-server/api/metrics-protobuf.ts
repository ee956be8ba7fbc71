/**
 * Kubernetes protobuf encoding of the metrics objects (what `kubectl top` asks for first):
 * the `k8s\0` magic, then `runtime.Unknown{typeMeta, raw, contentEncoding, contentType}` whose
 * `raw` is the message from k8s.io/metrics `generated.proto`. Field numbers come from those
 * .proto files; fields are written in ascending order, empty strings included and map entries
 * sorted by key, as gogo-generated Go code does.
 */
import type { Status } from '../../shared/kube/object.ts';
import { formatBytes, formatNanoCores } from '../../shared/quantity/index.ts';
import type { MetricsVersion, NodeMetricsItem, PodMetricsItem, ResourceUsage } from './api-types.ts';
import { METRICS_GROUP } from './api-types.ts';
import { ProtoWriter } from './protobuf-writer.ts';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const w = new ProtoWriter(raw.length + 64);
  w.begin(1).string(1, apiVersion).string(2, kind).end();
  w.bytes(2, raw);
  w.string(3, '');
  w.string(4, '');
  return Buffer.concat([MAGIC, w.finish()]);
}

/** metav1.Time: `{1: seconds}`; nanos are never written (JSON only keeps seconds); zero time = empty. */
function writeTime(w: ProtoWriter, field: number, ms: number | null): void {
  w.begin(field);
  if (ms !== null) w.int(1, Math.floor(ms / 1000)).int(2, 0);
  w.end();
}

function writeObjectMeta(
  w: ProtoWriter,
  name: string,
  namespace: string,
  creation: number,
  labels: Record<string, string> | undefined,
): void {
  w.begin(1);
  w.string(1, name).string(2, '').string(3, namespace).string(4, '').string(5, '').string(6, '').int(7, 0);
  writeTime(w, 8, creation);
  if (labels !== undefined) {
    for (const key of Object.keys(labels).sort()) {
      w.begin(11)
        .string(1, key)
        .string(2, labels[key] ?? '')
        .end();
    }
  }
  w.end();
}

function writeUsage(w: ProtoWriter, field: number, usage: ResourceUsage): void {
  // Map entries sorted by key: cpu, memory.
  w.begin(field).string(1, 'cpu').begin(2).string(1, formatNanoCores(usage.cpu)).end().end();
  w.begin(field).string(1, 'memory').begin(2).string(1, formatBytes(usage.memory)).end().end();
}

function writeNode(w: ProtoWriter, item: NodeMetricsItem): void {
  writeObjectMeta(w, item.name, '', item.creationTimestamp, item.labels);
  writeTime(w, 2, item.timestamp);
  w.begin(3).int(1, item.window).end();
  writeUsage(w, 4, item.usage);
}

function writePod(w: ProtoWriter, item: PodMetricsItem): void {
  writeObjectMeta(w, item.name, item.namespace, item.creationTimestamp, item.labels);
  writeTime(w, 2, item.timestamp);
  w.begin(3).int(1, item.window).end();
  for (const c of item.containers) {
    w.begin(4).string(1, c.name);
    writeUsage(w, 2, c.usage);
    w.end();
  }
}

function writeEmptyListMeta(w: ProtoWriter): void {
  w.begin(1).string(1, '').string(2, '').string(3, '').end();
}

export function nodeMetricsProto(item: NodeMetricsItem, version: MetricsVersion): Buffer {
  const w = new ProtoWriter(256);
  writeNode(w, item);
  return envelope(`${METRICS_GROUP}/${version}`, 'NodeMetrics', w.finish());
}

export function podMetricsProto(item: PodMetricsItem, version: MetricsVersion): Buffer {
  const w = new ProtoWriter(256);
  writePod(w, item);
  return envelope(`${METRICS_GROUP}/${version}`, 'PodMetrics', w.finish());
}

export function nodeMetricsListProto(items: readonly NodeMetricsItem[], version: MetricsVersion): Buffer {
  const w = new ProtoWriter(64 + items.length * 160);
  writeEmptyListMeta(w);
  for (const item of items) {
    w.begin(2);
    writeNode(w, item);
    w.end();
  }
  return envelope(`${METRICS_GROUP}/${version}`, 'NodeMetricsList', w.finish());
}

export function podMetricsListProto(items: readonly PodMetricsItem[], version: MetricsVersion): Buffer {
  const w = new ProtoWriter(64 + items.length * 200);
  writeEmptyListMeta(w);
  for (const item of items) {
    w.begin(2);
    writePod(w, item);
    w.end();
  }
  return envelope(`${METRICS_GROUP}/${version}`, 'PodMetricsList', w.finish());
}

/** `Status` as protobuf, for errors answered to a protobuf client. */
export function statusProto(s: Status): Buffer {
  const w = new ProtoWriter(256);
  writeEmptyListMeta(w);
  w.string(2, s.status)
    .string(3, s.message ?? '')
    .string(4, s.reason ?? '');
  if (s.details !== undefined) {
    const d = s.details;
    w.begin(5)
      .string(1, d.name ?? '')
      .string(2, d.group ?? '')
      .string(3, d.kind ?? '');
    for (const cause of d.causes ?? []) {
      w.begin(4)
        .string(1, cause.reason ?? '')
        .string(2, cause.message ?? '')
        .string(3, cause.field ?? '')
        .end();
    }
    w.int(5, d.retryAfterSeconds ?? 0).string(6, d.uid ?? '');
    w.end();
  }
  w.int(6, s.code);
  return envelope('v1', 'Status', w.finish());
}
