import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProtobufBody } from './protobuf-body.ts';

// Bodies captured from kubectl 1.33 `create` commands.
const cases: { name: string; hex: string; want: object }[] = [
  {
    name: 'create token --duration=15m --audience a1 --audience a2 --bound-object-kind=Pod',
    hex: '6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e5265717565737412380a100a0012001a0022002a00320038004200121e0a0261310a0261321a110a03506f64120276311a027031220275312084071a040a0012001a002200',
    want: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        audiences: ['a1', 'a2'],
        boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p1', uid: 'u1' },
        expirationSeconds: 900,
      },
    },
  },
  {
    name: 'create sa y',
    hex: '6b3873000a140a027631120e536572766963654163636f756e7412130a110a017912001a0022002a003200380042001a002200',
    want: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'y' } },
  },
  {
    name: 'create clusterrole agg --aggregation-rule=a=b',
    hex: '6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c7573746572526f6c6512210a130a0361676712001a0022002a003200380042001a0a0a080a060a01611201621a002200',
    want: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'agg' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] },
    },
  },
  {
    name: 'create role r --verb=get --resource=pods',
    hex: '6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f6c6512220a110a017212001a0022002a00320038004200120d0a0367657412001a04706f64731a002200',
    want: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r' },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    },
  },
  {
    name: 'create clusterrolebinding b --clusterrole=view --user=u --group=g --serviceaccount=ns:sa',
    hex: '6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c7573746572526f6c6542696e64696e6712b0010a110a016212001a0022002a0032003800420012260a04557365721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a0175220012270a0547726f75701219726261632e617574686f72697a6174696f6e2e6b38732e696f1a01672200121a0a0e536572766963654163636f756e7412001a02736122026e731a2e0a19726261632e617574686f72697a6174696f6e2e6b38732e696f120b436c7573746572526f6c651a04766965771a002200',
    want: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'b' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'u' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'g' },
        { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' },
      ],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    },
  },
  {
    name: 'create namespace ns1',
    hex: '6b3873000a0f0a02763112094e616d657370616365121b0a130a036e733112001a0022002a0032003800420012001a020a001a002200',
    want: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns1' } },
  },
  {
    name: 'auth can-i get pod/pod1 --subresource=log -n ns1',
    hex: '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577123f0a100a0012001a0022002a0032003800420012210a1f0a036e733112036765741a0022002a04706f647332036c6f673a04706f64311a08080012001a0020001a002200',
    want: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: { namespace: 'ns1', verb: 'get', resource: 'pods', subresource: 'log', name: 'pod1' },
      },
    },
  },
  {
    name: 'auth can-i get /metrics',
    hex: '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577122f0a100a0012001a0022002a003200380042001211120f0a082f6d65747269637312036765741a08080012001a0020001a002200',
    want: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { nonResourceAttributes: { path: '/metrics', verb: 'get' } },
    },
  },
  {
    name: 'auth can-i --list -n ns2',
    hex: '6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c665375626a65637452756c6573526576696577121f0a100a0012001a0022002a0032003800420012050a036e73321a04180022001a002200',
    want: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'ns2' } },
  },
];

describe('decodeProtobufBody', () => {
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(decodeProtobufBody(Buffer.from(c.hex, 'hex')), c.want));
  }

  const hostile: { name: string; hex: string; code: number; message: RegExp }[] = [
    { name: 'no magic', hex: '7b7d', code: 400, message: /magic prefix/ },
    { name: 'truncated length', hex: '6b3873000a28', code: 400, message: /length beyond the message/ },
    { name: 'endless varint', hex: `6b387300${'ff'.repeat(12)}`, code: 400, message: /varint too long/ },
    {
      name: 'unknown kind',
      hex: '6b3873000a0c0a02763112065365637265741200',
      code: 415,
      message: /cannot decode v1\/Secret from protobuf/,
    },
  ];
  for (const h of hostile) {
    it(`rejects ${h.name}`, () =>
      assert.throws(
        () => decodeProtobufBody(Buffer.from(h.hex, 'hex')),
        (err: { code: number; message: string }) => err.code === h.code && h.message.test(err.message),
      ));
  }
});
