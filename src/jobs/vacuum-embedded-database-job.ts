import { z } from "zod";
import type { Runtime } from "../services/context.ts";
import { defineJob } from "./job-definition.ts";

/**
 * Nightly, on the embedded database only: VACUUM (ANALYZE) of every table.
 * PGlite runs no autovacuum, so without this dead rows would pile up, index-only
 * scans would never apply and the planner would keep the row counts of the day
 * the tables were created. PostgreSQL's own autovacuum does this on a server.
 * One table at a time, so that other work gets the single connection in between.
 */
export const vacuumEmbeddedDatabaseJob = defineJob({
  queue: "maintenance.vacuum",
  payload: z.object({}).passthrough(),
  cron: "35 3 * * *",
  async run(runtime) {
    if (runtime.store.engine !== "pglite") return;
    const { tables, ms } = await vacuumEmbeddedDatabase(runtime);
    runtime.log.info({ tables, ms: Math.round(ms) }, "embedded database vacuumed");
  },
});

export async function vacuumEmbeddedDatabase(
  runtime: Pick<Runtime, "store">,
): Promise<{ tables: number; ms: number }> {
  const started = performance.now();
  const { rows } = await runtime.store.executeSql(
    "select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1",
    [],
  );
  const names = (rows as { name: string }[]).map((r) => r.name);
  await vacuumTables(runtime, names);
  return { tables: names.length, ms: performance.now() - started };
}

/**
 * VACUUM (ANALYZE) of the named tables, one at a time, on the embedded database only (a
 * server's autovacuum does it there). For a table that a job rewrites wholesale, such as the
 * stored evaluations, so that its dead rows do not pile up until the night.
 */
export async function vacuumTables(runtime: Pick<Runtime, "store">, names: readonly string[]): Promise<void> {
  if (runtime.store.engine !== "pglite") return;
  for (const name of names) {
    // VACUUM takes no parameters: only plain or catalogue-quoted names are let through.
    if (!/^("[^"]+"|[a-z_][a-z0-9_]*)(\.("[^"]+"|[a-z_][a-z0-9_]*))?$/.test(name))
      throw new Error(`Not a table name: ${name}`);
    await runtime.store.executeSql(`vacuum (analyze) ${name}`);
  }
}
