/**
 * The aggregation layer: follows `apiregistration.k8s.io/v1` APIService objects. A remote one
 * (`spec.service` set) gets a path handler for `/apis/<group>/<version>` that proxies to the
 * service's endpoints once the APIService is `Available`, an availability check re-run on
 * changes to it, its Service or its EndpointSlices, every 30 s, and with exponential back-off
 * (5 ms to 30 s) while failing, and an entry in `/apis` discovery built from the backend's
 * APIResourceList. Local ones (`spec.service` null) are marked available with reason `Local`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Agent } from 'node:https';
import type { KubeObject } from '../../shared/kube/object.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { ExternalGroup } from '../apiserver/discovery.ts';
import { rfc3339 } from '../apiserver/object-store.ts';
import type { UserInfo } from '../apiserver/request-attributes.ts';
import type { ResourceType } from '../apiserver/resource-types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import { type AvailableCondition, checkAvailability } from './availability-check.ts';
import { plainError, proxyToBackend } from './backend-proxy.ts';
import { type BackendTransport, buildTransport, type ClientCertificate, insecureAgent } from './backend-transport.ts';
import { resourcesFromList } from './discovered-resources.ts';
import { registerLocalApiServices } from './local-apiservices.ts';
import { resolveService, type ServiceRef, serviceRefOf } from './service-resolver.ts';

const APIREGISTRATION = 'apiregistration.k8s.io/v1';
const RESYNC_MS = 30_000;
const BACKOFF_START_MS = 5;
const BACKOFF_MAX_MS = 30_000;
const LOCAL: AvailableCondition = {
  status: 'True',
  reason: 'Local',
  message: 'Local APIServices are always available',
};

export interface AggregatorOptions {
  server: ApiServer;
  /** The front-proxy client certificate (CN `front-proxy-client`, signed by the front-proxy CA). */
  frontProxyClient: ClientCertificate;
  logger?: Logger;
  /** Interval between availability checks of a healthy APIService, ms (default 30 s). */
  resyncMs?: number;
  /** ms since epoch, for condition timestamps. */
  now?: () => number;
  /** Endpoint choice. */
  random?: () => number;
}

interface Entry {
  name: string;
  object: KubeObject;
  specJson: string;
  ref: ServiceRef;
  group: string;
  version: string;
  transport?: BackendTransport;
  transportError?: string;
  unregister?: () => void;
  available: boolean;
  resources?: ResourceType[];
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  rerun: boolean;
  failures: number;
}

export class Aggregator {
  readonly #server: ApiServer;
  readonly #client: ClientCertificate;
  readonly #log: Logger | undefined;
  readonly #resyncMs: number;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #probeAgent: Agent;
  readonly #stops: (() => void)[] = [];
  #stopped = false;

  constructor(options: AggregatorOptions) {
    this.#server = options.server;
    this.#client = options.frontProxyClient;
    this.#log = options.logger;
    this.#resyncMs = options.resyncMs ?? RESYNC_MS;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#probeAgent = insecureAgent(this.#client);
  }

