import {
  AliasNode,
  ColumnNode,
  type Compilable,
  CompiledQuery,
  IdentifierNode,
  type Kysely,
  type OperationNode,
  type OperationNodeSource,
  ReferenceNode,
  SelectQueryNode,
  sql,
} from "kysely";

/**
 * A row as it arrives through JSON: timestamps are ISO 8601 text, dates stay
 * "YYYY-MM-DD", jsonb stays nested, and numeric and int8 columns are JSON
 * numbers (read them with `Number()`).
 */
export type JsonRow<O> = {
  [K in keyof O]: O[K] extends Date ? string : O[K] extends Date | null ? string | null : O[K];
};

/**
 * Runs a select and receives all its rows as one JSON array built by the
 * database (`json_agg`), instead of one protocol message per row. For large
 * result sets this is several times faster on the embedded database, where
 * every row and field is decoded in JavaScript, and no slower on PostgreSQL.
 * Use it where a query moves thousands of rows that are read as plain values
 * (the playbook's batch loading).
 *
 * When every selection is a plain or aliased column, each row travels as an
 * array of values and gets its keys back here: the database then writes no
 * key names, a fifth less work on the embedded database for a row of ids.
 *
 * @example
 * const grants = await selectJson(db, db.selectFrom("grants").select(["id", "system"]));
 */
export async function selectJson<DB, O>(
  db: Kysely<DB>,
  query: Compilable<O> & OperationNodeSource,
): Promise<JsonRow<O>[]> {
  const compiled = query.compile();
  const names = outputNames(query.toOperationNode());
  const row = names
    ? `json_build_array(${names.map((n) => `q."${n.replace(/"/g, '""')}"`).join(", ")})`
    : "q";
  const result = await db.executeQuery<{ rows: string }>(
    CompiledQuery.raw(`select coalesce(json_agg(${row}), '[]')::text as rows from (${compiled.sql}) as q`, [
      ...compiled.parameters,
    ]),
  );
  const parsed = JSON.parse(result.rows[0]?.rows ?? "[]") as unknown[];
  if (!names) return parsed as JsonRow<O>[];
  const count = names.length;
  return (parsed as unknown[][]).map((values) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) out[names[i] as string] = values[i];
    return out as JsonRow<O>;
  });
}

/**
 * The output column names of a select whose selections are all columns or
 * aliases, in order; null for anything else (`selectAll`, an unnamed
 * expression, a name used twice), which then travels as objects.
 */
function outputNames(node: OperationNode): string[] | null {
  if (!SelectQueryNode.is(node) || !node.selections?.length) return null;
  const names: string[] = [];
  for (const { selection } of node.selections) {
    let name: string | undefined;
    if (AliasNode.is(selection) && IdentifierNode.is(selection.alias)) name = selection.alias.name;
    else if (ColumnNode.is(selection)) name = selection.column.name;
    else if (ReferenceNode.is(selection) && ColumnNode.is(selection.column))
      name = selection.column.column.name;
    if (name === undefined || names.includes(name)) return null;
    names.push(name);
  }
  return names;
}

/**
 * `column = any($1::uuid[])`: a list of ids as one array parameter, where
 * `column in ($1, $2, …)` would send and plan one parameter per id.
 */
export function anyUuid(column: string, ids: readonly string[]) {
  return sql<boolean>`${sql.ref(column)} = any(${sql.val(ids)}::uuid[])`;
}
