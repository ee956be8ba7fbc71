/**
 * One availability check of a remote APIService, as kube-aggregator's remote availability
 * controller runs it: the Service and its endpoints must exist, then a discovery GET of
 * `/apis/<group>/<version>` must answer 2xx. The probe identifies as `system:kube-aggregator` in
 * group `system:masters` with the front-proxy certificate, does not verify the backend's
 * certificate, and gives up after 5 s. The probe's APIResourceList is kept for discovery.
 */
import type { Agent } from 'node:https';
import { request } from 'node:https';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import { goTransportError } from './backend-transport.ts';
import { endpointUrl, resolveService, type ServiceRef } from './service-resolver.ts';

const PROBE_TIMEOUT_MS = 5000;
const PROBE_ATTEMPTS = 5;
/** Discovery documents larger than this are not parsed (a hostile backend cannot exhaust memory). */
const MAX_DISCOVERY_BYTES = 4 * 1024 * 1024;

export interface AvailableCondition {
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

export interface CheckResult {
  condition: AvailableCondition;
  /** The backend's `APIResourceList`, when the probe returned one. */
  resourceList?: unknown;
}

function get(url: string, agent: Agent, serverName: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      agent,
      servername: serverName,
      headers: { 'X-Remote-User': 'system:kube-aggregator', 'X-Remote-Group': 'system:masters' },
      timeout: PROBE_TIMEOUT_MS,
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('probe timed out'), { code: 'PROBE_TIMEOUT' })));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_DISCOVERY_BYTES) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.end();
  });
}

export async function checkAvailability(
  state: ClusterState,
  apiService: KubeObject,
  ref: ServiceRef,
  agent: Agent,
  random: () => number = Math.random,
): Promise<CheckResult> {
  const resolved = resolveService(state, ref);
  if ('problem' in resolved) return { condition: { status: 'False', ...resolved.problem } };
  const { group, version } = apiService.spec ?? {};
  const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const serverName = `${ref.name}.${ref.namespace}.svc`;
  // Like kube-aggregator: several attempts in parallel, each to a random endpoint; one success is enough.
  const attempt = async (): Promise<{ answer: { status: number; body: Buffer } } | { message: string }> => {
    const endpoint = resolved.endpoints[Math.floor(random() * resolved.endpoints.length)]!;
    const url = endpointUrl(endpoint) + path;
    try {
      const answer = await get(url, agent, serverName);
      if (answer.status >= 200 && answer.status <= 299) return { answer };
      return { message: `failing or missing response from ${url}: bad status from ${url}: ${answer.status}` };
    } catch (err) {
      if ((err as { code?: string }).code === 'PROBE_TIMEOUT') return { message: `timed out waiting for ${url}` };
      const text = goTransportError(err, `${endpoint.host}:${endpoint.port}`, serverName);
      return { message: `failing or missing response from ${url}: Get "${url}": ${text}` };
    }
  };
  const outcome = await new Promise<Awaited<ReturnType<typeof attempt>>>((resolve) => {
    let pending = PROBE_ATTEMPTS;
    for (let i = 0; i < PROBE_ATTEMPTS; i++) {
      void attempt().then((r) => {
        pending--;
        if ('answer' in r || pending === 0) resolve(r);
      });
    }
  });
  if (!('answer' in outcome)) {
    return { condition: { status: 'False', reason: 'FailedDiscoveryCheck', message: outcome.message } };
  }
  const answer = outcome.answer;
  let resourceList: unknown;
  try {
    resourceList = JSON.parse(answer.body.toString('utf8'));
  } catch {
    resourceList = undefined;
  }
  return { condition: { status: 'True', reason: 'Passed', message: 'all checks passed' }, resourceList };
}
