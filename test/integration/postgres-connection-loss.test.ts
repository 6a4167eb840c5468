import pg from "pg";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { createTestConfig, TEST_DATABASE_URL, testEngine } from "../support/test-runtime.ts";

describe.runIf(testEngine === "postgres")("a PostgreSQL server that drops Warden's idle connections", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("logs the loss, keeps the process up and serves the next query on a new connection", async () => {
    const { config, dispose } = await createTestConfig();
    cleanups.push(dispose);
    const warnings: string[] = [];
    const log = pino(
      { level: "warn" },
      { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) },
    );
    const runtime = await openRuntime(config, { log });
    cleanups.push(() => runtime.close());
    // Several idle connections in the pool.
    await Promise.all([1, 2, 3].map(() => runtime.db.selectFrom("users").select("id").execute()));

    const database = new URL(config.databaseUrl ?? "").pathname.slice(1);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const terminated = await admin.query<{ count: number }>(
      "select count(pg_terminate_backend(pid))::int as count from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [database],
    );
    await admin.end();
    expect(terminated.rows[0]?.count).toBeGreaterThan(0);

    await expect.poll(() => warnings.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/closed an idle connection/);
    const users = await runtime.db.selectFrom("users").select("id").execute();
    expect(users).toEqual([]);
  });
});
