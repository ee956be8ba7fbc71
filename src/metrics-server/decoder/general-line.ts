/**
 * The general line parser of the `/metrics/resource` decoder and the state it shares with the
 * fast path: any layout the text format allows (spacing, label order, escapes, extra labels),
 * node series, and every error with its message. Lines take this path when the fast path in
 * `resource-decoder.ts` declines them, so both must agree on what each line means.
 */
import type { MetricsPoint } from '../storage/types.ts';
import { parseDecimal } from './decimal-bytes.ts';
import { NameTable, PodTable } from './label-intern.ts';

export const KIND_NODE_CPU = 1;
export const KIND_NODE_MEMORY = 2;
export const KIND_CONTAINER_CPU = 3;
export const KIND_CONTAINER_MEMORY = 4;
export const KIND_CONTAINER_START = 5;

const WANTED: [Buffer, number][] = [
  [Buffer.from('node_cpu_usage_seconds_total'), KIND_NODE_CPU],
  [Buffer.from('node_memory_working_set_bytes'), KIND_NODE_MEMORY],
  [Buffer.from('container_cpu_usage_seconds_total'), KIND_CONTAINER_CPU],
  [Buffer.from('container_memory_working_set_bytes'), KIND_CONTAINER_MEMORY],
  [Buffer.from('container_start_time_seconds'), KIND_CONTAINER_START],
];

const WANTED_LENGTH: number[] = [];
for (const [name, kind] of WANTED) WANTED_LENGTH[kind] = name.length;

const LABEL_CONTAINER = Buffer.from('container');
const LABEL_POD = Buffer.from('pod');
const LABEL_NAMESPACE = Buffer.from('namespace');

const NL = 10;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const HASH = 35;
const COMMA = 44;
const EQUALS = 61;
const LBRACE = 123;
const RBRACE = 125;

/** Largest time a JavaScript Date can hold; later timestamps could not be served. */
export const MAX_TIMESTAMP_MS = 8.64e15;

/** Largest value whose conversion to int64 nanoseconds does not overflow in Go. */
export const MAX_SECONDS = 9.2e9;

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}

function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
}

function equalsAt(buf: Buffer, start: number, end: number, word: Buffer): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[start + i] !== word[i]) return false;
  return true;
}

/**
 * `Buffer#latin1Slice` skips the encoding dispatch of `toString('latin1', ...)`; it is a stable
 * (if undocumented) Buffer method on every Node release since 0.x, absent from @types/node.
 */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(start: number, end: number): string }).latin1Slice;

export function latin1(buf: Buffer, start: number, end: number): string {
  return latin1Slice.call(buf, start, end);
}

export class DecodeError extends Error {
  readonly pos: number;
  constructor(message: string, pos: number) {
    super(message);
    this.pos = pos;
  }
}

export function emptyPoint(): MetricsPoint {
  return { startTime: 0, timestamp: 0, cumulativeCpuUsed: 0, memoryUsage: 0 };
}

/** What the label set of a container series resolved to; found again by its raw bytes. */
export interface ContainerSlot {
  point: MetricsPoint;
  /** Index of its pod in `Decoding.pods`. */
  pod: number;
  /** Where its label text first appeared in the body. */
  start: number;
  end: number;
}

/** Everything one decode accumulates. */
export class Decoding {
  readonly buf: Buffer;
  readonly dv: DataView;
  readonly len: number;
  readonly requestTime: number;
  node: MetricsPoint | undefined = undefined;
  /** Pods by `namespace/name` in order of first appearance, also found by their label bytes. */
  readonly pods = new PodTable();
  readonly names = new NameTable();
  /** Container label texts in order of first appearance. */
  readonly order: ContainerSlot[] = [];
  /** Index in `order` of the slot expected next within the current family. */
  cursor = 0;
  lastKind = 0;

  constructor(buf: Buffer, requestTime: number) {
    this.buf = buf;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.len = buf.length;
    this.requestTime = requestTime;
  }
}

function sameBytes(buf: Buffer, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const n = aEnd - aStart;
  if (n !== bEnd - bStart) return false;
  for (let i = 0; i < n; i++) if (buf[aStart + i] !== buf[bStart + i]) return false;
  return true;
}

