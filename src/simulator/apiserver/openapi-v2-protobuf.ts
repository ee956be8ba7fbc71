/**
 * A hand-encoded gnostic `openapi_v2.Document` (protobuf), the only form kubectl 1.27/1.28 accept
 * from `/openapi/v2`: JSON there fails with `proto: cannot parse invalid wire-format data`. It
 * carries the PATCH operations with their group-version-kind and `fieldValidation` parameter and
 * no definitions, so kubectl's v2 schema lookups find nothing and it falls back to its compiled-in
 * patch metadata. Field numbers are those of gnostic's OpenAPIv2.proto.
 */

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  while (v > 127) {
    bytes.push((v & 127) | 128);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

/** A length-delimited field (wire type 2): strings and embedded messages. */
function field(no: number, ...parts: (string | Buffer)[]): Buffer {
  const payload = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
  return Buffer.concat([varint((no << 3) | 2), varint(payload.length), payload]);
}

export interface V2PatchOperation {
  path: string;
  group: string;
  version: string;
  kind: string;
}

/** NamedAny{name: 1, value: 2 = Any{yaml: 2}}, the form of vendor extensions. */
function extension(name: string, yaml: string): Buffer {
  return Buffer.concat([field(1, name), field(2, field(2, yaml))]);
}

/** ParametersItem{parameter: 1 = Parameter{non_body_parameter: 2 = {query_parameter_sub_schema: 3}}}. */
function queryParameter(name: string): Buffer {
  return field(1, field(2, field(3, field(2, 'query'), field(4, name), field(6, 'string'))));
}

export function encodeOpenApiV2(title: string, version: string, operations: readonly V2PatchOperation[]): Buffer {
  const pathItems = operations.map((op) => {
    const gvk = `group: ${JSON.stringify(op.group)}\nkind: ${JSON.stringify(op.kind)}\nversion: ${JSON.stringify(op.version)}\n`;
    const operation = Buffer.concat([
      field(8, queryParameter('dryRun')),
      field(8, queryParameter('fieldManager')),
      field(8, queryParameter('fieldValidation')),
      field(13, extension('x-kubernetes-action', 'patch\n')),
      field(13, extension('x-kubernetes-group-version-kind', gvk)),
    ]);
    // Paths.path: 2 = NamedPathItem{name: 1, value: 2 = PathItem{patch: 8}}
    return field(2, field(1, op.path), field(2, field(8, operation)));
  });
  // Document{swagger: 1, info: 2 = Info{title: 1, version: 2}, paths: 8}
  return Buffer.concat([field(1, '2.0'), field(2, field(1, title), field(2, version)), field(8, ...pathItems)]);
}
