/**
 * Reads and decodes request bodies with a hard size cap (kube-apiserver's 3 MiB), so a huge or
 * malformed body is refused without buffering it or touching state.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from './errors.ts';
import { decodeProtobufBody } from './protobuf-body.ts';

/** kube-apiserver's limit on request bodies, bytes. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

/** Reads the whole body, failing with 413 as soon as it exceeds `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The media type without parameters, lower-case; '' when absent. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Decodes a create/update body sent as JSON, YAML or (for the kinds kubectl's typed creates send) protobuf. */
export function decodeObjectBody(body: Buffer, contentType: string | undefined): unknown {
  const type = mediaType(contentType);
  if (type === 'application/json' || type === '') return parseJson(body);
  if (type === 'application/yaml') return parseYamlBody(body);
  if (type === 'application/vnd.kubernetes.protobuf') return decodeProtobufBody(body);
  throw new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
  );
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

export function parseYamlBody(body: Buffer): unknown {
  try {
    return parseYaml(body.toString('utf8'), { maxAliasCount: 100 });
  } catch (err) {
    throw badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
  }
}
