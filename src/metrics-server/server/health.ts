/**
 * `/healthz`, `/livez`, `/readyz` with the generic API server's format: `ok`, `?verbose` lists
 * every check, `?exclude=<name>` skips one, `/<endpoint>/<check>` runs one. Failure reasons go to
 * the log only ("reason withheld"), as upstream.
 */

/** Returns undefined when healthy, else the reason. */
export type HealthCheck = { name: string; check(): string | undefined };

export interface HealthResponse {
  status: number;
  body: string;
}

export class HealthEndpoint {
  readonly name: string;
  readonly #checks: HealthCheck[];
  readonly #onFailure: ((check: string, reason: string) => void) | undefined;

  constructor(name: string, checks: HealthCheck[], onFailure?: (check: string, reason: string) => void) {
    this.name = name;
    this.#checks = checks;
    this.#onFailure = onFailure;
  }

  /** `rest` is the path below `/<name>` (empty for the endpoint itself). */
  handle(rest: string, query: URLSearchParams): HealthResponse | undefined {
    if (rest !== '' && rest !== '/') {
      const check = this.#checks.find((c) => `/${c.name}` === rest);
      if (!check) return undefined;
      const reason = check.check();
      return reason === undefined
        ? { status: 200, body: 'ok' }
        : { status: 500, body: `internal server error: ${reason}\n` };
    }
    const excluded = new Set(query.getAll('exclude'));
    let out = '';
    let failed = false;
    for (const c of this.#checks) {
      if (excluded.delete(c.name)) {
        out += `[+]${c.name} excluded: ok\n`;
        continue;
      }
      const reason = c.check();
      if (reason === undefined) {
        out += `[+]${c.name} ok\n`;
      } else {
        failed = true;
        out += `[-]${c.name} failed: reason withheld\n`;
        this.#onFailure?.(c.name, reason);
      }
    }
    if (excluded.size > 0) {
      const names = [...excluded].map((n) => JSON.stringify(n)).join(',');
      out += `warn: some health checks cannot be excluded: no matches for ${names}\n`;
    }
    if (failed) return { status: 500, body: `${out}${this.name} check failed\n` };
    if (!query.has('verbose')) return { status: 200, body: 'ok' };
    return { status: 200, body: `${out}${this.name} check passed\n` };
  }
}

/** What metrics-server's probes look at. */
export interface ProbeSources {
  storageReady(): boolean;
  nodesSynced(): boolean;
  podsSynced(): boolean;
  /** `metric-collection-timely`'s problem, if any. */
  timelyProblem(): string | undefined;
  shuttingDown(): boolean;
  onFailure?: (check: string, reason: string) => void;
}

/** `/healthz`, `/livez` and `/readyz` with upstream's checks, in upstream's order. */
export function metricsServerProbes(s: ProbeSources): HealthEndpoint[] {
  const ok = (name: string): HealthCheck => ({ name, check: () => undefined });
  const base = [
    ok('ping'),
    ok('log'),
    ok('poststarthook/max-in-flight-filter'),
    ok('poststarthook/storage-object-count-tracker-hook'),
  ];
  // Upstream counts metadata informers not started; ours start with the server.
  const metadataSync = ok('metadata-informer-sync');
  const readyz = new HealthEndpoint(
    'readyz',
    [
      ...base,
      { name: 'metric-storage-ready', check: () => (s.storageReady() ? undefined : 'no metrics to serve') },
      {
        name: 'metric-informer-sync',
        check: () =>
          !s.nodesSynced()
            ? 'cache for node informer has not synced'
            : !s.podsSynced()
              ? 'cache for pod informer has not synced'
              : undefined,
      },
      metadataSync,
      { name: 'shutdown', check: () => (s.shuttingDown() ? 'process is shutting down' : undefined) },
    ],
    s.onFailure,
  );
  const livez = new HealthEndpoint(
    'livez',
    [...base, { name: 'metric-collection-timely', check: () => s.timelyProblem() }, metadataSync],
    s.onFailure,
  );
  return [new HealthEndpoint('healthz', [...base, metadataSync], s.onFailure), livez, readyz];
}
