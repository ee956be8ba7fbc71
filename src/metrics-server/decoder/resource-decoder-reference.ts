/**
 * TEST HELPER ONLY: the previous implementation of the `/metrics/resource` decoder (commit
 * b1c2f61/fd58ebf), frozen so the differential test can check that the optimised decoder in
 * `resource-decoder.ts` yields identical results and error messages. Never import it from
 * production code.
 *
 * Decoder of the kubelet's `/metrics/resource` text (Prometheus text format 0.0.4) into one
 * node's `MetricsBatch`, with upstream metrics-server's selection and drop rules
 * (`pkg/scraper/client/resource/decode.go`).
 *
 * It works on bytes, without regular expressions: series other than the five it needs are
 * skipped by metric name, with one native newline search, before their labels are read.
 * Unlike upstream (which runs the full Prometheus parser), syntax errors inside skipped series
 * and comment lines are therefore not detected; every series that is used is fully validated.
 *
 * It never throws: any malformed input yields `{ ok: false, error }`, which drops the node.
 */
import type { MetricsBatch, MetricsPoint, PodMetricsPoint } from '../storage/types.ts';

type DecodeResult =
  | {
      ok: true;
      batch: MetricsBatch;
      /** True when node series were present but CPU or memory was zero or missing. */
      nodeIncomplete: boolean;
      /** `namespace/name` of pods dropped because a container had zero/missing CPU or memory. */
      incompletePods: string[];
    }
  | { ok: false; error: string };

const KIND_NODE_CPU = 1;
const KIND_NODE_MEMORY = 2;
const KIND_CONTAINER_CPU = 3;
const KIND_CONTAINER_MEMORY = 4;
const KIND_CONTAINER_START = 5;

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

// Largest time a JavaScript Date can hold; later timestamps could not be served.
const MAX_TIMESTAMP_MS = 8.64e15;

// Largest value whose conversion to int64 nanoseconds does not overflow in Go.
const MAX_SECONDS = 9.2e9;

