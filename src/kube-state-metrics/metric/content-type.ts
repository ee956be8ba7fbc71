/**
 * Content negotiation for `/metrics`, as kube-state-metrics does it on top of prometheus/common:
 * OpenMetrics only when an Accept clause asks for it (the negotiated type is echoed with its
 * version and escaping scheme); everything else, protobuf included, is text format 0.0.4.
 */

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface Negotiated {
  openMetrics: boolean;
  contentType: string;
}

interface AcceptClause {
  type: string;
  subtype: string;
  q: number;
  params: Map<string, string>;
}

const ESCAPING_SCHEMES = new Set(['allow-utf-8', 'underscores', 'dots', 'values']);
const PROTOBUF_ENCODINGS = new Set(['delimited', 'text', 'compact-text']);

/** Splits an Accept header into clauses; values are kept as written (no unquoting), like goautoneg. */
function parseAccept(header: string): AcceptClause[] {
  const clauses: AcceptClause[] = [];
  for (const part of header.split(',')) {
    const [mediaRange = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const slash = mediaRange.indexOf('/');
    const type = slash < 0 ? mediaRange : mediaRange.slice(0, slash);
    const subtype = slash < 0 ? '*' : mediaRange.slice(slash + 1);
    const params = new Map<string, string>();
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const key = p.slice(0, eq).trim();
      const value = p.slice(eq + 1).trim();
      if (key === 'q') {
        const parsed = Number.parseFloat(value);
        q = Number.isNaN(parsed) ? 0 : parsed;
      } else {
        params.set(key, value);
      }
    }
    clauses.push({ type, subtype, q, params });
  }
  const wildcard = (c: AcceptClause) => (c.type === '*' || c.subtype === '*' ? 1 : 0);
  return clauses.sort((a, b) => b.q - a.q || wildcard(a) - wildcard(b));
}

/** Picks the exposition format for an Accept header (absent or empty means text). */
export function negotiateExposition(accept: string | undefined): Negotiated {
  const text = { openMetrics: false, contentType: TEXT_CONTENT_TYPE };
  if (!accept) return text;
  let escaping = 'underscores';
  for (const c of parseAccept(accept)) {
    const scheme = c.params.get('escaping');
    if (scheme !== undefined && ESCAPING_SCHEMES.has(scheme)) escaping = scheme;
    const media = `${c.type}/${c.subtype}`;
    const version = c.params.get('version');
    if (
      media === 'application/vnd.google.protobuf' &&
      c.params.get('proto') === 'io.prometheus.client.MetricFamily' &&
      PROTOBUF_ENCODINGS.has(c.params.get('encoding') ?? '')
    ) {
      return text; // KSM never serves protobuf
    }
    if (media === 'text/plain' && (version === undefined || version === '0.0.4')) return text;
    if (
      media === 'application/openmetrics-text' &&
      (version === undefined || version === '0.0.1' || version === '1.0.0')
    ) {
      const v = version ?? '0.0.1';
      return {
        openMetrics: true,
        contentType: `application/openmetrics-text; version=${v}; charset=utf-8; escaping=${escaping}`,
      };
    }
  }
  return text;
}