/** Parses the line at `pos` in any valid layout; returns where the next line starts. */
export function generalLine(st: Decoding, pos: number): number {
  const buf = st.buf;
  const len = st.len;
  let c = buf[pos]!;
  while ((c === SPACE || c === TAB) && pos < len) c = buf[++pos]!;
  if (pos >= len) return len;
  if (c === NL) return pos + 1;
  let lineEnd = buf.indexOf(NL, pos);
  if (lineEnd === -1) lineEnd = len;
  if (c === HASH) return lineEnd + 1;
  if (!isNameStart(c))
    throw new DecodeError(`invalid metric name start ${JSON.stringify(String.fromCharCode(c))}`, pos);
  const nameStart = pos;
  // Match the five wanted names directly; any other series is skipped without reading it.
  let kind = 0;
  if (c === 110 || c === 99) {
    for (let w = 0; w < WANTED.length; w++) {
      const entry = WANTED[w]!;
      const name = entry[0];
      const after = buf[nameStart + name.length];
      if (nameStart + name.length <= lineEnd && (after === LBRACE || after === SPACE || after === TAB)) {
        if (equalsAt(buf, nameStart, nameStart + name.length, name)) {
          kind = entry[1];
          break;
        }
      }
    }
  }
  if (kind === 0) return lineEnd + 1;
  pos = nameStart + WANTED_LENGTH[kind]!;

  // The label set ends at the last `}` of the line: value and timestamp cannot contain one.
  let labelEnd = pos;
  if (buf[pos] === LBRACE) {
    labelEnd = lineEnd - 1;
    while (labelEnd > pos && buf[labelEnd] !== RBRACE) labelEnd--;
    if (labelEnd === pos) throw new DecodeError('unterminated label set', pos);
    labelEnd++;
  }

  // Value, then optional timestamp in ms (digits only: a negative timestamp is a parse error, as upstream).
  let p = labelEnd;
  if (p >= lineEnd || (buf[p] !== SPACE && buf[p] !== TAB)) throw new DecodeError('expected value after series', p);
  while (p < lineEnd && (buf[p] === SPACE || buf[p] === TAB)) p++;
  const numStart = p;
  while (p < lineEnd && buf[p] !== SPACE && buf[p] !== TAB) p++;
  const value = parseDecimal(buf, numStart, p);
  if (!(value >= 0) || value === Number.POSITIVE_INFINITY) {
    throw new DecodeError(`invalid value ${JSON.stringify(latin1(buf, numStart, p))}`, numStart);
  }
  while (p < lineEnd && (buf[p] === SPACE || buf[p] === TAB)) p++;
  let timestamp = st.requestTime;
  if (p < lineEnd) {
    let ts = 0;
    const tsStart = p;
    let d = buf[p]!;
    while (p < lineEnd && d >= 48 && d <= 57) {
      ts = ts * 10 + (d - 48);
      d = buf[++p]!;
    }
    if (p === tsStart || ts > MAX_TIMESTAMP_MS) throw new DecodeError('invalid timestamp', tsStart);
    timestamp = ts;
    while (p < lineEnd && (buf[p] === SPACE || buf[p] === TAB)) p++;
    if (p < lineEnd) throw new DecodeError('unexpected text after timestamp', p);
  }

  if (kind === KIND_NODE_CPU || kind === KIND_NODE_MEMORY) {
    if (labelEnd !== pos) parseLabels(buf, pos, labelEnd);
    st.node ??= emptyPoint();
    const node = st.node;
    if (kind === KIND_NODE_CPU) node.cumulativeCpuUsed = Math.trunc(value * 1e9);
    else node.memoryUsage = Math.trunc(value);
    node.timestamp = timestamp;
    return lineEnd + 1;
  }

  // Same slot prediction as the fast path, by plain byte comparison.
  if (kind !== st.lastKind) {
    st.cursor = 0;
    st.lastKind = kind;
  }
  const order = st.order;
  let slot = order[st.cursor];
  if (slot !== undefined && sameBytes(buf, slot.start, slot.end, pos, labelEnd)) {
    st.cursor++;
  } else {
    slot = order[st.cursor + 1];
    if (slot !== undefined && sameBytes(buf, slot.start, slot.end, pos, labelEnd)) {
      st.cursor += 2;
    } else {
      // New or out-of-order label text: parse it. Equal label sets written differently resolve
      // to the same point through the pod and container maps.
      const labels = labelEnd === pos ? NO_LABELS : parseLabels(buf, pos, labelEnd, latin1(buf, pos, labelEnd));
      slot = newSlot(st, labels, nameStart, pos, labelEnd);
      if (st.cursor === order.length) st.cursor++;
      order.push(slot);
    }
  }
  const point = slot.point;
  if (kind === KIND_CONTAINER_CPU) {
    point.cumulativeCpuUsed = Math.trunc(value * 1e9);
    point.timestamp = timestamp;
  } else if (kind === KIND_CONTAINER_MEMORY) {
    point.memoryUsage = Math.trunc(value);
    point.timestamp = timestamp;
  } else {
    if (value > MAX_SECONDS) throw new DecodeError('start time out of range', numStart);
    point.startTime = Math.trunc(value * 1e9);
  }
  return lineEnd + 1;
}

