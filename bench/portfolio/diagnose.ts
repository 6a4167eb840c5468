/**
 * Where the whole-portfolio evaluation spends its time: generates the portfolio,
 * then loads the snapshots of every batch of 500 through a Kysely that logs each
 * query's execution time, and prints the queries by total time (with the plan of
 * the slowest). A diagnostic beside the benchmark, not part of it.
 *
 * Run: npx tsx bench/portfolio/diagnose.ts [--engine pglite|postgres] [--scale 0.1] [--explain]
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, type LogEvent, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Runtime } from "../../src/services/context.ts";
import { getDashboard } from "../../src/services/dashboard/get-dashboard.ts";
import { loadSnapshots } from "../../src/services/playbook/load-snapshots.ts";
import { readOrgSettings } from "../../src/services/playbook/playbook-settings.ts";
import { refreshEvaluations } from "../../src/services/playbook/refresh-evaluations.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import { PGlitePool } from "../../src/store/pglite-pool.ts";
import type { Database } from "../../src/store/schema.ts";
import { generatePortfolio } from "./generate-portfolio.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const POSTGRES = process.env.WARDEN_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: "string", default: "pglite" },
      scale: { type: "string", default: "0.1" },
      explain: { type: "boolean", default: false },
    },
  });
  const dir = await mkdtemp(join(tmpdir(), "warden-bench-diagnose-"));
  const dbName = `warden_bench_${randomBytes(6).toString("hex")}`;
  const url = new URL(POSTGRES);
  url.pathname = `/${dbName}`;
  const admin = async (text: string): Promise<void> => {
    const c = new pg.Client({ connectionString: POSTGRES });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  if (values.engine === "postgres") await admin(`create database ${dbName}`);
  try {
    const store = await openDatabase(
      values.engine === "postgres" ? { databaseUrl: url.toString() } : { pgliteDir: dir },
    );
    await generatePortfolio(store.db, { scale: Number(values.scale), now: NOW });
    await store.close();

    const events: LogEvent[] = [];
    const log = (e: LogEvent): void => {
      events.push(e);
    };
    const pglite =
      values.engine === "postgres" ? null : new PGlite(dir, { parsers: { 1082: (v: string) => v } });
    const pool = pglite ? new PGlitePool(pglite) : new pg.Pool({ connectionString: url.toString(), max: 10 });
    if (pool instanceof pg.Pool) pool.on("error", () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    const ids = (
      await db.selectFrom("engagements").select("id").where("deleted_at", "is", null).execute()
    ).map((r) => r.id);
    const settings = await readOrgSettings(db);
    events.length = 0;
    const started = performance.now();
    for (let i = 0; i < ids.length; i += 500) await loadSnapshots(db, ids.slice(i, i + 500), NOW, settings);
    const wall = performance.now() - started;
    const byQuery = new Map<string, { ms: number; n: number; sql: string; params: readonly unknown[] }>();
    for (const e of events) {
      const key = e.query.sql.replace(/\$\d+(, \$\d+)*/g, "…").slice(0, 140);
      const entry = byQuery.get(key) ?? { ms: 0, n: 0, sql: e.query.sql, params: e.query.parameters };
      entry.ms += e.queryDurationMillis;
      entry.n++;
      byQuery.set(key, entry);
    }
    const sorted = [...byQuery.entries()].sort((a, b) => b[1].ms - a[1].ms);
    console.log(
      `${values.engine} scale ${values.scale}: loadSnapshots over ${ids.length} engagements, wall ${wall.toFixed(0)} ms`,
    );
    for (const [key, v] of sorted) console.log(`${v.ms.toFixed(1).padStart(9)} ms  ×${v.n}  ${key}`);
    if (values.explain) {
      for (const [, v] of sorted.slice(0, 3)) {
        await explain(db, v.sql, v.params);
      }
    }
    // The dashboard's queries, one request after the evaluations are stored.
    await refreshEvaluations(db, NOW);
    const ctx = {
      runtime: { db, now: () => NOW } as unknown as Runtime,
      actor: { kind: "user" as const, id: null, label: "bench", role: "admin" as const, vendorId: null },
    };
    await getDashboard(ctx);
    events.length = 0;
    const t = performance.now();
    await getDashboard(ctx);
    console.log(`\ndashboard: one request ${(performance.now() - t).toFixed(1)} ms; its queries:`);
    for (const e of [...events].sort((a, b) => b.queryDurationMillis - a.queryDurationMillis))
      console.log(
        `${e.queryDurationMillis.toFixed(1).padStart(9)} ms  ${e.query.sql.replace(/\$\d+(, \$\d+)*/g, "…").slice(0, 150)}`,
      );
    if (values.explain) {
      for (const e of [...events].sort((a, b) => b.queryDurationMillis - a.queryDurationMillis).slice(0, 3)) {
        await explain(db, e.query.sql, e.query.parameters);
      }
    }
    await db.destroy();
  } finally {
    if (values.engine === "postgres") await admin(`drop database if exists ${dbName} with (force)`);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints the plan of one logged query (lines cut short: the id lists are long). */
async function explain(db: Kysely<Database>, text: string, params: readonly unknown[]): Promise<void> {
  try {
    const plan = await sql.raw(`explain analyze ${inline(text, params)}`).execute(db);
    const lines = (plan.rows as { "QUERY PLAN": string }[]).map((r) => r["QUERY PLAN"].slice(0, 160));
    console.log(`\n${text.slice(0, 160)}\n${lines.join("\n")}`);
  } catch (error) {
    console.log(`\n${text.slice(0, 160)}\nexplain failed: ${(error as Error).message}`);
  }
}

/** The query with its parameters written in (ids, dates, booleans), for EXPLAIN. */
function inline(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (v === null || v === undefined) return "null";
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (v instanceof Date) return `'${v.toISOString()}'`;
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
