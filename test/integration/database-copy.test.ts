import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";
import { adminQuery, TEST_DATABASE_URL } from "../support/test-runtime.ts";

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe.runIf(TEST_DATABASE_URL)(
  "warden db copy from the embedded database to PostgreSQL (needs WARDEN_TEST_DATABASE_URL)",
  () => {
    let dataDir: string;
    let database: string;
    let targetUrl: string;
    let embedded: Record<string, string>;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), "warden-copy-"));
      database = `warden_copy_${randomBytes(6).toString("hex")}`;
      await adminQuery(`create database ${database}`);
      const url = new URL(TEST_DATABASE_URL ?? "");
      url.pathname = `/${database}`;
      targetUrl = url.toString();
      // The embedded installation, whatever engine the rest of the suite runs on.
      embedded = {
        WARDEN_DATA_DIR: dataDir,
        DATABASE_URL: "",
        WARDEN_SECRET_KEY: randomBytes(32).toString("hex"),
      };
      const demo = await runCli(["demo"], embedded);
      expect(demo.code, demo.stderr).toBe(0);
    }, 180_000);

    afterAll(async () => {
      if (database) await adminQuery(`drop database if exists ${database} with (force)`);
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it("copies the demo workspace so that status and the audit chain read the same on both sides", async () => {
      const copy = await runCli(["db", "copy", "--to", targetUrl], embedded);
      expect(copy.code, copy.stderr + copy.stdout).toBe(0);
      expect(copy.stdout).toMatch(/Audit chain intact on both sides: \d+ entries/);
      expect(copy.stdout).toContain(`DATABASE_URL=${targetUrl}`);
      expect(copy.stdout).toMatch(/Blobs were not moved/);

      const onPostgres = { ...embedded, DATABASE_URL: targetUrl };
      // One process at a time owns the embedded data folder; PostgreSQL takes its commands alongside.
      const [[statusHere, auditHere], [statusThere, auditOnPostgres]] = await Promise.all([
        runCli(["status", "--json"], embedded).then(
          async (s) => [s, await runCli(["audit", "verify", "--json"], embedded)] as const,
        ),
        Promise.all([
          runCli(["status", "--json"], onPostgres),
          runCli(["audit", "verify", "--json"], onPostgres),
        ]),
      ]);
      expect(statusThere.code).toBe(statusHere.code);
      expect(JSON.parse(statusThere.stdout)).toEqual(JSON.parse(statusHere.stdout));
      expect(auditHere.code).toBe(0);
      expect(auditOnPostgres.code).toBe(0);
      const here = JSON.parse(auditHere.stdout) as { checked: number; lastHash: string };
      expect(here.checked).toBeGreaterThan(50);
      expect(JSON.parse(auditOnPostgres.stdout)).toEqual(here);

      // A write on the copy continues the chain and the sequences from where the source stood.
      const user = await runCli(
        ["user", "create", "--email", "later@example.com", "--name", "Later Auditor", "--role", "auditor"],
        {
          ...onPostgres,
          WARDEN_PASSWORD: "a long and quiet harbour at dawn 42",
        },
      );
      expect(user.code, user.stderr).toBe(0);
      const after = await runCli(["audit", "verify", "--json"], onPostgres);
      expect(after.code, after.stdout).toBe(0);
      expect((JSON.parse(after.stdout) as { checked: number }).checked).toBe(here.checked + 1);
    }, 240_000);

    it("refuses a second copy into the now non-empty target and writes nothing", async () => {
      const before = await count(targetUrl, "audit_log");
      const again = await runCli(["db", "copy", "--to", targetUrl], embedded);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/already holds data .*nothing was copied/);
      expect(await count(targetUrl, "audit_log")).toBe(before);
    }, 120_000);
  },
);
