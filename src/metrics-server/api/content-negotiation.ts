/**
 * Accept-header negotiation among the encodings the metrics API serves: JSON, YAML, Kubernetes
 * protobuf, `meta.k8s.io` Table and aggregated discovery (`apidiscovery.k8s.io`).
 */

export type Encoding =
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'protobuf' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'discovery'; version: 'v2' | 'v2beta1' };

export interface NegotiationOptions {
  protobuf?: boolean;
  table?: boolean;
  discovery?: boolean;
}

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
  order: number;
}

function parseAccept(accept: string): MediaRange[] {
  const out: MediaRange[] = [];
  accept.split(',').forEach((part, order) => {
    const [type, ...rawParams] = part.split(';');
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq === -1) continue;
      params[p.slice(0, eq).trim().toLowerCase()] = p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
    }
    const q = params.q === undefined ? 1 : Number(params.q);
    out.push({ type: (type ?? '').trim().toLowerCase(), params, q: Number.isFinite(q) ? q : 0, order });
  });
  return out.sort((a, b) => b.q - a.q || a.order - b.order);
}

/** The first acceptable encoding, JSON when no Accept was sent, or undefined (406). */
export function negotiate(accept: string | undefined, options: NegotiationOptions): Encoding | undefined {
  if (accept === undefined || accept.trim() === '') return { kind: 'json' };
  for (const range of parseAccept(accept)) {
    if (range.q <= 0) continue;
    const { as, g, v } = range.params;
    if (as !== undefined) {
      if (range.type !== 'application/json') continue;
      if (options.table && as === 'Table' && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
        return { kind: 'table', version: v };
      }
      if (
        options.discovery &&
        as === 'APIGroupDiscoveryList' &&
        g === 'apidiscovery.k8s.io' &&
        (v === 'v2' || v === 'v2beta1')
      ) {
        return { kind: 'discovery', version: v };
      }
      continue;
    }
    switch (range.type) {
      case 'application/json':
      case 'application/*':
      case '*/*':
        return { kind: 'json' };
      case 'application/yaml':
        return { kind: 'yaml' };
      case 'application/vnd.kubernetes.protobuf':
        if (options.protobuf) return { kind: 'protobuf' };
        break;
    }
  }
  return undefined;
}
