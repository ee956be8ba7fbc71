import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { KUBELET_FAULT_ANNOTATION, parseKubeletFaultsFlag } from './faults.ts';
import { KubeletFleet } from './kubelet-fleet.ts';
import {
  createTestPki,
  promtoolCheck,
  type TestPki,
  testAuthorize,
  testNode,
  testPod,
  testStore,
} from './test-cluster.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const IP1 = '127.0.91.1';
const IP2 = '127.0.91.2';

describe('KubeletFleet over HTTPS', () => {
  let pki: TestPki;
  let clock = T0;
  const store = testStore(() => clock);
  let fleet: KubeletFleet;
  const agents: Agent[] = [];

  function agent(cert?: { certPem: string; keyPem: string }, ca?: string): Agent {
    const a = new Agent({
      connect: { ca: ca ?? pki.kubeletCA.certPem, ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}) },
    });
    agents.push(a);
    return a;
  }

  function url(node: string, path: string): string {
    const k = fleet.kubelet(node);
    assert.ok(k, `kubelet for ${node}`);
    return `https://${k.endpoint.ip}:${k.port}${path}`;
  }

  async function get(node: string, path: string, dispatcher: Agent, headers: Record<string, string> = {}) {
    const res = await request(url(node, path), { dispatcher, headers });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body, text: body.toString() };
  }

  async function annotate(node: string, value: string | undefined): Promise<void> {
    const n = store.get('v1', 'Node', undefined, node);
    assert.ok(n);
    const annotations = { ...(n.metadata.annotations ?? {}) };
    if (value === undefined) delete annotations[KUBELET_FAULT_ANNOTATION];
    else annotations[KUBELET_FAULT_ANNOTATION] = value;
    n.metadata.annotations = annotations;
    store.update(n);
    await fleet.whenIdle();
  }

  before(async () => {
    pki = await createTestPki();
    store.create(testNode('n1', IP1));
    store.create(testPod('default', 'web-1', 'n1', '2026-03-01T11:00:00Z'));
    store.create(testPod('kube-system', 'dns-1', 'n1', '2026-03-01T10:00:00Z'));
    store.create(testNode('n2', IP2));
    store.create(testNode('elsewhere', '10.0.0.9'));
    fleet = new KubeletFleet({
      state: store,
      kubeletCA: pki.kubeletCA,
      clientCA: pki.clusterCA.certPem,
      auth: {
        authorize: testAuthorize,
        reviewToken: async (t) => (t === 'good-token' ? { name: 'metrics-reader', groups: [] } : undefined),
      },
      kubeletPort: 0,
      faults: parseKubeletFaultsFlag('n2=http-500'),
      seed: 42,
      tickIntervalMs: 3_600_000,
      now: () => clock,
    });
    await fleet.start();
  });

  after(async () => {
    await fleet.stop();
    await Promise.all(agents.map((a) => a.close()));
  });

  it('runs kubelets for loopback nodes only and publishes their ports', () => {
    assert.deepEqual(fleet.nodeNames(), ['n1', 'n2']);
    const port = store.get('v1', 'Node', undefined, 'n1')?.status?.daemonEndpoints?.kubeletEndpoint?.Port;
    assert.equal(port, fleet.kubelet('n1')?.port);
  });

  it('serves /metrics/resource to an authorized client certificate', async () => {
    const r = await get('n1', '/metrics/resource', agent(pki.admin));
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores');
    assert.match(
      r.text,
      /^container_cpu_usage_seconds_total\{container="app",namespace="default",pod="web-1"\} [0-9.e+]+ \d{13}$/m,
    );
    assert.match(r.text, /^node_memory_working_set_bytes [0-9.e+]+ \d{13}$/m);
    assert.deepEqual(r.body, fleet.payloadFor('n1'));
  });

  it('the served body passes promtool check metrics', async (t) => {
    const r = await get('n1', '/metrics/resource', agent(pki.admin));
    const checked = promtoolCheck(r.body);
    if (!checked) {
      t.skip('promtool not installed: apt-get install prometheus to run this check');
      return;
    }
    assert.equal(checked.ok, true, checked.output);
  });

  it('gzips when asked', async () => {
    const r = await get('n1', '/metrics/resource', agent(pki.admin), { 'accept-encoding': 'gzip' });
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(r.body), fleet.payloadFor('n1'));
  });

  it('counters grow between two scrapes 15 s apart', async () => {
    const a = agent(pki.admin);
    const cpu = (text: string) => Number(/^node_cpu_usage_seconds_total (\S+)/m.exec(text)?.[1]);
    const first = (await get('n1', '/metrics/resource', a)).text;
    clock += 15_000;
    fleet.tick();
    clock += 15_000;
    fleet.tick();
    const second = (await get('n1', '/metrics/resource', a)).text;
    assert.ok(cpu(second) > cpu(first), `${cpu(second)} > ${cpu(first)}`);
  });

  const authCases: {
    name: string;
    path: string;
    client: () => Agent;
    headers?: Record<string, string>;
    status: number;
    body?: string;
  }[] = [
    { name: 'anonymous gets 401', path: '/metrics/resource', client: () => agent(), status: 401, body: 'Unauthorized' },
    {
      name: 'a bad token gets 401',
      path: '/metrics/resource',
      client: () => agent(),
      headers: { authorization: 'Bearer nope' },
      status: 401,
      body: 'Unauthorized',
    },
    {
      name: 'an unauthorized user gets 403 naming the subresource',
      path: '/metrics/resource',
      client: () => agent(pki.bob),
      status: 403,
      body: 'Forbidden (user=bob, verb=get, resource=nodes, subresource(s)=[metrics])',
    },
    {
      name: '/pods checks pods then proxy',
      path: '/pods',
      client: () => agent(pki.bob),
      status: 403,
      body: 'Forbidden (user=bob, verb=get, resource=nodes, subresource(s)=[pods proxy])',
    },
    {
      name: 'a reviewed token reads metrics',
      path: '/metrics/resource',
      client: () => agent(),
      headers: { authorization: 'Bearer good-token' },
      status: 200,
    },
    {
      name: 'a reviewed token reads stats',
      path: '/stats/summary',
      client: () => agent(),
      headers: { authorization: 'Bearer good-token' },
      status: 200,
    },
    {
      name: 'a token without nodes/proxy cannot list pods',
      path: '/pods',
      client: () => agent(),
      headers: { authorization: 'Bearer good-token' },
      status: 403,
      body: 'Forbidden (user=metrics-reader, verb=get, resource=nodes, subresource(s)=[pods proxy])',
    },
    { name: '/healthz', path: '/healthz', client: () => agent(pki.admin), status: 200, body: 'ok' },
    { name: 'unknown path', path: '/nope', client: () => agent(pki.admin), status: 404, body: '404 page not found\n' },
  ];
  for (const tc of authCases) {
    it(tc.name, async () => {
      const r = await get('n1', tc.path, tc.client(), tc.headers);
      assert.equal(r.status, tc.status);
      if (tc.body !== undefined) assert.equal(r.text, tc.body);
    });
  }

  it('serves /stats/summary and /pods', async () => {
    const a = agent(pki.admin);
    const s = JSON.parse((await get('n1', '/stats/summary?only_cpu_and_memory=true', a)).text);
    assert.equal(s.node.nodeName, 'n1');
    assert.deepEqual(s.pods.map((p: { podRef: { name: string } }) => p.podRef.name).sort(), ['dns-1', 'web-1']);
    assert.equal('fs' in s.node, false);
    const full = JSON.parse((await get('n1', '/stats/summary', a)).text);
    assert.equal('fs' in full.node, true);
    const pods = JSON.parse((await get('n1', '/pods', a)).text);
    assert.equal(pods.kind, 'PodList');
    assert.equal(pods.items.length, 2);
  });

  it('pods created later are reported at once, deleted ones vanish', async () => {
    store.create(testPod('default', 'late-1', 'n1', '2026-03-01T12:00:20Z'));
    assert.match(fleet.payloadFor('n1').toString(), /pod="late-1"/);
    store.delete('v1', 'Pod', 'default', 'late-1');
    assert.doesNotMatch(fleet.payloadFor('n1').toString(), /pod="late-1"/);
  });

  it('serving certificates verify against the kubelet CA by IP, and fail with another CA', async () => {
    const r = await get('n1', '/healthz', agent(pki.admin));
    assert.equal(r.status, 200);
    await assert.rejects(
      get('n1', '/healthz', agent(pki.admin, pki.clusterCA.certPem)),
      (err: Error & { code?: string }) => {
        assert.match(String(err.code ?? err.message), /UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify/i);
        return true;
      },
    );
  });

  it('a start-time fault holds until the annotation is removed', async () => {
    assert.equal((await get('n2', '/metrics/resource', agent(pki.admin))).status, 500);
    await annotate('n2', 'zero-cpu');
    assert.match((await get('n2', '/metrics/resource', agent(pki.admin))).text, /^node_cpu_usage_seconds_total 0 /m);
    await annotate('n2', undefined);
    assert.equal((await get('n2', '/metrics/resource', agent(pki.admin))).status, 200);
  });

  it("a pod deleted while its node's kubelet starts is not reported", async () => {
    store.create(testPod('default', 'brief-1', 'n4', '2026-03-01T11:00:00Z'));
    store.create(testNode('n4', '127.0.91.4'));
    store.delete('v1', 'Pod', 'default', 'brief-1');
    await fleet.whenIdle();
    assert.doesNotMatch(fleet.payloadFor('n4').toString(), /brief-1/);
    store.delete('v1', 'Node', undefined, 'n4');
    await fleet.whenIdle();
  });

  it('nodes created later get a kubelet; deleted ones lose it', async () => {
    store.create(testNode('n3', '127.0.91.3'));
    await fleet.whenIdle();
    assert.equal((await get('n3', '/healthz', agent(pki.admin))).text, 'ok');
    const k = fleet.kubelet('n3');
    store.delete('v1', 'Node', undefined, 'n3');
    await fleet.whenIdle();
    assert.equal(fleet.kubelet('n3'), undefined);
    assert.equal(k?.listening, false);
  });
});
