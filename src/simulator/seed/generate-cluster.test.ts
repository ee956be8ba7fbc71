import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../shared/kube/object.ts';
import { ObjectStore } from '../apiserver/object-store.ts';
import { generateCluster, loadCluster } from './generate-cluster.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function byKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind);
}

function key(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

describe('generateCluster', () => {
  it('is deterministic under a seed', () => {
    const a = generateCluster({ nodes: 5, podsPerNode: 12, seed: 7, now: NOW });
    const b = generateCluster({ nodes: 5, podsPerNode: 12, seed: 7, now: new Date(NOW) });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    const c = generateCluster({ nodes: 5, podsPerNode: 12, seed: 8, now: NOW });
    assert.notEqual(JSON.stringify(a), JSON.stringify(c));
  });

  it('returns nothing for zero nodes (the API server provides the defaults)', () => {
    assert.deepEqual(generateCluster({ nodes: 0, podsPerNode: 10, seed: 1, now: NOW }), []);
  });

  const sizes = [
    { nodes: 1, podsPerNode: 1 },
    { nodes: 3, podsPerNode: 10 },
    { nodes: 40, podsPerNode: 30 },
  ];
  for (const size of sizes) {
    describe(`${size.nodes} nodes x ${size.podsPerNode} pods`, () => {
      const objects = generateCluster({ ...size, seed: 1, now: NOW, kubeletPort: 10260 });
      const pods = byKind(objects, 'Pod');
      const nodes = byKind(objects, 'Node');

      it('has the requested number of nodes and pods', () => {
        assert.equal(nodes.length, size.nodes);
        assert.equal(pods.length, size.nodes * size.podsPerNode);
      });

      it('has unique object keys and uids', () => {
        assert.equal(new Set(objects.map(key)).size, objects.length);
        assert.equal(new Set(objects.map((o) => o.metadata.uid)).size, objects.length);
      });

      it('gives every node a distinct loopback InternalIP and the kubelet port', () => {
        const ips = nodes.map((n) => n.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address);
        assert.equal(new Set(ips).size, nodes.length);
        for (const ip of ips) assert.match(ip, /^127\.\d+\.\d+\.\d+$/);
        assert.equal(ips[0], '127.0.1.1');
        for (const ip of ips) assert.ok(!ip.endsWith('.0') && !ip.endsWith('.255'), ip);
        for (const n of nodes) assert.equal(n.status.daemonEndpoints.kubeletEndpoint.Port, 10260);
      });

      it('has an existing owner for every owned pod, ReplicaSet and Job', () => {
        const uids = new Map(objects.map((o) => [o.metadata.uid, o]));
        for (const o of objects) {
          for (const ref of o.metadata.ownerReferences ?? []) {
            const owner = uids.get(ref.uid);
            assert.ok(owner, `${key(o)} owner ${ref.kind}/${ref.name} missing`);
            assert.equal(owner.kind, ref.kind);
            assert.equal(owner.metadata.name, ref.name);
          }
        }
      });

      it('matches every ReplicaSet and StatefulSet replica count with its pods', () => {
        for (const kind of ['ReplicaSet', 'StatefulSet']) {
          for (const w of byKind(objects, kind)) {
            const owned = pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === w.metadata.uid);
            assert.equal(owned.length, w.spec.replicas, key(w));
            assert.equal(w.status.replicas, w.spec.replicas, key(w));
          }
        }
      });

      it('schedules pods to existing nodes only', () => {
        const names = new Set(nodes.map((n) => n.metadata.name));
        for (const p of pods) if (p.spec.nodeName) assert.ok(names.has(p.spec.nodeName), key(p));
      });

      it('loads into the API server store', () => {
        const store = new ObjectStore();
        const result = loadCluster(store, objects);
        assert.equal(result.created + result.skipped, objects.length);
        assert.equal(store.list('v1', 'Pod').length, pods.length);
      });
    });
  }

  it('has the variety kube-state-metrics needs at realistic scale', () => {
    const objects = generateCluster({ nodes: 100, podsPerNode: 30, seed: 3, now: NOW });
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of [
      'Namespace',
      'Node',
      'Lease',
      'CSINode',
      'Pod',
      'Deployment',
      'ReplicaSet',
      'DaemonSet',
      'StatefulSet',
      'Job',
      'CronJob',
      'Service',
      'Endpoints',
      'EndpointSlice',
      'PersistentVolumeClaim',
      'PersistentVolume',
      'StorageClass',
      'VolumeAttachment',
      'ConfigMap',
      'Secret',
      'ServiceAccount',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Ingress',
      'IngressClass',
      'NetworkPolicy',
      'ResourceQuota',
      'LimitRange',
      'Role',
      'RoleBinding',
      'ClusterRole',
      'ClusterRoleBinding',
      'Event',
      'PriorityClass',
      'ValidatingWebhookConfiguration',
      'MutatingWebhookConfiguration',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
      'MutatingAdmissionPolicy',
      'MutatingAdmissionPolicyBinding',
      'CertificateSigningRequest',
    ]) {
      assert.ok(kinds.has(kind), `missing ${kind}`);
    }
    const pods = byKind(objects, 'Pod');
    const waiting = (p: KubeObject) => p.status.containerStatuses?.[0]?.state?.waiting?.reason;
    assert.ok(pods.some((p) => waiting(p) === 'CrashLoopBackOff'));
    assert.ok(pods.some((p) => p.status.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled'));
    assert.ok(pods.some((p) => p.status.phase === 'Pending' && !p.spec.nodeName));
    assert.ok(pods.some((p) => p.status.phase === 'Succeeded'));
    assert.ok(pods.some((p) => p.spec.initContainers));
    const running = pods.filter((p) => p.status.phase === 'Running').length;
    assert.ok(running / pods.length > 0.8, `only ${running} of ${pods.length} pods Running`);
    for (const p of pods) if (p.status.phase === 'Running') assert.match(p.status.podIP, /^\d+\.\d+\.\d+\.\d+$/);
    const controlPlane = byKind(objects, 'Node').filter(
      (n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}),
    );
    assert.equal(controlPlane.length, 1);
  });

  it('rejects bad options with the option name', () => {
    assert.throws(() => generateCluster({ nodes: -1, podsPerNode: 1, seed: 1, now: NOW }), {
      message: 'nodes must be an integer in [0, 32768], got -1',
    });
    assert.throws(() => generateCluster({ nodes: 1, podsPerNode: 1.5, seed: 1, now: NOW }), {
      message: 'podsPerNode must be an integer in [0, 110], got 1.5',
    });
  });
});
