/**
 * Test and benchmark scaffolding: a store with loopback nodes and running pods, the CAs the
 * kubelets need, and client certificates for an allowed and a refused user.
 */
import { spawnSync } from 'node:child_process';
import type { KubeObject } from '../../shared/kube/object.ts';
import { type CA, createCA, issueCertificate, type KeyPairPem } from '../../shared/tls/pki.ts';
import { ObjectStore } from '../apiserver/object-store.ts';
import type { Authorize } from './kubelet-auth.ts';

export interface TestPki {
  clusterCA: CA;
  kubeletCA: CA;
  /** CN `admin`, O `system:masters`: allowed everything. */
  admin: KeyPairPem;
  /** CN `bob`: authenticated, never authorized. */
  bob: KeyPairPem;
}

export async function createTestPki(): Promise<TestPki> {
  const [clusterCA, kubeletCA] = await Promise.all([createCA('test-cluster-ca'), createCA('test-kubelet-ca')]);
  const [admin, bob] = await Promise.all([
    issueCertificate(clusterCA, { commonName: 'admin', organizations: ['system:masters'], usage: 'client' }),
    issueCertificate(clusterCA, { commonName: 'bob', usage: 'client' }),
  ]);
  return { clusterCA, kubeletCA, admin, bob };
}

/** system:masters and the token user `metrics-reader` (nodes/metrics and nodes/stats only) are allowed. */
export const testAuthorize: Authorize = async (user, attrs) => {
  if (user.groups.includes('system:masters')) return { allowed: true };
  if (user.name === 'metrics-reader' && (attrs.subresource === 'metrics' || attrs.subresource === 'stats')) {
    return { allowed: true };
  }
  return { allowed: false };
};

export function testNode(name: string, ip: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...extra },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

export function testPod(namespace: string, name: string, nodeName: string, startedAt: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name },
    spec: {
      nodeName,
      containers: [
        {
          name: 'app',
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        },
        { name: 'sidecar' },
      ],
    },
    status: {
      phase: 'Running',
      startTime: startedAt,
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt } } },
        { name: 'sidecar', ready: true, restartCount: 0, state: { running: { startedAt } } },
      ],
    },
  };
}

export function testStore(now?: () => number): ObjectStore {
  return new ObjectStore(now ? { now } : {});
}

/**
 * Runs `promtool check metrics` on a body. Returns undefined when promtool is not installed, after
 * failing the test under CI=true (CI installs the Debian `prometheus` package).
 */
export function promtoolCheck(body: string | Buffer): { ok: boolean; output: string } | undefined {
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    if (process.env.CI === 'true')
      throw new Error('promtool is not installed (Debian package "prometheus"); CI must have it');
    return undefined;
  }
  const res = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
  return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` };
}
