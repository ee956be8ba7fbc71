/**
 * Authentication and authorization end to end with kubectl: ServiceAccount tokens from
 * `kubectl create token`, RBAC objects made with `kubectl create`, `kubectl auth can-i` (with
 * impersonation), TokenReview and SubjectAccessReview answers, the kubelets' 401/403/200, and the
 * extension-apiserver-authentication ConfigMap.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { type Simulator, startSimulator } from '../../src/simulator/simulator.ts';
import { tokenKubeconfigYaml } from '../../src/simulator/state-dir.ts';

const exec = promisify(execFile);
const SA_USER = 'system:serviceaccount:kube-system:scraper';

describe('auth with kubectl', () => {
  let dir: string;
  let sim: Simulator;
  let kubeletUrl: string;
  let token: string;

  const kubectl = async (...args: string[]) =>
    (await exec('kubectl', args, { env: { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: sim.kubeconfigPath } }))
      .stdout;
  /** kubectl as the service account: a kubeconfig with its token and no client certificate. */
  const kubectlAsSa = async (...args: string[]) =>
    (
      await exec('kubectl', args, {
        env: { ...process.env, HOME: join(dir, 'home'), KUBECONFIG: join(dir, 'sa.kubeconfig') },
      })
    ).stdout;
  const failure = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (err) {
      return (err as { stderr: string }).stderr.trim();
    }
    assert.fail('expected kubectl to fail');
  };
  const scrape = async (agent: Agent, headers: Record<string, string> = {}) => {
    const res = await request(`${kubeletUrl}/metrics/resource`, { dispatcher: agent, headers });
    return { status: res.statusCode, text: await res.body.text() };
  };
  const createJson = async (obj: object) => {
    const file = join(dir, `obj-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(obj));
    return JSON.parse(await kubectl('create', '-f', file, '-o', 'json'));
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'km-auth-kubectl-'));
    sim = await startSimulator({
      stateDir: join(dir, 'state'),
      port: 0,
      nodes: 1,
      podsPerNode: 2,
      controllers: false,
      kubelets: true,
      kubeletPort: 0,
      kubeletAuthCache: false,
    });
    const node = sim.state.list('v1', 'Node')[0]!;
    const ip = node.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address;
    kubeletUrl = `https://${ip}:${node.status.daemonEndpoints.kubeletEndpoint.Port}`;
    await kubectl('create', 'serviceaccount', 'scraper', '-n', 'kube-system');
    token = (await kubectl('create', 'token', 'scraper', '-n', 'kube-system')).trim();
    await writeFile(join(dir, 'sa.kubeconfig'), tokenKubeconfigYaml(sim.pki, sim.url, 'scraper', token));
  });
  after(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('kubectl create token issues a verifiable JWT with the requested duration', async () => {
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    assert.equal(claims.exp - claims.iat, 3600);
    assert.equal(claims.sub, SA_USER);
    const short = (await kubectl('create', 'token', 'scraper', '-n', 'kube-system', '--duration=10m')).trim();
    const c2 = JSON.parse(Buffer.from(short.split('.')[1]!, 'base64url').toString());
    assert.equal(c2.exp - c2.iat, 600);
    assert.match(
      await failure(kubectl('create', 'token', 'scraper', '-n', 'kube-system', '--duration=1m')),
      /spec\.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes/,
    );
    assert.equal((await kubectlAsSa('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).trim(), SA_USER);
    await kubectl('create', 'namespace', 'fresh');
    const fresh = (await kubectl('create', 'token', 'default', '-n', 'fresh')).trim();
    assert.equal(
      JSON.parse(Buffer.from(fresh.split('.')[1]!, 'base64url').toString()).sub,
      'system:serviceaccount:fresh:default',
    );
  });

  it('kubelet: admin certificate 200, anonymous 401, token without nodes/metrics 403, then 200 after a binding', async () => {
    const ca = sim.pki.kubeletCA.certPem;
    const admin = new Agent({ connect: { ca, cert: sim.pki.admin.certPem, key: sim.pki.admin.keyPem } });
    const anonymous = new Agent({ connect: { ca } });
    try {
      const ok = await scrape(admin);
      assert.equal(ok.status, 200);
      assert.match(ok.text, /^# HELP container_cpu_usage_seconds_total/m);
      assert.deepEqual(await scrape(anonymous), { status: 401, text: 'Unauthorized' });
      const bearer = { authorization: `Bearer ${token}` };
      assert.deepEqual(await scrape(anonymous, bearer), {
        status: 403,
        text: `Forbidden (user=${SA_USER}, verb=get, resource=nodes, subresource(s)=[metrics])`,
      });
      assert.equal((await scrape(anonymous, { authorization: 'Bearer not-a-token' })).status, 401);
      await kubectl('create', 'clusterrole', 'node-metrics', '--verb=get', '--resource=nodes/metrics');
      await kubectl(
        'create',
        'clusterrolebinding',
        'scraper-metrics',
        '--clusterrole=node-metrics',
        '--serviceaccount=kube-system:scraper',
      );
      assert.equal((await scrape(anonymous, bearer)).status, 200);
    } finally {
      await admin.close();
      await anonymous.close();
    }
  });

  it('kubectl auth can-i answers from RBAC objects, with --as and --list', async () => {
    const canI = async (...args: string[]) => {
      try {
        return (await kubectl('auth', 'can-i', ...args)).trim();
      } catch (err) {
        const e = err as { stdout: string; stderr: string };
        assert.doesNotMatch(e.stderr, /error/i);
        return e.stdout.trim();
      }
    };
    assert.equal(await canI('list', 'pods', '-n', 'default', '--as=alice'), 'no');
    await kubectl('create', 'rolebinding', 'alice-view', '--clusterrole=view', '--user=alice', '-n', 'default');
    assert.equal(await canI('list', 'pods', '-n', 'default', '--as=alice'), 'yes');
    assert.equal(await canI('list', 'pods', '-n', 'kube-system', '--as=alice'), 'no');
    assert.equal(await canI('get', 'secrets', '-n', 'default', '--as=alice'), 'no');
    assert.equal(await canI('get', 'nodes', '--subresource=metrics', `--as=${SA_USER}`), 'yes');
    assert.equal(await canI('get', 'nodes', '--subresource=stats', `--as=${SA_USER}`), 'no');
    assert.equal(await canI('list', 'pods', '-n', 'default', '--as=bob', '--as-group=devs'), 'no');
    await kubectl('create', 'rolebinding', 'devs-edit', '--clusterrole=edit', '--group=devs', '-n', 'default');
    assert.equal(await canI('create', 'deployments.apps', '-n', 'default', '--as=bob', '--as-group=devs'), 'yes');
    const list = await kubectl('auth', 'can-i', '--list', '-n', 'default', '--as=alice');
    assert.match(list, /^pods\s+\[\]\s+\[\]\s+\[get list watch\]\s*$/m);
  });

  it('forbids impersonation without the impersonate verb, in kube-apiserver words', async () => {
    assert.equal(
      await failure(kubectlAsSa('get', 'pods', '--as=bob')),
      `Error from server (Forbidden): users "bob" is forbidden: User "${SA_USER}" cannot impersonate resource "users" in API group "" at the cluster scope`,
    );
    assert.equal(
      await failure(kubectlAsSa('get', 'pods', '-n', 'default')),
      `Error from server (Forbidden): pods is forbidden: User "${SA_USER}" cannot list resource "pods" in API group "" in the namespace "default"`,
    );
  });

  it('TokenReview and SubjectAccessReview follow the RBAC objects', async () => {
    const review = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } };
    const tr = await createJson(review);
    assert.equal(tr.status.authenticated, true);
    assert.equal(tr.status.user.username, SA_USER);
    assert.deepEqual(tr.status.user.groups, [
      'system:serviceaccounts',
      'system:serviceaccounts:kube-system',
      'system:authenticated',
    ]);
    assert.deepEqual(tr.status.audiences, ['https://kubernetes.default.svc.cluster.local']);
    const bad = await createJson({ ...review, spec: { token: `${token.slice(0, -4)}AAAA` } });
    assert.deepEqual(bad.status, {
      user: {},
      error: '[invalid bearer token, square/go-jose: error in cryptographic primitive]',
    });

    const sar = await createJson({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        resourceAttributes: { verb: 'get', resource: 'nodes', subresource: 'metrics', name: 'node-0001' },
        user: SA_USER,
        groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
      },
    });
    assert.deepEqual(sar.status, {
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "scraper-metrics" of ClusterRole "node-metrics" to ServiceAccount "scraper/kube-system"',
    });
    const denied = await createJson({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { nonResourceAttributes: { path: '/metrics', verb: 'get' }, user: 'alice' },
    });
    assert.deepEqual(denied.status, { allowed: false });

    // The service account may create reviews only once it is an auth delegator.
    const tokenReviewFile = join(dir, 'tr.json');
    await writeFile(tokenReviewFile, JSON.stringify(review));
    assert.match(
      await failure(kubectlAsSa('create', '--validate=false', '-f', tokenReviewFile, '-o', 'json')),
      /tokenreviews\.authentication\.k8s\.io is forbidden: User "system:serviceaccount:kube-system:scraper" cannot create resource "tokenreviews" in API group "authentication\.k8s\.io" at the cluster scope/,
    );
    await kubectl(
      'create',
      'clusterrolebinding',
      'scraper-delegator',
      '--clusterrole=system:auth-delegator',
      '--serviceaccount=kube-system:scraper',
    );
    const own = JSON.parse(await kubectlAsSa('create', '--validate=false', '-f', tokenReviewFile, '-o', 'json'));
    assert.equal(own.status.authenticated, true);
  });

  it('grants our metrics-server manifests what they need, through the default roles', async () => {
    const deploy = join(process.cwd(), 'deploy', 'metrics-server');
    await kubectl('apply', '-f', join(deploy, 'service-account.yaml'), '-f', join(deploy, 'rbac.yaml'));
    const ms = 'system:serviceaccount:kube-system:metrics-server';
    const cases: [string[], string][] = [
      [['get', 'nodes', '--subresource=metrics'], 'yes'],
      [['create', 'tokenreviews.authentication.k8s.io'], 'yes'],
      [['create', 'subjectaccessreviews.authorization.k8s.io'], 'yes'],
      [['get', 'configmap/extension-apiserver-authentication', '-n', 'kube-system'], 'yes'],
      [['get', 'configmap/kube-root-ca.crt', '-n', 'kube-system'], 'no'],
      [['delete', 'pods', '-n', 'default'], 'no'],
    ];
    for (const [args, want] of cases) {
      let out: string;
      try {
        out = await kubectl('auth', 'can-i', ...args, `--as=${ms}`);
      } catch (err) {
        out = (err as { stdout: string }).stdout;
      }
      assert.equal(out.trim(), want, args.join(' '));
    }
    // system:aggregated-metrics-reader is aggregated into view: view holders may read metrics.
    // (kubectl auth can-i cannot name pods.metrics.k8s.io while no APIService serves it.)
    const sar = await createJson({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        resourceAttributes: { namespace: 'default', verb: 'list', group: 'metrics.k8s.io', resource: 'pods' },
        user: 'alice',
        groups: ['system:authenticated'],
      },
    });
    assert.deepEqual(sar.status, {
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "alice-view/default" of ClusterRole "view" to User "alice"',
    });
  });

  it('publishes extension-apiserver-authentication like kubeadm', async () => {
    const cm = JSON.parse(
      await kubectl('get', 'configmap', 'extension-apiserver-authentication', '-n', 'kube-system', '-o', 'json'),
    );
    assert.deepEqual(Object.keys(cm.data).sort(), [
      'client-ca-file',
      'requestheader-allowed-names',
      'requestheader-client-ca-file',
      'requestheader-extra-headers-prefix',
      'requestheader-group-headers',
      'requestheader-username-headers',
    ]);
    assert.equal(cm.data['client-ca-file'], sim.pki.ca.certPem);
    assert.equal(cm.data['requestheader-client-ca-file'], sim.pki.frontProxyCA.certPem);
    assert.equal(cm.data['requestheader-allowed-names'], '["front-proxy-client"]');
    assert.equal(cm.data['requestheader-username-headers'], '["X-Remote-User"]');
    assert.equal(cm.data['requestheader-group-headers'], '["X-Remote-Group"]');
    assert.equal(cm.data['requestheader-extra-headers-prefix'], '["X-Remote-Extra-"]');
  });
});
