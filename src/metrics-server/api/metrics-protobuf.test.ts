import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NodeMetricsItem, PodMetricsItem } from './api-types.ts';
import { nodeMetricsListProto, podMetricsListProto, podMetricsProto, statusProto } from './metrics-protobuf.ts';
import { notFound } from './status.ts';

/** Decoded protobuf message: field number -> values (varints as numbers, bytes as Buffers). */
type Fields = Map<number, (number | Buffer)[]>;

/** A small protobuf reader for checking our encoder independently of it. */
function readMessage(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('truncated varint');
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    let value: number | Buffer;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const len = varint();
      value = buf.subarray(pos, pos + len);
      if (value.length !== len) throw new Error('truncated bytes');
      pos += len;
    } else throw new Error(`unexpected wire type ${wire}`);
    const list = out.get(field) ?? [];
    list.push(value);
    out.set(field, list);
  }
  return out;
}

const msg = (f: Fields, n: number, i = 0) => readMessage((f.get(n)?.[i] as Buffer | undefined) ?? Buffer.alloc(0));
const str = (f: Fields, n: number, i = 0) => String(f.get(n)?.[i] ?? '');
const num = (f: Fields, n: number) => f.get(n)?.[0] as number | undefined;
const all = (f: Fields, n: number) => (f.get(n) ?? []).map((b) => readMessage(b as Buffer));

function unwrap(body: Buffer): { apiVersion: string; kind: string; raw: Fields } {
  assert.deepEqual([...body.subarray(0, 4)], [0x6b, 0x38, 0x73, 0x00]);
  const unknown = readMessage(body.subarray(4));
  const typeMeta = msg(unknown, 1);
  return { apiVersion: str(typeMeta, 1), kind: str(typeMeta, 2), raw: msg(unknown, 2) };
}

function usageMap(entries: Fields[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [str(e, 1), str(msg(e, 2), 1)]));
}

const NODE: NodeMetricsItem = {
  name: 'node-a',
  labels: { 'kubernetes.io/hostname': 'node-a', a: 'b' },
  creationTimestamp: 1754300000000,
  timestamp: 1754300015000,
  window: 15e9,
  usage: { cpu: 93706104, memory: 2642362368 },
};
const POD: PodMetricsItem = {
  namespace: 'shop',
  name: 'cart-0',
  labels: undefined,
  creationTimestamp: 1754300000000,
  timestamp: 1754300016000,
  window: 15218000000,
  containers: [
    { name: 'cart', usage: { cpu: 200000000, memory: 53477376 } },
    { name: 'istio-proxy', usage: { cpu: 9090909, memory: 42991616 } },
  ],
};
const EMPTY_POD: PodMetricsItem = {
  namespace: 'default',
  name: 'db-0',
  labels: { app: 'db' },
  creationTimestamp: 1754300000000,
  timestamp: null,
  window: 0,
  containers: [],
};

// Produced by Go's apimachinery protobuf serializer (k8s.io/metrics v0.36.2 types) for the same
// objects: our encoding is byte-identical.
const GO_NODE_LIST =
  '6b3873000a290a166d6574726963732e6b38732e696f2f76316265746131120f4e6f64654d6574726963734c6973741292010a060a0012001a001287010a480a066e6f64652d6112001a0022002a0032003800420808e0fcc1c40610005a060a01611201625a200a166b756265726e657465732e696f2f686f73746e616d6512066e6f64652d61120808effcc1c40610001a060880acc7f03722120a03637075120b0a0939333730363130346e22150a066d656d6f7279120b0a09323538303433324b691a002200';
const GO_POD_LIST =
  '6b3873000a280a166d6574726963732e6b38732e696f2f76316265746131120e506f644d6574726963734c69737412d6010a060a0012001a001293010a220a06636172742d3012001a0473686f7022002a0032003800420808e0fcc1c4061000120808f0fcc1c40610001a06088081c1d83822270a0463617274120d0a0363707512060a043230306d12100a066d656d6f727912060a0435314d6922320a0b697374696f2d70726f787912110a03637075120a0a08393039303930396e12100a066d656d6f727912060a0434314d6912360a2e0a0464622d3012001a0764656661756c7422002a0032003800420808e0fcc1c40610005a090a036170701202646212001a0208001a002200';
