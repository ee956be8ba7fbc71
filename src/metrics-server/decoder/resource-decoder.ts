/**
 * Decoder of the kubelet's `/metrics/resource` text (Prometheus text format 0.0.4) into one
 * node's `MetricsBatch`, with upstream metrics-server's selection and drop rules
 * (`pkg/scraper/client/resource/decode.go`).
 *
 * It works on bytes, without regular expressions: series other than the five it needs are
 * skipped by metric name, with one native newline search, before their labels are read.
 * Unlike upstream (which runs the full Prometheus parser), syntax errors inside skipped series
 * and comment lines are therefore not detected; every series that is used is fully validated.
 *
 * Container series, most of the body, take a fast path for the exact layout kubelets write
 * (`name{container="c",namespace="n",pod="p"} value timestamp`): 32-bit word comparisons against
 * the expected name and the label text of the container expected next, values parsed from bytes,
 * strings created only for names not seen before in the body. Any other layout, and every error,
 * goes through the general line parser (`general-line.ts`), so results and error messages do not
 * depend on which path a line took.
 *
 * It never throws: any malformed input yields `{ ok: false, error }`, which drops the node.
 */
import type { MetricsBatch } from '../storage/types.ts';
import { digitRun, runEnd, scanDecimal, scanEnd } from './decimal-bytes.ts';
import {
  type ContainerSlot,
  DecodeError,
  Decoding,
  emptyPoint,
  generalLine,
  isNameStart,
  KIND_CONTAINER_CPU,
  KIND_CONTAINER_MEMORY,
  KIND_CONTAINER_START,
  MAX_SECONDS,
  MAX_TIMESTAMP_MS,
} from './general-line.ts';
import { sameRange } from './label-intern.ts';

export type DecodeResult =
  | {
      ok: true;
      batch: MetricsBatch;
      /** True when node series were present but CPU or memory was zero or missing. */
      nodeIncomplete: boolean;
      /** `namespace/name` of pods dropped because a container had zero/missing CPU or memory. */
      incompletePods: string[];
    }
  | { ok: false; error: string };

const NL = 10;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const SLASH = 47;
const BACKSLASH = 92;
const RBRACE = 125;

/** A byte string to compare with, also as little-endian 32-bit words for `DataView` reads. */
interface Constant {
  bytes: Buffer;
  words: Int32Array;
}

function constant(text: string): Constant {
  const bytes = Buffer.from(text, 'latin1');
  const words = new Int32Array(bytes.length >> 2);
  for (let i = 0; i < words.length; i++) words[i] = bytes.readInt32LE(i * 4);
  return { bytes, words };
}

const NAME_CONTAINER_CPU = constant('container_cpu_usage_seconds_total');
const NAME_CONTAINER_MEMORY = constant('container_memory_working_set_bytes');
const NAME_CONTAINER_START = constant('container_start_time_seconds');
const OPEN_CONTAINER = constant('{container="');
const THEN_NAMESPACE = constant('",namespace="');
const THEN_POD = constant('",pod="');

