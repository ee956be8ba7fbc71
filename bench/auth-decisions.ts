/**
 * Benchmark: the cost of one authentication/authorization decision in the simulator, with the
 * RBAC objects of a large cluster (default 500 namespaces x 10 RoleBindings + 2,000
 * ClusterRoleBindings on top of the defaults). Reports decisions per second for the requests a
 * 5,000-node cluster makes most: a kubelet scrape by metrics-server's service account, a
 * namespaced list through a RoleBinding, discovery, a denial, and a (cached) ServiceAccount token
 * check.
 * Run: `node --import tsx bench/auth-decisions.ts [namespaces] [clusterBindings]`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { ObjectStore } from '../src/simulator/apiserver/object-store.ts';
import type { UserInfo } from '../src/simulator/apiserver/request-attributes.ts';
import { defaultRbacObjects } from '../src/simulator/auth/default-rbac.ts';
import { RbacAuthorizer } from '../src/simulator/auth/rbac-authorizer.ts';
import type { AuthzAttributes } from '../src/simulator/auth/rbac-rules.ts';
import { startRoleAggregation } from '../src/simulator/auth/role-aggregation.ts';
import { ServiceAccountTokens } from '../src/simulator/auth/service-account-tokens.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const ROLE_REF = (kind: string, name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });

export interface AuthBenchResult {
  bindings: number;
  /** Decisions per second by case. */
  perSecond: Record<string, number>;
}

function rate(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < 1000; i++) fn();
  const t = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return iterations / ((performance.now() - t) / 1000);
}

export function benchAuth(namespaces = 500, clusterBindings = 2000, iterations = 200_000): AuthBenchResult {
  const store = new ObjectStore();
  for (const o of defaultRbacObjects()) store.create(o);
  startRoleAggregation(store);
  store.create({
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name: 'system:metrics-server' },
    rules: [{ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] }],
  });
  store.create({
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'system:metrics-server' },
    roleRef: ROLE_REF('ClusterRole', 'system:metrics-server'),
    subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }],
  });
  let bindings = 0;
  for (let i = 0; i < clusterBindings; i++, bindings++) {
    store.create({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: `crb-${i}` },
      roleRef: ROLE_REF('ClusterRole', 'view'),
      subjects: [{ kind: 'User', name: `user-${i}` }],
    });
  }
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let i = 0; i < 10; i++, bindings++) {
      store.create({
        apiVersion: RBAC,
        kind: 'RoleBinding',
        metadata: { name: `rb-${i}`, namespace: ns },
        roleRef: ROLE_REF('ClusterRole', i === 0 ? 'edit' : 'view'),
        subjects: [{ kind: 'Group', name: `team-${i}` }],
      });
    }
  }
  const rbac = new RbacAuthorizer(store);
  const ms: UserInfo = {
    name: 'system:serviceaccount:kube-system:metrics-server',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
  };
  const dev: UserInfo = { name: 'dev', groups: ['team-3', 'system:authenticated'] };
  const res = (verb: string, resource: string, namespace = '', subresource = '', name = ''): AuthzAttributes => ({
    resourceRequest: true,
    verb,
    apiGroup: '',
    apiVersion: 'v1',
    resource,
    subresource,
    namespace,
    name,
  });
  const scrape = res('get', 'nodes', '', 'metrics', 'node-0001');
  const list = res('list', 'pods', 'ns-250');
  const denied = res('delete', 'pods', 'ns-250', '', 'p');
  const discovery: AuthzAttributes = { resourceRequest: false, verb: 'get', path: '/apis/apps/v1' };

  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  const sa = store.create({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'metrics-server', namespace: 'kube-system' },
  });
  const tokens = new ServiceAccountTokens(store, { privateKeyPem: String(key) });
  const { token } = tokens.issue({
    namespace: 'kube-system',
    name: 'metrics-server',
    uid: sa.metadata.uid!,
    audiences: tokens.apiAudiences,
    expirationSeconds: 3600,
  });
  return {
    bindings,
    perSecond: {
      'kubelet scrape (ClusterRoleBinding)': rate(() => rbac.authorize(ms, scrape), iterations),
      'namespaced list (RoleBinding, aggregated view)': rate(() => rbac.authorize(dev, list), iterations),
      'discovery (system:authenticated)': rate(() => rbac.authorize(dev, discovery), iterations),
      'denied (visits every candidate)': rate(() => rbac.authorize(dev, denied), iterations),
      'ServiceAccount token check (signature cached)': rate(() => tokens.check(token), iterations / 10),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchAuth(Number(process.argv[2] ?? 500), Number(process.argv[3] ?? 2000));
  console.log(`auth decisions with ${r.bindings} bindings besides the defaults:`);
  for (const [name, perSecond] of Object.entries(r.perSecond)) {
    console.log(`  ${name}: ${(perSecond / 1000).toFixed(0)}k per second (${(1e6 / perSecond).toFixed(2)} µs each)`);
  }
}
