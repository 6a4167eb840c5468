import { cp } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.ts";
import { verifyAuditLog } from "../../src/services/audit/verify-audit-log.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import { makeUser } from "../support/fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestConfig } from "../support/test-runtime.ts";

let template: { config: Config; dispose(): Promise<void> } | undefined;

/**
 * A data folder with four audited writes, closed so that the CLI may open it.
 * The embedded one is seeded once and copied; a PostgreSQL one is seeded anew.
 */
async function seededLog(): Promise<{
  config: Config;
  env: Record<string, string>;
  dispose(): Promise<void>;
}> {
  const made = await createTestConfig();
  if (made.config.databaseUrl || !template) {
    if (!made.config.databaseUrl) template = await createTestConfig();
    const target = made.config.databaseUrl ? made : (template ?? made);
    const runtime = await openRuntime(target.config, { log: pino({ level: "silent" }) });
    for (const role of ["security", "legal", "finance", "auditor"] as const) await makeUser(runtime, role);
    await runtime.close();
  }
  if (!made.config.databaseUrl && template) {
    await cp(join(template.config.dataDir, "db"), join(made.config.dataDir, "db"), { recursive: true });
    await cp(join(template.config.dataDir, "secret.key"), join(made.config.dataDir, "secret.key")).catch(
      () => {},
    );
  }
  return made;
}

async function tamper(config: Config, statement: string): Promise<void> {
  const store = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: join(config.dataDir, "db"),
    migrate: false,
  });
  await sql.raw(statement).execute(store.db);
  await store.close();
}

describe("the hash-chained audit log", () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
  });
  afterAll(async () => {
    await template?.dispose();
  });

  it("verifies an untouched log with `warden audit verify`", async () => {
    const made = await seededLog();
    dispose = made.dispose;
    const result = await runCli(["audit", "verify"], made.env);
    expect(result.stdout).toContain("Audit log intact: 4 entries verified");
    expect(result.code).toBe(0);
  });

  it("names an entry edited by SQL and exits non-zero", async () => {
    const made = await seededLog();
    dispose = made.dispose;
    await tamper(
      made.config,
      `update audit_log set summary = '{"email":"mallory@example.com","role":"admin"}' where seq = 2`,
    );
    const result = await runCli(["audit", "verify", "--json"], made.env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, problem: { kind: "edited", seq: 2 } });
  });

  it("names an entry deleted from the middle", async () => {
    const made = await seededLog();
    dispose = made.dispose;
    await tamper(made.config, "delete from audit_log where seq = 3");
    const result = await runCli(["audit", "verify"], made.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/audit entry 3 is missing \(deleted\)/);
  });

  it("notices the last entry deleted", async () => {
    const made = await seededLog();
    dispose = made.dispose;
    await tamper(made.config, "delete from audit_log where seq = 4");
    const store = await openDatabase({
      databaseUrl: made.config.databaseUrl,
      pgliteDir: join(made.config.dataDir, "db"),
      migrate: false,
    });
    const verdict = await verifyAuditLog(store.db);
    await store.close();
    expect(verdict).toMatchObject({ ok: false, problem: { kind: "deleted", seq: 4 } });
  });

  it("names entries swapped in order", async () => {
    const made = await seededLog();
    dispose = made.dispose;
    await tamper(
      made.config,
      "update audit_log set seq = -seq where seq in (2, 3); update audit_log set seq = 5 - seq where seq < 0",
    );
    const store = await openDatabase({
      databaseUrl: made.config.databaseUrl,
      pgliteDir: join(made.config.dataDir, "db"),
      migrate: false,
    });
    const verdict = await verifyAuditLog(store.db);
    await store.close();
    expect(verdict.ok).toBe(false);
    expect(verdict.problem?.seq).toBe(2);
  });
});
