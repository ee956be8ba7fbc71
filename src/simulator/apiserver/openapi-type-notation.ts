// The notation the OpenAPI schemas are described in (openapi-schemas*.ts, openapi-kinds.ts).

/**
 * `string`, `integer`, `boolean`, `number`, `time`, `quantity`, `int-or-string`, `map` (of
 * strings), `quantities` (map of quantities), `any` (opaque object), or the short name of a STRUCT.
 */
export type TypeExpr = string | Fields | ListExpr;
export interface Fields {
  [field: string]: TypeExpr;
}
export interface ListExpr {
  readonly __list: TypeExpr;
  readonly key?: string;
  readonly strategy?: string;
}

/** A list; with a merge key it merges by that key (`x-kubernetes-patch-strategy: merge`). */
export function listOf(item: TypeExpr, key?: string, strategy?: string): ListExpr {
  return { __list: item, ...(key ? { key } : {}), ...(strategy || key ? { strategy: strategy ?? 'merge' } : {}) };
}
