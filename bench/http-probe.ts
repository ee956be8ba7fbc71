/** Small HTTP helpers for benchmarks: free ports, timed GETs, waiting for a condition. */
import { createServer } from 'node:net';
import { Agent, request } from 'undici';
import { sleep } from './proc-stats.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TimedGet {
  status: number;
  body: Buffer;
  /** Request start to last body byte, ms. */
  ms: number;
}

const plainAgent = new Agent({ connections: 4, keepAliveTimeout: 30_000 });

export async function timedGet(url: string, dispatcher: Agent = plainAgent, accept?: string): Promise<TimedGet> {
  const t0 = performance.now();
  const res = await request(url, {
    dispatcher,
    headers: accept ? { accept } : {},
    headersTimeout: 300_000,
    bodyTimeout: 300_000,
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, body, ms: performance.now() - t0 };
}

/** Polls `check` every `intervalMs` until it returns a value, or throws after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError = '';
  while (performance.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`,
  );
}

/** Counts lines that start with `prefix` (series of one family) without splitting the body. */
export function countLines(body: Buffer, prefix: string): number {
  const needle = Buffer.from(`\n${prefix}`);
  let n = body.subarray(0, needle.length - 1).equals(needle.subarray(1)) ? 1 : 0;
  let i = body.indexOf(needle);
  while (i !== -1) {
    n++;
    i = body.indexOf(needle, i + 1);
  }
  return n;
}