function isNameStart(c: number): boolean {
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

function latin1(buf: Buffer, start: number, end: number): string {
  return latin1Slice.call(buf, start, end);
}

class DecodeError extends Error {
  readonly pos: number;
  constructor(message: string, pos: number) {
    super(message);
    this.pos = pos;
  }
}

function lineNumber(buf: Buffer, pos: number): number {
  let line = 1;
  let i = buf.indexOf(NL, 0);
  while (i !== -1 && i < pos) {
    line++;
    i = buf.indexOf(NL, i + 1);
  }
  return line;
}

function emptyPoint(): MetricsPoint {
  return { startTime: 0, timestamp: 0, cumulativeCpuUsed: 0, memoryUsage: 0 };
}

/**
 * Decodes one kubelet response. `requestTime` (ms since the epoch) stands in for samples
 * without a timestamp, as upstream uses the request start.
 */
export function decodeResourceMetricsReference(
  body: Uint8Array | string,
  nodeName: string,
  requestTime: number,
): DecodeResult {
  const buf =
    typeof body === 'string'
      ? Buffer.from(body, 'utf8')
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  try {
    return decode(buf, nodeName, requestTime);
  } catch (err) {
    if (err instanceof DecodeError) {
      return { ok: false, error: `failed parsing metrics: ${err.message} (line ${lineNumber(buf, err.pos)})` };
    }
    return { ok: false, error: `failed parsing metrics: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parses a sample value in [start, end). Correctly rounded like Go's ParseFloat: short mantissas
 * with small exponents take the exact fast path (one IEEE rounding), anything else goes through
 * `Number`. NaN, Inf and negatives are rejected (upstream would store garbage).
 */
function parseValue(buf: Buffer, start: number, end: number): number {
  let pos = start;
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let sawDigit = false;
  let c = buf[pos];
  while (pos < end && c! >= 48 && c! <= 57) {
    sawDigit = true;
    if (digits > 0 || c !== 48) {
      mantissa = mantissa * 10 + (c! - 48);
      digits++;
    }
    c = buf[++pos];
  }
  if (pos < end && c === 46) {
    c = buf[++pos];
    while (pos < end && c! >= 48 && c! <= 57) {
      sawDigit = true;
      if (digits > 0 || c !== 48) {
        mantissa = mantissa * 10 + (c! - 48);
        digits++;
      }
      exponent--;
      c = buf[++pos];
    }
  }
  if (sawDigit && pos < end && (c === 101 || c === 69)) {
    c = buf[++pos];
    let expSign = 1;
    if (c === 43 || c === 45) {
      if (c === 45) expSign = -1;
      c = buf[++pos];
    }
    let exp = 0;
    const expStart = pos;
    while (pos < end && c! >= 48 && c! <= 57 && pos - expStart < 6) {
      exp = exp * 10 + (c! - 48);
      c = buf[++pos];
    }
    if (pos === expStart) return Number.NaN;
    exponent += expSign * exp;
  }
  if (!sawDigit || pos !== end) return Number.NaN;
  if (digits <= 15 && exponent >= -22 && exponent <= 22) {
    return exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
  }
  return Number(latin1(buf, start, end));
}

/** What the label set of a container series resolved to; cached by its raw text. */
interface ContainerSlot {
  point: MetricsPoint;
  /** Where its label text first appeared in the body. */
  start: number;
  end: number;
}

function sameBytes(buf: Buffer, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const n = aEnd - aStart;
  if (n !== bEnd - bStart) return false;
  for (let i = 0; i < n; i++) if (buf[aStart + i] !== buf[bStart + i]) return false;
  return true;
}

function decode(buf: Buffer, nodeName: string, requestTime: number): DecodeResult {
  const len = buf.length;
  let node: MetricsPoint | undefined;
  const pods = new Map<string, PodMetricsPoint>();
  // The three container families repeat the same label text per container, so the raw
  // `{...}` bytes are parsed and validated once and later lines cost one byte comparison.
  const order: ContainerSlot[] = [];
  let cursor = 0;
  let lastKind = 0;
  let pos = 0;

  while (pos < len) {
    let c = buf[pos]!;
    while ((c === SPACE || c === TAB) && pos < len) c = buf[++pos]!;
    if (pos >= len) break;
    if (c === NL) {
      pos++;
      continue;
    }
    let lineEnd = buf.indexOf(NL, pos);
    if (lineEnd === -1) lineEnd = len;
    if (c === HASH) {
      pos = lineEnd + 1;
      continue;
    }
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
    if (kind === 0) {
      pos = lineEnd + 1;
      continue;
    }
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
    const value = parseValue(buf, numStart, p);
    if (!(value >= 0) || value === Number.POSITIVE_INFINITY) {
      throw new DecodeError(`invalid value ${JSON.stringify(latin1(buf, numStart, p))}`, numStart);
    }
    while (p < lineEnd && (buf[p] === SPACE || buf[p] === TAB)) p++;
    let timestamp = requestTime;
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
      node ??= emptyPoint();
      if (kind === KIND_NODE_CPU) node.cumulativeCpuUsed = Math.trunc(value * 1e9);
      else node.memoryUsage = Math.trunc(value);
      node.timestamp = timestamp;
      pos = lineEnd + 1;
      continue;
    }

    // Kubelet writes every container family in the same order: compare the label bytes with the
    // slot expected next (or the one after, when a container lacks this family) before parsing.
    if (kind !== lastKind) {
      cursor = 0;
      lastKind = kind;
    }
    let slot = order[cursor];
    if (slot !== undefined && sameBytes(buf, slot.start, slot.end, pos, labelEnd)) {
      cursor++;
    } else {
      slot = order[cursor + 1];
      if (slot !== undefined && sameBytes(buf, slot.start, slot.end, pos, labelEnd)) {
        cursor += 2;
      } else {
        // New or out-of-order label text: parse it. Equal label sets written differently resolve
        // to the same point through the pod and container maps.
        const labels = labelEnd === pos ? NO_LABELS : parseLabels(buf, pos, labelEnd, latin1(buf, pos, labelEnd));
        slot = { point: containerPoint(pods, labels, nameStart), start: pos, end: labelEnd };
        if (cursor === order.length) cursor++;
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
    pos = lineEnd + 1;
  }

  const batch: MetricsBatch = { nodes: new Map(), pods: new Map() };
  let nodeIncomplete = false;
  if (node !== undefined) {
    if (node.cumulativeCpuUsed === 0 || node.memoryUsage === 0) nodeIncomplete = true;
    else batch.nodes.set(nodeName, node);
  }
  const incompletePods: string[] = [];
  for (const [key, podPoint] of pods) {
    let complete = true;
    for (const point of podPoint.containers.values()) {
      if (point.cumulativeCpuUsed === 0 || point.memoryUsage === 0) {
        complete = false;
        break;
      }
    }
    if (complete) batch.pods.set(key, podPoint);
    else incompletePods.push(key);
  }
  return { ok: true, batch, nodeIncomplete, incompletePods };
}

interface ContainerLabels {
  container: string | undefined;
  pod: string | undefined;
  namespace: string | undefined;
}

const NO_LABELS: ContainerLabels = { container: undefined, pod: undefined, namespace: undefined };

function containerPoint(pods: Map<string, PodMetricsPoint>, labels: ContainerLabels, at: number): MetricsPoint {
  const { container, pod, namespace } = labels;
  // Upstream slices blindly here (and panics on a label-less series); reject instead.
  if (!container || !pod || !namespace) {
    const missing = !container ? 'container' : !pod ? 'pod' : 'namespace';
    throw new DecodeError(`series lacks a non-empty ${missing} label`, at);
  }
  if (namespace.includes('/')) throw new DecodeError(`invalid namespace ${JSON.stringify(namespace)}`, at);
  const key = `${namespace}/${pod}`;
  let podPoint = pods.get(key);
  if (podPoint === undefined) {
    podPoint = { containers: new Map() };
    pods.set(key, podPoint);
  }
  let point = podPoint.containers.get(container);
  if (point === undefined) {
    point = emptyPoint();
    podPoint.containers.set(container, point);
  }
  return point;
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