  start(): void {
    const state = this.#server.store;
    this.#stops.push(
      state.subscribe(APIREGISTRATION, 'APIService', (c) =>
        c.type === 'DELETED' ? this.#remove(c.object.metadata.name!) : this.#apply(c.object),
      ),
      state.subscribe('v1', 'Service', (c) =>
        this.#serviceChanged(c.object.metadata.namespace, c.object.metadata.name),
      ),
      state.subscribe('discovery.k8s.io/v1', 'EndpointSlice', (c) =>
        this.#serviceChanged(c.object.metadata.namespace, c.object.metadata.labels?.['kubernetes.io/service-name']),
      ),
    );
    try {
      registerLocalApiServices(state, this.#server.registry.all());
    } catch (err) {
      this.#log?.error('Failed to register local APIServices', { err: String(err) });
    }
    for (const o of state.list(APIREGISTRATION, 'APIService')) this.#apply(o);
    const resync = setInterval(() => {
      for (const e of this.#entries.values()) this.#schedule(e, 0);
    }, this.#resyncMs);
    resync.unref();
    this.#stops.push(() => clearInterval(resync));
  }

  stop(): void {
    this.#stopped = true;
    for (const s of this.#stops.splice(0)) s();
    for (const name of [...this.#entries.keys()]) this.#remove(name);
    this.#probeAgent.destroy();
  }

  /** Runs the availability check of `name` now and waits for it (tests, and `kubectl` scripts' determinism). */
  async checkNow(name: string): Promise<void> {
    const e = this.#entries.get(name);
    if (!e) return;
    while (e.running) await e.running;
    await this.#run(e);
  }

  #apply(o: KubeObject): void {
    const name = o.metadata.name!;
    const ref = serviceRefOf(o);
    const group = typeof o.spec?.group === 'string' ? o.spec.group : '';
    const version = typeof o.spec?.version === 'string' ? o.spec.version : '';
    if (!ref || group === '' || version === '') {
      this.#remove(name);
      // Local (built-in) group-versions are served by the API server itself.
      if (!ref && o.status?.conditions?.[0]?.reason !== 'Local')
        queueMicrotask(() => this.#writeCondition(name, LOCAL));
      return;
    }
    const specJson = JSON.stringify(o.spec);
    const existing = this.#entries.get(name);
    if (existing) {
      existing.object = o;
      if (existing.specJson === specJson) return;
      this.#remove(name);
    }
    const e: Entry = { name, object: o, specJson, ref, group, version, available: false, rerun: false, failures: 0 };
    try {
      e.transport = buildTransport(o, ref, this.#client);
    } catch (err) {
      e.transportError = (err as Error).message;
    }
    e.unregister = this.#server.registerPathHandler(`/apis/${group}/${version}`, (req, res, ctx) =>
      this.#proxy(e, req, res, ctx.url, ctx.user),
    );
    this.#entries.set(name, e);
    this.#publishDiscovery();
    this.#schedule(e, 0);
  }

  #remove(name: string): void {
    const e = this.#entries.get(name);
    if (!e) return;
    this.#entries.delete(name);
    clearTimeout(e.timer);
    e.unregister?.();
    e.transport?.agent.destroy();
    this.#publishDiscovery();
  }

  #serviceChanged(namespace: string | undefined, name: string | undefined): void {
    for (const e of this.#entries.values()) {
      if (e.ref.namespace === namespace && e.ref.name === name) this.#schedule(e, 0);
    }
  }

  async #proxy(e: Entry, req: IncomingMessage, res: ServerResponse, url: URL, user: UserInfo): Promise<void> {
    if (!e.available) return plainError(res, 503, 'service unavailable');
    if (!e.transport) return plainError(res, 500, e.transportError ?? 'no transport');
    const resolved = resolveService(this.#server.store, e.ref);
    if ('problem' in resolved) return plainError(res, 503, 'service unavailable');
    const endpoint = resolved.endpoints[Math.floor(this.#random() * resolved.endpoints.length)]!;
    await proxyToBackend(req, res, url, user, { endpoint, transport: e.transport });
  }

  #schedule(e: Entry, delayMs: number): void {
    if (this.#stopped || !this.#entries.has(e.name)) return;
    clearTimeout(e.timer);
    e.timer = setTimeout(() => {
      e.timer = undefined;
      this.#run(e).catch((err: unknown) =>
        this.#log?.error('APIService check failed', { apiservice: e.name, err: String(err) }),
      );
    }, delayMs);
    e.timer.unref();
  }

  #run(e: Entry): Promise<void> {
    if (e.running) {
      e.rerun = true;
      return e.running;
    }
    e.running = (async () => {
      const result = await checkAvailability(this.#server.store, e.object, e.ref, this.#probeAgent, this.#random);
      if (this.#entries.get(e.name) !== e) return;
      e.available = result.condition.status === 'True';
      if (e.available) {
        e.failures = 0;
        const resources = resourcesFromList(result.resourceList, e.group, e.version);
        if (resources && JSON.stringify(resources) !== JSON.stringify(e.resources)) {
          e.resources = resources;
          this.#publishDiscovery();
        }
      } else {
        e.failures++;
      }
      this.#writeCondition(e.name, result.condition);
    })().finally(() => {
      e.running = undefined;
      if (e.rerun) {
        e.rerun = false;
        this.#schedule(e, 0);
      } else if (!e.available) {
        this.#schedule(e, Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.min(e.failures, 20)));
      }
    });
    return e.running;
  }

  /** Writes `Available` only when it changed; `lastTransitionTime` moves only with the status. */
  #writeCondition(name: string, c: AvailableCondition): void {
    const state = this.#server.store;
    const current = state.get(APIREGISTRATION, 'APIService', undefined, name);
    if (!current) return;
    const conditions: Record<string, unknown>[] = Array.isArray(current.status?.conditions)
      ? current.status.conditions.filter((x: unknown) => typeof x === 'object' && x !== null)
      : [];
    const old = conditions.find((x) => x.type === 'Available');
    if (old && old.status === c.status && old.reason === c.reason && old.message === c.message) return;
    const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : rfc3339(this.#now());
    const next = { type: 'Available', status: c.status, lastTransitionTime, reason: c.reason, message: c.message };
    current.status = { ...current.status, conditions: [...conditions.filter((x) => x.type !== 'Available'), next] };
    try {
      state.updateStatus(current);
    } catch (err) {
      this.#log?.error('Failed to update APIService status', { apiservice: name, err: String(err) });
    }
  }

  #publishDiscovery(): void {
    const groups: ExternalGroup[] = [];
    for (const e of this.#entries.values()) {
      const spec = e.object.spec ?? {};
      groups.push({
        group: e.group,
        version: e.version,
        ...(Number.isInteger(spec.groupPriorityMinimum) ? { groupPriorityMinimum: spec.groupPriorityMinimum } : {}),
        ...(Number.isInteger(spec.versionPriority) ? { versionPriority: spec.versionPriority } : {}),
        resources: e.resources,
      });
    }
    this.#server.extraDiscoveryGroups = groups;
  }
}

/** Starts the aggregation layer on `server`; stop it with `stop()`. */
export function startAggregator(options: AggregatorOptions): Aggregator {
  const aggregator = new Aggregator(options);
  aggregator.start();
  return aggregator;
}
