/**
 * TEMPORARY stand-in for `openapi.ts` (another engineer's), with the agreed signature, so the
 * server runs until it lands. Delete once it exists. Serves no OpenAPI.
 */
import type { ResourceRegistry } from './resource-registry.ts';

export function serveOpenApi(
  _path: string,
  _accept: string,
  _registry: ResourceRegistry,
): { status: number; contentType: string; body: string | Buffer } | undefined {
  return undefined;
}
