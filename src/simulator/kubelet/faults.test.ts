import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { createLogger } from '../../shared/logging/logger.ts';
import {
  FaultResolver,
  KUBELET_FAULT_ANNOTATION,
  parseKubeletFault,
  parseKubeletFaultsFlag,
  parseKubeletFaultsMap,
} from './faults.ts';
import { KubeletFleet } from './kubelet-fleet.ts';
import { createTestPki, type TestPki, testAuthorize, testNode, testPod, testStore } from './test-cluster.ts';

describe('parseKubeletFault', () => {
  const ok: [string, unknown][] = [
    ['down', { kind: 'down' }],
    ['slow=3s', { kind: 'slow', delayMs: 3000 }],
    ['slow=1m30s', { kind: 'slow', delayMs: 90_000 }],
    [' stale ', { kind: 'stale' }],
  ];
  for (const [text, want] of ok) it(`parses ${text}`, () => assert.deepEqual(parseKubeletFault(text), want));
  const bad: [string, RegExp][] = [
    ['bogus', /unknown kubelet fault "bogus" \(known: down, timeout, slow/],
    ['slow', /slow needs a duration/],
    ['slow=fast', /time: invalid duration "fast"/],
    ['down=1', /down takes no argument/],
  ];
  for (const [text, want] of bad) it(`rejects ${text}`, () => assert.throws(() => parseKubeletFault(text), want));

  it('parses the flag and lists every problem', () => {
    assert.deepEqual(
      [...parseKubeletFaultsFlag('a=down, b=slow=2s,').entries()],
      [
        ['a', { kind: 'down' }],
        ['b', { kind: 'slow', delayMs: 2000 }],
      ],
    );
    assert.throws(
      () => parseKubeletFaultsFlag('a=nope,b'),
      /invalid --kubelet-faults: unknown kubelet fault "nope".*; "b" is not node=kind/,
    );
  });

  it('parses the string map form', () => {
    assert.deepEqual(
      [...parseKubeletFaultsMap({ a: 'stale', b: 'slow=250ms' }).entries()],
      [
        ['a', { kind: 'stale' }],
        ['b', { kind: 'slow', delayMs: 250 }],
      ],
    );
    assert.throws(() => parseKubeletFaultsMap({ a: 'x' }), /invalid --kubelet-faults: unknown kubelet fault "x"/);
  });

  it('logs an unknown annotation once and ignores it', () => {
    const warnings: string[] = [];
    const logger = createLogger({ verbosity: 0, format: 'json', sink: { write: (l) => warnings.push(l) } });
    const r = new FaultResolver(new Map(), logger);
    const node = { metadata: { name: 'n', annotations: { [KUBELET_FAULT_ANNOTATION]: 'bogus' } } };
    assert.equal(r.faultFor(node), undefined);
    assert.equal(r.faultFor(node), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /Ignoring kubelet fault annotation/);
  });
});

describe('kubelet faults over HTTPS, set and cleared by annotation', () => {
  const T0 = Date.parse('2026-03-01T12:00:00Z');
  let clock = T0;
  const store = testStore(() => clock);
  let pki: TestPki;
  let fleet: KubeletFleet;
  let client: Agent;
  const agents: Agent[] = [];

  function url(path = '/metrics/resource'): string {
    const k = fleet.kubelet('f1');
    assert.ok(k);
    return `https://${k.endpoint.ip}:${k.port}${path}`;
  }

  async function scrape(dispatcher: Agent = client, opts: { headersTimeout?: number } = {}) {
    const res = await request(url(), { dispatcher, ...opts });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body, text: body.toString() };
  }

  async function annotate(value: string | undefined): Promise<void> {
    const n = store.get('v1', 'Node', undefined, 'f1');
    assert.ok(n);
    const annotations = { ...(n.metadata.annotations ?? {}) };
    if (value === undefined) delete annotations[KUBELET_FAULT_ANNOTATION];
    else annotations[KUBELET_FAULT_ANNOTATION] = value;
    n.metadata.annotations = annotations;
    store.update(n);
    await fleet.whenIdle();
  }

  /** A client with its own connections, so a fault's dropped sockets never leak into the next case. */
  function freshClient(): Agent {
    const a = new Agent({ connect: { ca: pki.kubeletCA.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem } });
    agents.push(a);
    return a;
  }

  before(async () => {
    pki = await createTestPki();
    store.create(testNode('f1', '127.0.92.1'));
    store.create(testPod('default', 'web-1', 'f1', '2026-03-01T11:00:00Z'));
    fleet = new KubeletFleet({
      state: store,
      kubeletCA: pki.kubeletCA,
      clientCA: pki.clusterCA.certPem,
      auth: { authorize: testAuthorize },
      kubeletPort: 0,
      seed: 1,
      tickIntervalMs: 3_600_000,
      now: () => clock,
    });
    await fleet.start();
    client = freshClient();
  });

  after(async () => {
    await fleet.stop();
    await Promise.all(agents.map((a) => a.close()));
  });

  const healthy = async () => {
    const r = await scrape(freshClient());
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, fleet.payloadFor('f1'));
    assert.match(r.text, /^node_memory_working_set_bytes /m);
  };

  const cases: { fault: string; check: () => Promise<void> }[] = [
    {
      fault: 'down',
      check: async () => {
        await assert.rejects(scrape(freshClient()), (err: Error & { code?: string }) => {
          assert.equal(err.code, 'ECONNREFUSED');
          return true;
        });
      },
    },
    {
      fault: 'timeout',
      check: async () => {
        await assert.rejects(scrape(freshClient(), { headersTimeout: 300 }), (err: Error & { code?: string }) => {
          assert.equal(err.code, 'UND_ERR_HEADERS_TIMEOUT');
          return true;
        });
      },
    },
    {
      fault: 'slow=2s',
      check: async () => {
        await assert.rejects(scrape(freshClient(), { headersTimeout: 300 }), /Headers Timeout/i);
      },
    },
    {
      fault: 'http-500',
      check: async () => {
        const r = await scrape();
        assert.equal(r.status, 500);
        assert.equal(r.text, 'Internal Error: simulated kubelet fault http-500');
      },
    },
    {
      fault: 'garbage',
      check: async () => {
        const r = await scrape();
        assert.equal(r.status, 200);
        assert.notDeepEqual(r.body, fleet.payloadFor('f1'));
        assert.ok(!r.text.startsWith('# HELP'));
      },
    },
    {
      fault: 'truncated',
      check: async () => {
        const r = await scrape();
        const full = fleet.payloadFor('f1');
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, full.subarray(0, Math.floor(full.length / 2)));
      },
    },
    {
      fault: 'reset',
      check: async () => {
        await assert.rejects(scrape(freshClient()), (err: Error & { code?: string }) => {
          assert.match(String(err.code), /UND_ERR_SOCKET|ECONNRESET/);
          return true;
        });
      },
    },
    {
      fault: 'zero-cpu',
      check: async () => {
        const r = await scrape();
        assert.match(r.text, /^node_cpu_usage_seconds_total 0 \d{13}$/m);
        assert.match(
          r.text,
          /^container_cpu_usage_seconds_total\{container="app",namespace="default",pod="web-1"\} 0 \d{13}$/m,
        );
      },
    },
    {
      fault: 'missing-memory',
      check: async () => {
        const r = await scrape();
        assert.equal(r.status, 200);
        assert.doesNotMatch(r.text, /working_set/);
        assert.match(r.text, /^node_cpu_usage_seconds_total /m);
      },
    },
    {
      fault: 'wrong-cert',
      check: async () => {
        await assert.rejects(scrape(freshClient()), (err: Error & { code?: string }) => {
          assert.match(String(err.code), /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED/);
          return true;
        });
      },
    },
    {
      fault: 'stale',
      check: async () => {
        const before = (await scrape()).body;
        clock += 60_000;
        fleet.tick();
        assert.deepEqual((await scrape()).body, before, 'same samples and timestamps after a minute');
      },
    },
    { fault: 'no-such-fault', check: healthy },
  ];

  for (const tc of cases) {
    it(`${tc.fault}: does what it says, and heals when the annotation goes`, async () => {
      await healthy();
      await annotate(tc.fault);
      await tc.check();
      await annotate(undefined);
      clock += 30_000;
      fleet.tick();
      await healthy();
    });
  }
});
