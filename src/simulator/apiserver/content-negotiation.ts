/**
 * Picks the response representation from the Accept header the way client-go's negotiation
 * meets kube-apiserver: JSON whenever JSON (or anything) is acceptable, metadata-only
 * (`as=PartialObjectMetadata[List]`) and `as=Table` forms on request, 406 otherwise.
 */
import { ApiError } from './errors.ts';

export type Representation = 'object' | 'partial' | 'table';

export interface Negotiated {
  representation: Representation;
  /** The Content-Type to answer with. */
  contentType: string;
}

interface MediaRange {
  type: string;
  params: Map<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  const out: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [type, ...rest] = part.split(';');
    const t = (type ?? '').trim().toLowerCase();
    if (!t) continue;
    const params = new Map<string, string>();
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0)
        params.set(
          p.slice(0, eq).trim().toLowerCase(),
          p
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, ''),
        );
    }
    out.push({ type: t, params });
  }
  return out;
}

/**
 * `kind` is what the request returns: 'single' (get), 'list', or 'watch'. Table is only offered
 * when `tableAvailable`. Throws 406 NotAcceptable when nothing we serve is acceptable.
 */
export function negotiate(
  accept: string | undefined,
  kind: 'single' | 'list' | 'watch',
  tableAvailable: boolean,
): Negotiated {
  if (!accept || accept.trim() === '') return { representation: 'object', contentType: 'application/json' };
  const ranges = parseAccept(accept);
  for (const r of ranges) {
    const as = r.params.get('as');
    const jsonish = r.type === 'application/json' || r.type === '*/*' || r.type === 'application/*';
    if (!jsonish) continue;
    if (as === undefined) {
      return { representation: 'object', contentType: 'application/json' };
    }
    const g = r.params.get('g');
    const v = r.params.get('v');
    if (g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
    if (as === 'Table' && tableAvailable) {
      return { representation: 'table', contentType: `application/json;as=Table;v=${v};g=meta.k8s.io` };
    }
    const wantsList = as === 'PartialObjectMetadataList';
    if (as === 'PartialObjectMetadata' || wantsList) {
      // client-go sends the List form for lists and the single form for gets and watches; be lenient.
      const form = kind === 'list' ? 'PartialObjectMetadataList' : 'PartialObjectMetadata';
      return { representation: 'partial', contentType: `application/json;as=${form};g=meta.k8s.io;v=${v}` };
    }
  }
  throw new ApiError(
    406,
    'NotAcceptable',
    `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
  );
}