/** Whether the bytes at `at` are `k`; the caller guarantees `at + k.bytes.length <= buf.length`. */
function matches(dv: DataView, buf: Buffer, at: number, k: Constant): boolean {
  const words = k.words;
  for (let i = 0; i < words.length; i++) if (dv.getInt32(at + i * 4, true) !== words[i]) return false;
  const bytes = k.bytes;
  for (let i = words.length * 4; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
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

/**
 * Decodes one kubelet response. `requestTime` (ms since the epoch) stands in for samples
 * without a timestamp, as upstream uses the request start.
 */
export function decodeResourceMetrics(body: Uint8Array | string, nodeName: string, requestTime: number): DecodeResult {
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

function skipLine(buf: Buffer, pos: number): number {
  const nl = buf.indexOf(NL, pos);
  return nl === -1 ? buf.length : nl + 1;
}

function decode(buf: Buffer, nodeName: string, requestTime: number): DecodeResult {
  const st = new Decoding(buf, requestTime);
  const len = buf.length;
  let pos = 0;
  while (pos < len) {
    const c = buf[pos]!;
    if (c === HASH) {
      pos = skipLine(buf, pos);
    } else if (c === NL) {
      pos++;
    } else if (c === 99) {
      const next = containerLine(st, pos);
      pos = next >= 0 ? next : generalLine(st, pos);
    } else if (c !== 110 && isNameStart(c)) {
      // Neither `container_*` nor `node_*`: a family that is never used.
      pos = skipLine(buf, pos);
    } else {
      pos = generalLine(st, pos);
    }
  }
  return finish(st, nodeName);
}

/**
 * The fast path for a line starting with `c`: returns where the next line starts, or -1 (before
 * changing anything but the family cursor, which the general parser would set alike) when the
 * line is not in the kubelet's exact layout.
 */
function containerLine(st: Decoding, nameStart: number): number {
  const buf = st.buf;
  const dv = st.dv;
  const len = st.len;
  // The byte after `container_` tells the wanted names apart; no other wanted name starts with `c`.
  const d = buf[nameStart + 10];
  let kind: number;
  let name: Constant;
  if (d === 99) {
    kind = KIND_CONTAINER_CPU;
    name = NAME_CONTAINER_CPU;
  } else if (d === 109) {
    kind = KIND_CONTAINER_MEMORY;
    name = NAME_CONTAINER_MEMORY;
  } else if (d === 115) {
    kind = KIND_CONTAINER_START;
    name = NAME_CONTAINER_START;
  } else {
    return skipLine(buf, nameStart);
  }
  const p = nameStart + name.bytes.length;
  if (p >= len || !matches(dv, buf, nameStart, name)) return skipLine(buf, nameStart);
  const after = buf[p];
  if (after !== 123) return after === SPACE || after === 9 ? -1 : skipLine(buf, nameStart);

  if (kind !== st.lastKind) {
    st.cursor = 0;
    st.lastKind = kind;
  }
  // Kubelet writes every container family in the same order: compare the label bytes with the
  // slot expected next, or the one after (a container lacking this family).
  const order = st.order;
  let cursor = st.cursor;
  let labelEnd = -1;
  let advance = 0;
  let slot = order[cursor];
  if (slot !== undefined) {
    const n = slot.end - slot.start;
    if (p + n <= len && sameRange(dv, buf, slot.start, p, n)) {
      labelEnd = p + n;
      advance = 1;
    } else {
      slot = order[cursor + 1];
      if (slot !== undefined) {
        const n2 = slot.end - slot.start;
        if (p + n2 <= len && sameRange(dv, buf, slot.start, p, n2)) {
          labelEnd = p + n2;
          advance = 2;
        }
      }
    }
  }

  // New label text: only `{container="…",namespace="…",pod="…"}` with plain ASCII values here.
  let cStart = 0;
  let cEnd = 0;
  let nsStart = 0;
  let nsEnd = 0;
  let podStart = 0;
  let podEnd = 0;
  if (advance === 0) {
    let q = p + 12;
    if (q > len || !matches(dv, buf, p, OPEN_CONTAINER)) return -1;
    cStart = q;
    q = plainValueEnd(buf, q, len);
    if (q < 0 || q + 13 > len || !matches(dv, buf, q, THEN_NAMESPACE)) return -1;
    cEnd = q;
    nsStart = q + 13;
    q = plainValueEnd(buf, nsStart, len);
    if (q < 0 || q + 7 > len || !matches(dv, buf, q, THEN_POD)) return -1;
    nsEnd = q;
    podStart = q + 7;
    q = plainValueEnd(buf, podStart, len);
    if (q < 0 || buf[q + 1] !== RBRACE) return -1;
    podEnd = q;
    if (cEnd === cStart || nsEnd === nsStart || podEnd === podStart) return -1;
    for (let i = nsStart; i < nsEnd; i++) if (buf[i] === SLASH) return -1;
    labelEnd = q + 2;
  }

  // ` value[ timestamp]` up to the newline; anything else (tabs, extra spaces) goes the general way.
  let v = labelEnd;
  if (buf[v] !== SPACE) return -1;
  const value = scanDecimal(buf, ++v, len);
  v = scanEnd;
  if (v < len && buf[v] !== SPACE && buf[v] !== NL) return -1;
  if (!(value >= 0) || value === Number.POSITIVE_INFINITY) return -1;
  if (kind === KIND_CONTAINER_START && value > MAX_SECONDS) return -1;
  let timestamp = st.requestTime;
  if (v < len && buf[v] === SPACE) {
    // Exact below 2^53; anything longer is far beyond the limit either way.
    const tsStart = ++v;
    const ts = digitRun(buf, v, len);
    v = runEnd;
    if (v === tsStart || ts > MAX_TIMESTAMP_MS) return -1;
    timestamp = ts;
  }
  if (v < len && buf[v] !== NL) return -1;

  if (advance === 0) {
    slot = newSlot(st, cStart, cEnd, nsStart, nsEnd, podStart, podEnd, p, labelEnd);
    if (cursor === order.length) cursor++;
    order.push(slot);
  } else {
    cursor += advance;
  }
  st.cursor = cursor;
  const point = slot!.point;
  if (kind === KIND_CONTAINER_CPU) {
    point.cumulativeCpuUsed = Math.trunc(value * 1e9);
    point.timestamp = timestamp;
  } else if (kind === KIND_CONTAINER_MEMORY) {
    point.memoryUsage = Math.trunc(value);
    point.timestamp = timestamp;
  } else {
    point.startTime = Math.trunc(value * 1e9);
  }
  return v + 1;
}

/** End of a label value starting at `pos` (its closing quote), or -1 unless it is plain ASCII text on one line. */
function plainValueEnd(buf: Buffer, pos: number, len: number): number {
  while (pos < len) {
    const b = buf[pos]!;
    if (b === QUOTE) return pos;
    if (b === BACKSLASH || b === NL || b > 127) return -1;
    pos++;
  }
  return -1;
}

/** The slot of a label text first seen at [start, end), its pod and container found or added by bytes. */
function newSlot(
  st: Decoding,
  cStart: number,
  cEnd: number,
  nsStart: number,
  nsEnd: number,
  podStart: number,
  podEnd: number,
  start: number,
  end: number,
): ContainerSlot {
  const pod = st.pods.podFor(st.dv, st.buf, nsStart, nsEnd, podStart, podEnd);
  const containers = st.pods.points[pod]!.containers;
  const container = st.names.intern(st.dv, st.buf, cStart, cEnd);
  // A pod seen for the first time has no containers yet: skip the lookup.
  let point = containers.size === 0 ? undefined : containers.get(container);
  if (point === undefined) {
    point = emptyPoint();
    containers.set(container, point);
  }
  return { point, pod, start, end };
}

function finish(st: Decoding, nodeName: string): DecodeResult {
  const batch: MetricsBatch = { nodes: new Map(), pods: new Map() };
  let nodeIncomplete = false;
  const node = st.node;
  if (node !== undefined) {
    if (node.cumulativeCpuUsed === 0 || node.memoryUsage === 0) nodeIncomplete = true;
    else batch.nodes.set(nodeName, node);
  }
  const incompletePods: string[] = [];
  // Every container point belongs to at least one slot: one pass over them finds the pods to drop.
  const { keys, points } = st.pods;
  const incomplete = new Array<number>(keys.length).fill(0);
  for (const slot of st.order) {
    const point = slot.point;
    if (point.cumulativeCpuUsed === 0 || point.memoryUsage === 0) incomplete[slot.pod] = 1;
  }
  for (let i = 0; i < keys.length; i++) {
    if (incomplete[i] === 0) batch.pods.set(keys[i]!, points[i]!);
    else incompletePods.push(keys[i]!);
  }
  return { ok: true, batch, nodeIncomplete, incompletePods };
}