interface ContainerLabels {
  container: string | undefined;
  pod: string | undefined;
  namespace: string | undefined;
}

const NO_LABELS: ContainerLabels = { container: undefined, pod: undefined, namespace: undefined };

/** The slot of a label text first seen at [start, end), its pod and container found or added by name. */
function newSlot(st: Decoding, labels: ContainerLabels, at: number, start: number, end: number): ContainerSlot {
  const { container, pod, namespace } = labels;
  // Upstream slices blindly here (and panics on a label-less series); reject instead.
  if (!container || !pod || !namespace) {
    const missing = !container ? 'container' : !pod ? 'pod' : 'namespace';
    throw new DecodeError(`series lacks a non-empty ${missing} label`, at);
  }
  if (namespace.includes('/')) throw new DecodeError(`invalid namespace ${JSON.stringify(namespace)}`, at);
  const podIndex = st.pods.podForKey(`${namespace}/${pod}`);
  const podPoint = st.pods.points[podIndex]!;
  let point = podPoint.containers.get(container);
  if (point === undefined) {
    point = emptyPoint();
    podPoint.containers.set(container, point);
  }
  return { point, pod: podIndex, start, end };
}

/** Fully validates the label set `{...}` in [start, end) and extracts the three labels used. */
function parseLabels(buf: Buffer, start: number, end: number, text?: string): ContainerLabels {
  const out: ContainerLabels = { container: undefined, pod: undefined, namespace: undefined };
  let pos = start + 1;
  for (;;) {
    while (pos < end && (buf[pos] === SPACE || buf[pos] === TAB)) pos++;
    if (pos >= end) throw new DecodeError('unterminated label set', pos);
    if (buf[pos] === RBRACE) {
      pos++;
      break;
    }
    const labelStart = pos;
    while (pos < end && isLabelChar(buf[pos]!)) pos++;
    const labelEnd = pos;
    if (labelEnd === labelStart || (buf[labelStart]! >= 48 && buf[labelStart]! <= 57)) {
      throw new DecodeError('invalid label name', labelStart);
    }
    while (pos < end && (buf[pos] === SPACE || buf[pos] === TAB)) pos++;
    if (buf[pos] !== EQUALS) throw new DecodeError('expected "=" after label name', pos);
    pos++;
    while (pos < end && (buf[pos] === SPACE || buf[pos] === TAB)) pos++;
    if (buf[pos] !== QUOTE) throw new DecodeError('expected quoted label value', pos);
    pos++;
    const valueStart = pos;
    let escaped = false;
    let ascii = true;
    for (;;) {
      if (pos >= end) throw new DecodeError('unterminated label value', valueStart);
      const b = buf[pos]!;
      if (b === QUOTE) break;
      if (b === BACKSLASH) {
        escaped = true;
        pos += 2;
      } else {
        if (b > 127) ascii = false;
        pos++;
      }
    }
    const valueEnd = pos;
    pos++;
    let target = 0;
    if (equalsAt(buf, labelStart, labelEnd, LABEL_CONTAINER)) target = 1;
    else if (equalsAt(buf, labelStart, labelEnd, LABEL_POD)) target = 2;
    else if (equalsAt(buf, labelStart, labelEnd, LABEL_NAMESPACE)) target = 3;
    if (target !== 0) {
      // Substrings of the already-sliced label text avoid one native call per value.
      const raw = !ascii
        ? buf.toString('utf8', valueStart, valueEnd)
        : text !== undefined
          ? text.substring(valueStart - start, valueEnd - start)
          : latin1(buf, valueStart, valueEnd);
      const value = escaped ? unescapeLabel(raw, valueStart) : raw;
      if (target === 1) out.container = value;
      else if (target === 2) out.pod = value;
      else out.namespace = value;
    }
    while (pos < end && (buf[pos] === SPACE || buf[pos] === TAB)) pos++;
    if (buf[pos] === COMMA) pos++;
    else if (buf[pos] !== RBRACE) throw new DecodeError('expected "," or "}" in label set', pos);
  }
  if (pos !== end) throw new DecodeError('unexpected text after label set', pos);
  return out;
}

function unescapeLabel(raw: string, pos: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = raw[++i];
    if (next === '\\') out += '\\';
    else if (next === '"') out += '"';
    else if (next === 'n') out += '\n';
    else throw new DecodeError(`invalid escape "\\${next ?? ''}" in label value`, pos);
  }
  return out;
}
