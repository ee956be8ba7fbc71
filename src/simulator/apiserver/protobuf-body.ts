/**
 * Decodes `application/vnd.kubernetes.protobuf` request bodies, which kubectl 1.32+ sends for
 * typed creates (`kubectl create token|serviceaccount|role|clusterrole|rolebinding|
 * clusterrolebinding|namespace`). The body is the `k8s\0` magic, then a runtime.Unknown envelope
 * (TypeMeta, raw object bytes); the raw bytes are decoded with the field numbers of
 * k8s.io/api's generated.proto for the kinds in {@link PROTOBUF_KINDS}, into the JSON object the
 * same request would have carried as JSON (empty strings, zero numbers and empty messages
 * omitted, as Go's `omitempty` does). Hostile input fails with a 400, never a crash.
 */
import { ApiError, badRequest } from './errors.ts';
import { type MessageSchema, PROTOBUF_KINDS } from './protobuf-schemas.ts';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const MAX_DEPTH = 32;

class Reader {
  pos = 0;
  readonly buf: Buffer;
  readonly end: number;
  constructor(buf: Buffer, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw badRequest('protobuf body: truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw badRequest('protobuf body: varint too long');
  }
  bytes(): Buffer {
    const len = this.varint();
    if (len > this.end - this.pos) throw badRequest('protobuf body: length beyond the message');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) this.bytes();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 5) this.pos += 4;
    else throw badRequest(`protobuf body: unsupported wire type ${wireType}`);
    if (this.pos > this.end) throw badRequest('protobuf body: truncated field');
  }
}

type Json = Record<string, unknown>;

function rfc3339(seconds: number, nanos: number): string {
  const iso = new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
  return iso.replace(/\.\d+Z$/, 'Z');
}

function decodeMessage(buf: Buffer, schema: MessageSchema, depth: number): Json {
  if (depth > MAX_DEPTH) throw badRequest('protobuf body: nesting too deep');
  const r = new Reader(buf);
  const out: Json = {};
  while (r.pos < r.end) {
    const key = r.varint();
    const field = schema[Math.floor(key / 8)];
    const wireType = key % 8;
    if (!field) {
      r.skip(wireType);
      continue;
    }
    const [name, type, repeated] = field;
    let value: unknown;
    if (type === 'int' || type === 'bool') {
      if (wireType !== 0) throw badRequest(`protobuf body: field ${name} has wire type ${wireType}`);
      const n = r.varint();
      value = type === 'bool' ? n !== 0 : n;
    } else {
      if (wireType !== 2) throw badRequest(`protobuf body: field ${name} has wire type ${wireType}`);
      const bytes = r.bytes();
      if (type === 'string') value = bytes.toString('utf8');
      else if (type === 'time') {
        const t = decodeMessage(bytes, { 1: ['seconds', 'int'], 2: ['nanos', 'int'] }, depth + 1);
        value = t.seconds || t.nanos ? rfc3339(Number(t.seconds ?? 0), Number(t.nanos ?? 0)) : undefined;
      } else if (type === 'map') {
        const entry = decodeMessage(bytes, { 1: ['key', 'string'], 2: ['value', 'string'] }, depth + 1);
        const map = (out[name] ?? {}) as Record<string, string>;
        map[String(entry.key ?? '')] = String(entry.value ?? '');
        out[name] = map;
        continue;
      } else if (type === 'lists') {
        const entry = decodeMessage(
          bytes,
          { 1: ['key', 'string'], 2: ['value', { 1: ['items', 'string', true] }] },
          depth + 1,
        );
        const map = (out[name] ?? {}) as Record<string, string[]>;
        map[String(entry.key ?? '')] = ((entry.value as { items?: string[] } | undefined)?.items ?? []).slice();
        out[name] = map;
        continue;
      } else {
        value = decodeMessage(bytes, type, depth + 1);
      }
    }
    if (repeated) {
      const list = (out[name] ?? []) as unknown[];
      list.push(value);
      out[name] = list;
      continue;
    }
    // Go's omitempty: zero values are not part of the object.
    if (value === '' || value === 0 || value === false || value === undefined) continue;
    if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) continue;
    out[name] = value;
  }
  return out;
}

/** Decodes a protobuf request body into the JSON object it stands for. */
export function decodeProtobufBody(body: Buffer): Json {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badRequest('protobuf body: missing the k8s protobuf magic prefix');
  }
  const envelope = decodeMessage(
    body.subarray(MAGIC.length),
    { 1: ['typeMeta', { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }] },
    0,
  );
  const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const schema = PROTOBUF_KINDS[`${typeMeta.apiVersion}/${typeMeta.kind}`];
  if (!schema) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the simulator cannot decode ${typeMeta.apiVersion}/${typeMeta.kind} from protobuf; send application/json`,
    );
  }
  const raw = rawBytes(body.subarray(MAGIC.length));
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...decodeMessage(raw, schema, 0) };
}

/** Field 2 (raw) of the runtime.Unknown envelope, as bytes. */
function rawBytes(envelope: Buffer): Buffer {
  const r = new Reader(envelope);
  while (r.pos < r.end) {
    const key = r.varint();
    if (key === (2 << 3) + 2) return r.bytes();
    r.skip(key % 8);
  }
  return Buffer.alloc(0);
}
