/**
 * The kubelet's caches in front of TokenReview and SubjectAccessReview (kubelet config
 * `authentication.webhook.cacheTTL` 2m for both outcomes, `authorization.webhook.cacheAuthorizedTTL`
 * 5m and `cacheUnauthorizedTTL` 30s). Besides fidelity (an RBAC change reaches a kubelet only when
 * its cached answer expires), they keep 5,000 kubelets from re-evaluating RBAC on every scrape.
 * Hook errors are never cached.
 */
import type { Authorize, KubeletAuth, ReviewToken, UserInfo } from './kubelet-auth.ts';

export interface AuthCacheOptions {
  /** TokenReview answers, allowed and refused alike (ms, default 120 000). */
  tokenTtlMs?: number;
  /** Allowed decisions (ms, default 300 000). */
  allowedTtlMs?: number;
  /** Denied decisions (ms, default 30 000). */
  deniedTtlMs?: number;
  /** Entries per cache before the oldest are dropped (default 50 000). */
  maxEntries?: number;
  now?: () => number;
}

class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expiresMs: number }>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(max: number, now: () => number) {
    this.#max = max;
    this.#now = now;
  }

  get(key: string): { value: V } | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expiresMs <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return { value: e.value };
  }

  set(key: string, value: V, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.#entries.delete(key);
    // Map keeps insertion order: the first keys are the oldest.
    while (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresMs: this.#now() + ttlMs });
  }
}

function userKey(u: UserInfo): string {
  return JSON.stringify([u.name, u.uid ?? '', u.groups, u.extra ?? {}]);
}

/** Wraps the hooks with the kubelet's caches; `authenticate` (client certificates) needs none. */
export function withAuthCache(auth: KubeletAuth, opts: AuthCacheOptions = {}): KubeletAuth {
  const now = opts.now ?? Date.now;
  const max = opts.maxEntries ?? 50_000;
  const tokenTtl = opts.tokenTtlMs ?? 120_000;
  const allowedTtl = opts.allowedTtlMs ?? 300_000;
  const deniedTtl = opts.deniedTtlMs ?? 30_000;
  const decisions = new TtlCache<{ allowed: boolean; reason?: string }>(max, now);
  const authorize: Authorize = async (user, attrs) => {
    const key = `${userKey(user)}\0${attrs.verb}\0${attrs.subresource}\0${attrs.name}`;
    const hit = decisions.get(key);
    if (hit) return hit.value;
    const decision = await auth.authorize(user, attrs);
    const allowed = decision?.allowed === true;
    decisions.set(key, decision, allowed ? allowedTtl : deniedTtl);
    return decision;
  };
  const out: KubeletAuth = { ...auth, authorize };
  const review = auth.reviewToken;
  if (review) {
    const tokens = new TtlCache<UserInfo | undefined>(max, now);
    const reviewToken: ReviewToken = async (token) => {
      const hit = tokens.get(token);
      if (hit) return hit.value;
      const user = await review(token);
      tokens.set(token, user, tokenTtl);
      return user;
    };
    out.reviewToken = reviewToken;
  }
  return out;
}