const GO_STATUS =
  '6b3873000a0c0a0276311206537461747573127c0a060a0012001a0012074661696c7572651a2f706f646d6574726963732e6d6574726963732e6b38732e696f202264656661756c742f7822206e6f7420666f756e6422084e6f74466f756e642a2b0a0964656661756c742f78120e6d6574726963732e6b38732e696f1a0a706f646d657472696373280032003094031a002200';

describe('metrics protobuf encoding', () => {
  it('is byte-identical to Go for a NodeMetricsList, a PodMetricsList and a Status', () => {
    assert.equal(nodeMetricsListProto([NODE], 'v1beta1').toString('hex'), GO_NODE_LIST);
    assert.equal(podMetricsListProto([POD, EMPTY_POD], 'v1beta1').toString('hex'), GO_POD_LIST);
    assert.equal(statusProto(notFound('podmetrics', 'metrics.k8s.io', 'default/x')).toString('hex'), GO_STATUS);
  });

  it('NodeMetricsList decodes to the expected fields', () => {
    const { apiVersion, kind, raw } = unwrap(nodeMetricsListProto([NODE], 'v1'));
    assert.deepEqual([apiVersion, kind], ['metrics.k8s.io/v1', 'NodeMetricsList']);
    const items = all(raw, 2);
    assert.equal(items.length, 1);
    const item = items[0]!;
    const meta = msg(item, 1);
    assert.deepEqual(
      {
        name: str(meta, 1),
        creation: num(msg(meta, 8), 1),
        labels: all(meta, 11).map((e) => [str(e, 1), str(e, 2)]),
        timestamp: num(msg(item, 2), 1),
        window: num(msg(item, 3), 1),
        usage: usageMap(all(item, 4)),
      },
      {
        name: 'node-a',
        creation: 1754300000,
        labels: [
          ['a', 'b'],
          ['kubernetes.io/hostname', 'node-a'],
        ],
        timestamp: 1754300015,
        window: 15000000000,
        usage: { cpu: '93706104n', memory: '2580432Ki' },
      },
    );
  });

  it('PodMetrics decodes with containers in order and a zero timestamp as an empty message', () => {
    const { kind, raw } = unwrap(podMetricsListProto([POD, EMPTY_POD], 'v1beta1'));
    assert.equal(kind, 'PodMetricsList');
    const pods = all(raw, 2).map((p) => ({
      namespace: str(msg(p, 1), 3),
      name: str(msg(p, 1), 1),
      timestamp: msg(p, 2).size === 0 ? null : num(msg(p, 2), 1),
      window: num(msg(p, 3), 1),
      containers: all(p, 4).map((c) => [str(c, 1), usageMap(all(c, 2))]),
    }));
    assert.deepEqual(pods, [
      {
        namespace: 'shop',
        name: 'cart-0',
        timestamp: 1754300016,
        window: 15218000000,
        containers: [
          ['cart', { cpu: '200m', memory: '51Mi' }],
          ['istio-proxy', { cpu: '9090909n', memory: '41Mi' }],
        ],
      },
      { namespace: 'default', name: 'db-0', timestamp: null, window: 0, containers: [] },
    ]);
  });

  it('single PodMetrics envelope kind', () => {
    assert.equal(unwrap(podMetricsProto(POD, 'v1beta1')).kind, 'PodMetrics');
  });

  it('large lists keep valid nested lengths', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...NODE,
      name: `node-${i}`,
      labels: { ['k'.repeat(100)]: 'v'.repeat(60) },
    }));
    const { raw } = unwrap(nodeMetricsListProto(many, 'v1beta1'));
    const items = all(raw, 2);
    assert.equal(items.length, 3000);
    assert.equal(str(msg(items[2999]!, 1), 1), 'node-2999');
  });
});
