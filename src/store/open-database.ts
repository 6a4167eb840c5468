import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { WardenError } from "../domain/errors.ts";
import { migrateToLatest } from "./migrate.ts";
import { PGlitePool } from "./pglite-pool.ts";
import type { Database } from "./schema.ts";

export type DatabaseEngine = "pglite" | "postgres";

/** The open database: Kysely for the code, raw SQL for the job queue. */
export interface Store {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  /** Runs SQL outside Kysely (the job queue's adapter); waits its turn on PGlite. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** The embedded database's files as a gzipped tar (backups); PGlite only. */
  dumpEmbedded?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded database. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database (required without databaseUrl). */
  pgliteDir?: string | undefined;
  /** Run migrations (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /** Load the embedded database from a dump instead of its folder (restore). */
  loadDataDir?: Blob | File;
  /**
   * Told when PostgreSQL drops an idle pooled connection (a server restart, an
   * administrator's terminate). The pool discards that connection and opens a
   * new one on the next query; without a listener the error would end the process.
   */
  onConnectionLost?: (error: Error) => void;
}

// int8 (count(*), bigserial, sums) arrives as a string from pg; PGlite gives a
// number. Parse it once here so both engines hand the same types to the code.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// A calendar date stays the text "YYYY-MM-DD" on both engines: turning it into a
// Date at local midnight shifts it by the server's time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);

/**
 * Opens Warden's database and brings its schema up to date.
 *
 * @example
 * const store = await openDatabase({ pgliteDir: "./data/db" });
 * const users = await store.db.selectFrom("users").selectAll().execute();
 * await store.close();
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Store> {
  const store = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onConnectionLost)
    : await openPglite(options);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db as Kysely<unknown>);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

async function openPostgres(
  url: string,
  poolSize: number,
  onConnectionLost: (error: Error) => void = () => {},
): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on("error", onConnectionLost);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new WardenError(
      "unavailable",
      `Cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`,
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: "postgres",
    executeSql: async (text, values) => {
      const result = await pool.query(text, values ?? []);
      return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
    },
    close: () => db.destroy(),
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<Store> {
  if (!options.pgliteDir)
    throw new WardenError("invalid_input", "No database folder given: set WARDEN_DATA_DIR.");
  await mkdir(options.pgliteDir, { recursive: true });
  let pglite: PGlite;
  try {
    pglite = new PGlite(options.pgliteDir, {
      parsers: { [DATE_OID]: (value: string) => value },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    await pglite.waitReady;
  } catch (error) {
    throw new WardenError(
      "unavailable",
      `Cannot open the embedded database in ${options.pgliteDir}: ${(error as Error).message}. Is another Warden process using this data folder?`,
    );
  }
  const pool = new PGlitePool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: "pglite",
    executeSql: async (text, values) => pool.run(text, values ?? []),
    dumpEmbedded: async () => {
      // Hold the connection so that no transaction is half-way while the files are read.
      const client = await pool.connect();
      try {
        return await pglite.dumpDataDir("gzip");
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/** The URL with its password masked, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
