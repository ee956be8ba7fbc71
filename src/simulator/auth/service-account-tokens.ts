/**
 * ServiceAccount JWTs as kube-apiserver issues and checks them: JWS compact form signed with the
 * state directory's `sa.key` (RS256 for RSA, ES256 for P-256), `kid` = base64url SHA-256 of the
 * public key's DER, claims serialised with sorted keys. Verification checks issuer, signature,
 * expiry, audiences, and that the service account (and a bound pod, secret or node) still exists
 * with the UID the token names. Signatures are checked once per token (bounded cache); the
 * existence checks run on every use, so deleting a service account revokes its tokens at once.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, randomUUID, sign, verify } from 'node:crypto';
import type { ClusterState } from '../apiserver/cluster-state.ts';
import type { UserInfo } from '../apiserver/request-attributes.ts';
import { SERVICE_ACCOUNT_PREFIX } from './rbac-rules.ts';

export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const VERIFIED_CACHE_SIZE = 10_000;
const EXTRA_PREFIX = 'authentication.kubernetes.io/';

export type BoundKind = 'Pod' | 'Secret' | 'Node';

export interface TokenSpec {
  namespace: string;
  name: string;
  uid: string;
  audiences: string[];
  /** Lifetime in seconds. */
  expirationSeconds: number;
  bound?: { kind: BoundKind; name: string; uid: string };
  /** The node of a bound pod (ServiceAccountTokenPodNodeInfo). */
  node?: { name: string; uid: string };
}

interface Claims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti?: string;
  'kubernetes.io': {
    namespace: string;
    node?: { name: string; uid: string };
    pod?: { name: string; uid: string };
    secret?: { name: string; uid: string };
    serviceaccount: { name: string; uid: string };
  };
  nbf: number;
  sub: string;
}

/** Result of checking a bearer token: undefined = not a token this issuer made (another authenticator may try). */
export type TokenCheck = { user: UserInfo; audiences: string[] } | { error: string } | undefined;

export interface ServiceAccountTokensOptions {
  privateKeyPem: string;
  issuer?: string;
  /** `--api-audiences`; default the issuer. */
  apiAudiences?: string[];
  /** ms since epoch. */
  now?: () => number;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const goQuoted = (list: string[]) => `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;

export class ServiceAccountTokens {
  readonly issuer: string;
  readonly apiAudiences: string[];
  readonly #state: ClusterState;
  readonly #key: KeyObject;
  readonly #publicKey: KeyObject;
  readonly #alg: 'RS256' | 'ES256';
  readonly #kid: string;
  readonly #now: () => number;
  /** Token -> claims whose signature and issuer were verified. */
  readonly #verified = new Map<string, Claims>();

  constructor(state: ClusterState, options: ServiceAccountTokensOptions) {
    this.#state = state;
    this.#key = createPrivateKey(options.privateKeyPem);
    this.#publicKey = createPublicKey(this.#key);
    const type = this.#key.asymmetricKeyType;
    const curve = this.#key.asymmetricKeyDetails?.namedCurve;
    if (type === 'rsa') this.#alg = 'RS256';
    else if (type === 'ec' && curve === 'prime256v1') this.#alg = 'ES256';
    else throw new Error(`service account signing key must be RSA or EC P-256, got ${type} ${curve ?? ''}`.trim());
    const der = this.#publicKey.export({ type: 'spki', format: 'der' });
    this.#kid = b64url(createHash('sha256').update(der).digest());
    this.issuer = options.issuer ?? DEFAULT_ISSUER;
    this.apiAudiences = options.apiAudiences ?? [this.issuer];
    this.#now = options.now ?? Date.now;
  }

  #signOptions(key: KeyObject) {
    return this.#alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' as const } : key;
  }

  /** Issues a token; `expiresAt` in ms since epoch. */
  issue(spec: TokenSpec): { token: string; expiresAt: number } {
    const iat = Math.floor(this.#now() / 1000);
    const exp = iat + spec.expirationSeconds;
    const b = spec.bound;
    const node = b?.kind === 'Node' ? b : spec.node;
    // Keys in alphabetical order, as Go's claim merge writes them.
    const k8s: Claims['kubernetes.io'] = {
      namespace: spec.namespace,
      ...(node ? { node: { name: node.name, uid: node.uid } } : {}),
      ...(b?.kind === 'Pod' ? { pod: { name: b.name, uid: b.uid } } : {}),
      ...(b?.kind === 'Secret' ? { secret: { name: b.name, uid: b.uid } } : {}),
      serviceaccount: { name: spec.name, uid: spec.uid },
    };
    const claims: Claims = {
      aud: spec.audiences,
      exp,
      iat,
      iss: this.issuer,
      jti: randomUUID(),
      'kubernetes.io': k8s,
      nbf: iat,
      sub: `${SERVICE_ACCOUNT_PREFIX}${spec.namespace}:${spec.name}`,
    };
    const signingInput = `${b64url(JSON.stringify({ alg: this.#alg, kid: this.#kid }))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.#signOptions(this.#key));
    return { token: `${signingInput}.${b64url(signature)}`, expiresAt: exp * 1000 };
  }

  /** Decodes and verifies the signature; undefined when the token is not this issuer's. */
  #claims(token: string): Claims | { error: string } | undefined {
    const cached = this.#verified.get(token);
    if (cached) return cached;
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    let header: { alg?: unknown };
    let claims: Claims;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof claims !== 'object' || claims === null || claims.iss !== this.issuer) return undefined;
    if (header?.alg !== this.#alg) return { error: `square/go-jose: unexpected signature algorithm "${header?.alg}"` };
    const ok = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      this.#signOptions(this.#publicKey),
      Buffer.from(parts[2]!, 'base64url'),
    );
    if (!ok) return { error: 'square/go-jose: error in cryptographic primitive' };
    const k8s = claims['kubernetes.io'];
    if (
      typeof k8s !== 'object' ||
      k8s === null ||
      typeof k8s.namespace !== 'string' ||
      typeof k8s.serviceaccount?.name !== 'string' ||
      typeof claims.exp !== 'number' ||
      !Array.isArray(claims.aud)
    ) {
      return { error: 'service account token claims are malformed' };
    }
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) this.#verified.clear();
    this.#verified.set(token, claims);
    return claims;
  }

