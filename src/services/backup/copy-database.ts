import { join } from "node:path";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Config } from "../../config.ts";
import type { ChainVerdict } from "../../domain/audit-chain.ts";
import { WardenError } from "../../domain/errors.ts";
import { acquireDataDirLock } from "../../store/data-dir-lock.ts";
import { SETTINGS_SEEDED_BY_MIGRATIONS } from "../../store/migrations/index.ts";
import { openDatabase, redact, type Store } from "../../store/open-database.ts";
import type { Database } from "../../store/schema.ts";
import { orderByDependencies, type TableDependency } from "../../store/table-order.ts";
import { verifyAuditLog } from "../audit/verify-audit-log.ts";

/** Rows sent to the target per insert; a batch is all that is held in memory. */
const BATCH_ROWS = 500;

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyDatabaseResult {
  direction: "to" | "from";
  source: string;
  target: string;
  /** Each table in the order copied, with its rows on both sides after the copy. */
  tables: Array<{ name: string; sourceRows: number; targetRows: number }>;
  sequences: number;
  audit: { source: ChainVerdict; target: ChainVerdict };
  /** True when every count matches and both chains verify to the same head. */
  ok: boolean;
}

type AnyDb = Kysely<Database> | Transaction<Database>;

/**
 * Copies the whole database between the embedded one and a PostgreSQL server:
 * `to` a PostgreSQL URL from this installation's database, or `from` one into
 * this (empty) data folder. The target is migrated first and must then be
 * empty, or nothing is written. Tables go in the order their foreign keys
 * require (read from the catalog), each streamed in batches through a cursor
 * over one consistent snapshot of the source, all in one transaction on the
 * target; sequences follow. Afterwards the row count of every table is compared
 * on both sides, and the audit chain is verified on both and must end at the
 * same head. Blobs are not moved (see `warden blobs copy`); queued background
 * jobs are not copied (schedules start again with the first process).
 *
 * @example
 * const result = await copyDatabase(config, { to: "postgres://warden@db/warden" }, (p) => console.error(p));
 */
export async function copyDatabase(
  config: Config,
  direction: { to: string } | { from: string },
  onProgress: (progress: CopyProgress) => void = () => {},
): Promise<CopyDatabaseResult> {
  const toPostgres = "to" in direction;
  const url = toPostgres ? direction.to : direction.from;
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new WardenError(
      "invalid_input",
      `${redact(url)} is not a PostgreSQL URL: give postgres://user@host:5432/db.`,
    );
  if (!toPostgres && config.databaseUrl)
    throw new WardenError(
      "invalid_input",
      "--from copies into the embedded database of the data folder: unset DATABASE_URL first.",
    );
  if (toPostgres && config.databaseUrl && sameDatabase(config.databaseUrl, url))
    throw new WardenError("invalid_input", "The target is the database this installation already uses.");
  const usesEmbedded = toPostgres ? !config.databaseUrl : true;
  const lock = usesEmbedded ? await acquireDataDirLock(config.dataDir) : null;
  const here = { databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, "db"), poolSize: 2 };
  const there = { databaseUrl: url, poolSize: 2 };
  const opened: Store[] = [];
  try {
    const source = await openDatabase(toPostgres ? here : there);
    opened.push(source);
    const target = await openDatabase(toPostgres ? there : here);
    opened.push(target);
    const tables = await copyableTables(source.db);
    await refuseUnlessEmpty(target.db, tables, toPostgres ? redact(url) : config.dataDir);
    const sourceRows = new Map<string, number>();
    let sequences = 0;
    await source.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (snapshot) => {
        await target.db.transaction().execute(async (tx) => {
          // What the target's own migrations wrote gives way to the source's rows.
          await tx
            .deleteFrom("settings")
            .where("key", "in", [...SETTINGS_SEEDED_BY_MIGRATIONS])
            .execute();
          for (const table of tables) {
            const total = await countRows(snapshot, table);
            sourceRows.set(table, total);
            await copyTable(snapshot, tx, table, total, onProgress);
          }
          sequences = await copySequences(snapshot, tx);
        });
      });
    const result: CopyDatabaseResult["tables"] = [];
    for (const table of tables)
      result.push({
        name: table,
        sourceRows: sourceRows.get(table) ?? 0,
        targetRows: await countRows(target.db, table),
      });
    const audit = { source: await verifyAuditLog(source.db), target: await verifyAuditLog(target.db) };
    const ok =
      result.every((t) => t.sourceRows === t.targetRows) &&
      audit.source.ok &&
      audit.target.ok &&
      audit.source.lastHash === audit.target.lastHash &&
      audit.source.checked === audit.target.checked;
    return {
      direction: toPostgres ? "to" : "from",
      source: toPostgres ? describeHere(config) : redact(url),
      target: toPostgres ? redact(url) : describeHere(config),
      tables: result,
      sequences,
      audit,
      ok,
    };
  } finally {
    for (const store of opened.reverse()) await store.close();
    await lock?.release();
  }
}

