import type { Status } from './object.ts';

/**
 * A failed API server call. `statusCode` is 0 when no HTTP answer arrived (connection refused,
 * TLS failure, timeout, abort); the message then carries the transport reason.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 for transport failures. */
  readonly statusCode: number;
  /** `Status.reason` (e.g. `Expired`, `NotFound`, `Forbidden`) when the server sent a Status. */
  readonly reason: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly status: Status | undefined;

  constructor(
    init: { statusCode: number; method: string; url: string; message: string; status?: Status },
    options?: ErrorOptions,
  ) {
    const what = init.statusCode ? `${init.statusCode}` : 'request failed';
    super(`${init.method} ${init.url}: ${what}: ${init.message}`, options);
    this.statusCode = init.statusCode;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.reason = init.status?.reason;
  }

  /** The resourceVersion asked for is older than the server's history (HTTP 410 or `Expired`). */
  get isGone(): boolean {
    return this.statusCode === 410 || this.reason === 'Expired' || this.reason === 'Gone';
  }
}

/** Parses a response body into a Status when it is one; bodies from proxies may be anything. */
export function parseStatus(body: string): Status | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as Partial<Status>;
    if (parsed && parsed.kind === 'Status') return parsed as Status;
  } catch {
    // not JSON: the caller falls back to the raw text
  }
  return undefined;
}

/** Status objects embedded in watch ERROR events carry the code of the failure (410 for expired). */
export function statusCodeOf(obj: unknown): number | undefined {
  if (obj && typeof obj === 'object' && typeof (obj as Status).code === 'number') return (obj as Status).code;
  return undefined;
}