  /** Checks a bearer token for `audiences` (default the API audiences). */
  check(token: string, audiences: string[] = this.apiAudiences): TokenCheck {
    const claims = this.#claims(token);
    if (!claims || 'error' in claims) return claims;
    const now = this.#now() / 1000;
    if (claims.exp < now) return { error: 'Token has expired.' };
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) return { error: 'Token is not valid yet.' };
    const aud = claims.aud.filter((a) => typeof a === 'string');
    const matched = audiences.filter((a) => aud.includes(a));
    if (matched.length === 0) {
      return { error: `token audiences ${goQuoted(aud)} is invalid for the target audiences ${goQuoted(audiences)}` };
    }
    const k8s = claims['kubernetes.io'];
    const sa = this.#state.get('v1', 'ServiceAccount', k8s.namespace, k8s.serviceaccount.name);
    if (!sa || sa.metadata.deletionTimestamp) {
      return { error: sa ? 'Token has been invalidated' : `serviceaccounts "${k8s.serviceaccount.name}" not found` };
    }
    if (sa.metadata.uid !== k8s.serviceaccount.uid) {
      return { error: `ServiceAccount UID (${sa.metadata.uid}) does not match claim (${k8s.serviceaccount.uid})` };
    }
    const extra: Record<string, string[]> = {};
    for (const [kind, ref, ns] of [
      ['Secret', k8s.secret, k8s.namespace],
      ['Pod', k8s.pod, k8s.namespace],
      ['Node', k8s.node, undefined],
    ] as const) {
      if (!ref) continue;
      // A pod-bound token names the pod's node for information only; the node may come and go.
      if (kind === 'Node' && k8s.pod) {
        extra[`${EXTRA_PREFIX}node-name`] = [ref.name];
        extra[`${EXTRA_PREFIX}node-uid`] = [ref.uid];
        continue;
      }
      const obj = this.#state.get('v1', kind, ns, ref.name);
      if (!obj || obj.metadata.deletionTimestamp) return { error: 'Token has been invalidated' };
      if (obj.metadata.uid !== ref.uid) {
        return { error: `${kind} UID (${obj.metadata.uid}) does not match claim (${ref.uid})` };
      }
      if (kind !== 'Secret') {
        const lower = kind.toLowerCase();
        extra[`${EXTRA_PREFIX}${lower}-name`] = [ref.name];
        extra[`${EXTRA_PREFIX}${lower}-uid`] = [ref.uid];
      }
    }
    if (typeof claims.jti === 'string') extra[`${EXTRA_PREFIX}credential-id`] = [`JTI=${claims.jti}`];
    const sorted = Object.fromEntries(Object.entries(extra).sort(([a], [b]) => (a < b ? -1 : 1)));
    return {
      user: {
        name: `${SERVICE_ACCOUNT_PREFIX}${k8s.namespace}:${k8s.serviceaccount.name}`,
        uid: k8s.serviceaccount.uid,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${k8s.namespace}`, 'system:authenticated'],
        ...(Object.keys(sorted).length > 0 ? { extra: sorted } : {}),
      },
      audiences: matched,
    };
  }
}
