/**
 * The aggregation layer end to end: a test-only aggregated server registered by APIService +
 * Service + EndpointSlice, reached through the simulator's API server with real TLS, the
 * front-proxy certificate and X-Remote-* identity headers; availability conditions; discovery.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { createCA, issueCertificate } from '../../src/shared/tls/pki.ts';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';

const exec = promisify(execFile);
const GROUP = 'widgets.example.io';
const APISERVICE = `v1.${GROUP}`;

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  peer: { cn: unknown; issuer: unknown; authorized: boolean };
}

async function startBackend(
  frontProxyCaPem: string,
): Promise<{ server: Server; port: number; caPem: string; seen: Seen[] }> {
  const ca = await createCA('widgets-ca');
  const serving = await issueCertificate(ca, {
    commonName: 'widgets',
    dnsNames: ['widgets.default.svc'],
    usage: 'server',
  });
  const seen: Seen[] = [];
  const server = createServer(
    { cert: serving.certPem, key: serving.keyPem, ca: [frontProxyCaPem], requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const cert = socket.getPeerCertificate();
      seen.push({
        path: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        peer: { cn: cert?.subject?.CN, issuer: cert?.issuer?.CN, authorized: socket.authorized },
      });
      const url = new URL(req.url ?? '/', 'https://x');
      res.setHeader('Content-Type', 'application/json');
      if (url.pathname === '/apis/metrics.k8s.io/v1beta1') {
        res.end(
          JSON.stringify({
            kind: 'APIResourceList',
            apiVersion: 'v1',
            groupVersion: 'metrics.k8s.io/v1beta1',
            resources: [
              { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
              { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
            ],
          }),
        );
      } else if (url.pathname === '/apis/metrics.k8s.io/v1beta1/nodes') {
        res.end(
          JSON.stringify({
            kind: 'NodeMetricsList',
            apiVersion: 'metrics.k8s.io/v1beta1',
            metadata: {},
            items: [
              {
                metadata: { name: 'worker-1', creationTimestamp: new Date().toISOString() },
                timestamp: new Date().toISOString(),
                window: '15s',
                usage: { cpu: '250m', memory: '512Mi' },
              },
            ],
          }),
        );
      } else if (url.pathname === `/apis/${GROUP}/v1`) {
        res.end(
          JSON.stringify({
            kind: 'APIResourceList',
            apiVersion: 'v1',
            groupVersion: `${GROUP}/v1`,
            resources: [
              {
                name: 'widgets',
                singularName: 'widget',
                namespaced: true,
                kind: 'Widget',
                verbs: ['get', 'list', 'watch'],
                shortNames: ['wd'],
              },
            ],
          }),
        );
      } else if (url.searchParams.get('watch') === 'true') {
        res.write(`${JSON.stringify({ type: 'ADDED', object: { kind: 'Widget', metadata: { name: 'first' } } })}\n`);
        // Held open: the client must see the first event before the stream ends.
      } else {
        res.end(JSON.stringify({ kind: 'WidgetList', apiVersion: `${GROUP}/v1`, metadata: {}, items: [] }));
      }
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, caPem: ca.certPem, seen };
}

describe('aggregation layer', () => {
  let dir: string;
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startBackend>>;
  let admin: Agent;
  let plain: Agent;

  const call = async (
    path: string,
    o: { agent?: Agent; headers?: Record<string, string>; method?: string; body?: unknown } = {},
  ) => {
    const res = await request(sim.url + path, {
      method: (o.method ?? 'GET') as 'GET',
      headers: { ...o.headers, ...(o.body ? { 'content-type': 'application/json' } : {}) },
      dispatcher: o.agent ?? admin,
      ...(o.body ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text };
  };
  const kubectl = async (...args: string[]) =>
    exec('kubectl', args, { env: { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: sim.kubeconfigPath } });
  const available = () =>
    sim.state
      .get('apiregistration.k8s.io/v1', 'APIService', undefined, APISERVICE)
      ?.status?.conditions?.find((c: { type: string }) => c.type === 'Available');
  /** The last proxied request (availability probes may interleave). */
  const proxied = () => backend.seen.filter((s) => s.path.includes('/namespaces/')).at(-1)!;
  const setSlice = (port: number, ready = true) => {
    const slice = sim.state.get('discovery.k8s.io/v1', 'EndpointSlice', 'default', 'widgets-abc')!;
    slice.endpoints = [{ addresses: ['127.0.0.1'], conditions: { ready } }];
    slice.ports = [{ name: 'https', port, protocol: 'TCP' }];
    sim.state.update(slice);
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'km-aggregation-'));
    sim = await startSimulator({ stateDir: join(dir, 'state'), port: 0, nodes: 0, controllers: false });
    backend = await startBackend(sim.pki.frontProxyCA.certPem);
    admin = new Agent({ connect: { ca: sim.pki.ca.certPem, cert: sim.pki.admin.certPem, key: sim.pki.admin.keyPem } });
    plain = new Agent({ connect: { ca: sim.pki.ca.certPem } });
    sim.state.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'widgets', namespace: 'default' },
      spec: { ports: [{ name: 'https', port: 443, targetPort: 'https' }] },
    });
    sim.state.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'widgets-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'widgets' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['127.0.0.1'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: backend.port, protocol: 'TCP' }],
    });
    sim.state.create({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: APISERVICE },
      spec: {
        group: GROUP,
        version: 'v1',
        service: { namespace: 'default', name: 'widgets', port: 443 },
        caBundle: Buffer.from(backend.caPem).toString('base64'),
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    });
    await sim.aggregator.checkNow(APISERVICE);
  });
  after(async () => {
    await sim.stop();
    backend.server.closeAllConnections();
    await new Promise((resolve) => backend.server.close(resolve));
    await admin.close();
    await plain.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('marks the APIService available after a discovery probe as system:kube-aggregator', () => {
    const c = available();
    assert.equal(c.status, 'True');
    assert.equal(c.reason, 'Passed');
    assert.equal(c.message, 'all checks passed');
    const probe = backend.seen.find((s) => s.path === `/apis/${GROUP}/v1`)!;
    assert.equal(probe.headers['x-remote-user'], 'system:kube-aggregator');
    assert.equal(probe.headers['x-remote-group'], 'system:masters');
  });

  it('proxies with the front-proxy certificate and the caller identity, never the caller headers', async () => {
    backend.seen.length = 0;
    const res = await call(`/apis/${GROUP}/v1/namespaces/default/widgets?limit=5&labelSelector=app%3Dweb`, {
      headers: {
        'X-Remote-User': 'mallory',
        'X-Remote-Group': 'evil',
        'X-Remote-Extra-Scopes': 'all',
        Accept: 'application/json',
      },
    });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.text).kind, 'WidgetList');
    const got = proxied();
    assert.deepEqual(got.peer, { cn: 'front-proxy-client', issuer: 'front-proxy-ca', authorized: true });
    assert.equal(got.path, `/apis/${GROUP}/v1/namespaces/default/widgets?labelSelector=app%3Dweb&limit=5`);
    assert.equal(got.headers['x-remote-user'], 'kubernetes-admin');
    const groups = got.rawHeaders.filter(
      (_, i) => i % 2 === 1 && got.rawHeaders[i - 1]!.toLowerCase() === 'x-remote-group',
    );
    assert.deepEqual(groups, ['system:masters', 'system:authenticated']);
    assert.equal(got.headers['x-remote-extra-scopes'], undefined);
    assert.equal(got.headers.accept, 'application/json');
  });

  it('passes a service account identity with uid and escaped extras, and impersonated users', async () => {
    sim.state.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: 'default' } });
    sim.state.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'widget-reader' },
      rules: [{ apiGroups: [GROUP], resources: ['widgets'], verbs: ['list'] }],
    });
    sim.state.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'widget-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'widget-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: 'default' }],
    });
    const tr = await call('/api/v1/namespaces/default/serviceaccounts/reader/token', {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} },
    });
    assert.equal(tr.status, 201);
    const token = JSON.parse(tr.text).status.token as string;
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti;
    backend.seen.length = 0;
    const res = await call(`/apis/${GROUP}/v1/namespaces/default/widgets`, {
      agent: plain,
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200);
    const h = proxied().headers;
    assert.equal(h['x-remote-user'], 'system:serviceaccount:default:reader');
    assert.equal(h['x-remote-uid'], sim.state.get('v1', 'ServiceAccount', 'default', 'reader')!.metadata.uid);
    assert.equal(h['x-remote-extra-authentication.kubernetes.io%2fcredential-id'], `JTI=${jti}`);
    assert.equal(h.authorization, undefined);

    backend.seen.length = 0;
    const imp = await call(`/apis/${GROUP}/v1/namespaces/default/widgets`, {
      headers: { 'Impersonate-User': 'alice', 'Impersonate-Group': 'system:masters' },
    });
    assert.equal(imp.status, 200);
    const ih = proxied().headers;
    assert.equal(ih['x-remote-user'], 'alice');
    assert.equal(ih['impersonate-user'], undefined);
    assert.equal(ih['impersonate-group'], undefined);

    const denied = await call(`/apis/${GROUP}/v1/namespaces/default/widgets/w1`, {
      agent: plain,
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(denied.status, 403);
    assert.equal(
      JSON.parse(denied.text).message,
      `widgets.${GROUP} "w1" is forbidden: User "system:serviceaccount:default:reader" cannot get resource "widgets" in API group "${GROUP}" in the namespace "default"`,
    );
  });

  it('streams watch events as they come', async () => {
    const controller = new AbortController();
    const res = await request(`${sim.url}/apis/${GROUP}/v1/namespaces/default/widgets?watch=true`, {
      dispatcher: admin,
      signal: controller.signal,
    });
    assert.equal(res.statusCode, 200);
    const first = await new Promise<string>((resolve) => res.body.once('data', (c: Buffer) => resolve(c.toString())));
    assert.match(first, /"name":"first"/);
    controller.abort();
    res.body.on('error', () => {});
  });

  it('serves kubectl top through an aggregated metrics.k8s.io', async () => {
    sim.state.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker-1' },
      status: { capacity: { cpu: '4', memory: '16Gi' }, allocatable: { cpu: '4', memory: '16Gi' } },
    });
    sim.state.create({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { namespace: 'default', name: 'widgets' },
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    });
    await sim.aggregator.checkNow('v1beta1.metrics.k8s.io');
    const { stdout } = await kubectl('top', 'node', '--no-headers');
    assert.match(stdout, /^worker-1\s+250m\s+6%\s+512Mi\s+3%\s*$/m);
    sim.state.delete('apiregistration.k8s.io/v1', 'APIService', undefined, 'v1beta1.metrics.k8s.io');
    assert.equal((await call('/apis/metrics.k8s.io/v1beta1/nodes')).status, 404);
    assert.doesNotMatch((await call('/apis')).text, /metrics\.k8s\.io/);
  });

  it('answers 500 with the reason when the caBundle is unusable', async () => {
    sim.state.create({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1.broken.example.io' },
      spec: {
        group: 'broken.example.io',
        version: 'v1',
        service: { namespace: 'default', name: 'widgets' },
        caBundle: Buffer.from('not a certificate').toString('base64'),
      },
    });
    await sim.aggregator.checkNow('v1.broken.example.io');
    const res = await call('/apis/broken.example.io/v1/things');
    assert.equal(res.status, 500);
    assert.equal(res.text, 'unable to load root certificates: no certificates in caBundle\n');
    sim.state.delete('apiregistration.k8s.io/v1', 'APIService', undefined, 'v1.broken.example.io');
  });

  it('lists the group in both discovery forms and for kubectl', async () => {
    const agg = await call('/apis', {
      headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' },
    });
    const group = JSON.parse(agg.text).items.find((g: { metadata: { name: string } }) => g.metadata.name === GROUP);
    assert.deepEqual(
      group.versions[0].resources.map((r: { resource: string }) => r.resource),
      ['widgets'],
    );
    const legacy = JSON.parse((await call('/apis')).text);
    assert.ok(legacy.groups.some((g: { name: string }) => g.name === GROUP));
    const { stdout } = await kubectl('api-resources', `--api-group=${GROUP}`, '--no-headers');
    assert.match(stdout, /^widgets\s+wd\s+widgets\.example\.io\/v1\s+true\s+Widget\s*$/m);
    const services = (await kubectl('get', 'apiservices', '--no-headers')).stdout;
    assert.match(services, /^v1\.widgets\.example\.io\s+default\/widgets\s+True\s+\S+$/m);
    assert.match(services, /^v1\.apps\s+Local\s+True\s+\S+$/m);
  });

  it('reports a down backend as 503 and Available=False with the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    setSlice(deadPort);
    await sim.aggregator.checkNow(APISERVICE);
    const url = `https://127.0.0.1:${deadPort}/apis/${GROUP}/v1`;
    assert.deepEqual(
      { status: available().status, reason: available().reason, message: available().message },
      {
        status: 'False',
        reason: 'FailedDiscoveryCheck',
        message: `failing or missing response from ${url}: Get "${url}": dial tcp 127.0.0.1:${deadPort}: connect: connection refused`,
      },
    );
    assert.match(
      (await kubectl('get', 'apiservice', APISERVICE, '--no-headers')).stdout,
      /^v1\.widgets\.example\.io\s+default\/widgets\s+False \(FailedDiscoveryCheck\)\s+\S+$/m,
    );
    const res = await call(`/apis/${GROUP}/v1/namespaces/default/widgets`);
    assert.equal(res.status, 503);
    assert.equal(res.text, 'service unavailable\n');
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    await assert.rejects(
      kubectl('get', '--raw', `/apis/${GROUP}/v1/namespaces/default/widgets`),
      (err: { stderr: string }) => {
        assert.match(
          err.stderr,
          /Error from server \(ServiceUnavailable\): the server is currently unable to handle the request/,
        );
        return true;
      },
    );
  });

  const problems: { name: string; change: () => void; reason: string; message: string }[] = [
    {
      name: 'no ready endpoint',
      change: () => setSlice(1234, false),
      reason: 'MissingEndpoints',
      message: 'endpoints for service/widgets in "default" have no addresses with port name "https"',
    },
    {
      name: 'no slices',
      change: () => sim.state.delete('discovery.k8s.io/v1', 'EndpointSlice', 'default', 'widgets-abc'),
      reason: 'EndpointsNotFound',
      message: 'cannot find endpoints for service/widgets in "default"',
    },
    {
      name: 'no service',
      change: () => sim.state.delete('v1', 'Service', 'default', 'widgets'),
      reason: 'ServiceNotFound',
      message: 'service/widgets in "default" is not present',
    },
  ];
  for (const p of problems) {
    it(`reports ${p.name} as ${p.reason}`, async () => {
      p.change();
      await sim.aggregator.checkNow(APISERVICE);
      assert.deepEqual(
        { status: available().status, reason: available().reason, message: available().message },
        { status: 'False', reason: p.reason, message: p.message },
      );
    });
  }
});