/** Every table of Warden's schema (the migrator's own aside), in foreign-key order. */
async function copyableTables(db: AnyDb): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like 'kysely\\_migration%'`.execute(
    db,
  );
  const keys = await sql<TableDependency>`
    select src.relname as "table", dst.relname as "references"
    from pg_constraint k
    join pg_class src on src.oid = k.conrelid join pg_namespace n on n.oid = src.relnamespace
    join pg_class dst on dst.oid = k.confrelid
    where k.contype = 'f' and n.nspname = 'public'`.execute(db);
  return orderByDependencies(
    tables.rows.map((r) => r.name),
    keys.rows,
  );
}

async function refuseUnlessEmpty(db: AnyDb, tables: string[], where: string): Promise<void> {
  const holding: string[] = [];
  for (const table of tables) {
    const seeded = table === "settings" ? [...SETTINGS_SEEDED_BY_MIGRATIONS] : [];
    const { rows } =
      seeded.length > 0
        ? await sql<{
            any: boolean;
          }>`select exists (select 1 from settings where key not in (${sql.join(seeded)})) as any`.execute(db)
        : await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(table)}) as any`.execute(db);
    if (rows[0]?.any) holding.push(table);
  }
  if (holding.length > 0) {
    throw new WardenError(
      "conflict",
      `The target ${where} already holds data (${holding.slice(0, 5).join(", ")}${holding.length > 5 ? ` and ${holding.length - 5} more tables` : ""}); nothing was copied. Copy into a new, empty database.`,
    );
  }
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Streams one table through a cursor, `BATCH_ROWS` at a time, each row as its
 * JSON form, and inserts each batch with `jsonb_populate_recordset`: the target
 * parses every value with its own column type, so no value passes through a
 * JavaScript type on the way. Identity columns keep their values.
 */
async function copyTable(
  source: Transaction<Database>,
  target: Transaction<Database>,
  table: string,
  total: number,
  onProgress: (progress: CopyProgress) => void,
): Promise<void> {
  if (total === 0) return;
  const columns = await insertableColumns(target, table);
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`declare warden_copy no scroll cursor for select to_jsonb(t)::text as r from ${sql.table(table)} t`.execute(
    source,
  );
  let copied = 0;
  for (;;) {
    const { rows } = await sql<{
      r: string;
    }>`fetch forward ${sql.raw(String(BATCH_ROWS))} from warden_copy`.execute(source);
    if (rows.length === 0) break;
    const batch = `[${rows.map((row) => row.r).join(",")}]`;
    await sql`insert into ${sql.table(table)} (${list}) overriding system value
      select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${batch}::jsonb)`.execute(
      target,
    );
    copied += rows.length;
    onProgress({ table, copied, total });
  }
  await sql`close warden_copy`.execute(source);
}

async function insertableColumns(db: AnyDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select a.attname as name from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname = ${table} and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by a.attnum`.execute(db);
  return rows.map((r) => r.name);
}

/** Sets every sequence the tables own to where the source's stands (never behind the copied rows). */
async function copySequences(source: Transaction<Database>, target: Transaction<Database>): Promise<number> {
  const { rows } = await sql<{ table: string; column: string }>`
    select t.relname as "table", a.attname as "column"
    from pg_class s
    join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
    join pg_class t on t.oid = d.refobjid join pg_namespace n on n.oid = t.relnamespace
    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where s.relkind = 'S' and n.nspname = 'public'`.execute(source);
  for (const { table, column } of rows) {
    const sequence = sql`pg_get_serial_sequence(${`"${table}"`}, ${column})`;
    const state = await sql<{ last_value: string | number; is_called: boolean }>`
      select last_value, is_called from ${sql.table(await sequenceName(source, table, column))}`.execute(
      source,
    );
    const max = await sql<{
      m: string | number | null;
    }>`select max(${sql.ref(column)}) as m from ${sql.table(table)}`.execute(target);
    const last = Number(state.rows[0]?.last_value ?? 0);
    const highest = max.rows[0]?.m === null || max.rows[0]?.m === undefined ? null : Number(max.rows[0].m);
    if (highest !== null && highest > last)
      await sql`select setval(${sequence}, ${highest}, true)`.execute(target);
    else await sql`select setval(${sequence}, ${last}, ${state.rows[0]?.is_called ?? false})`.execute(target);
  }
  return rows.length;
}

async function sequenceName(db: AnyDb, table: string, column: string): Promise<string> {
  const { rows } = await sql<{
    name: string;
  }>`select pg_get_serial_sequence(${`"${table}"`}, ${column}) as name`.execute(db);
  const name = rows[0]?.name;
  if (!name) throw new WardenError("integrity", `No sequence found for ${table}.${column}.`);
  return name;
}

function describeHere(config: Config): string {
  return config.databaseUrl
    ? redact(config.databaseUrl)
    : `the embedded database in ${join(config.dataDir, "db")}`;
}

function sameDatabase(a: string, b: string): boolean {
  const strip = (u: string) => u.replace(/\/\/[^@/]*@/, "//").replace(/\/+$/, "");
  return strip(a) === strip(b);
}
