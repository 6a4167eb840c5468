import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createBackup } from "../../src/services/backup/backup-archive.ts";
import { restoreBackup } from "../../src/services/backup/restore-backup.ts";
import type { Runtime } from "../../src/services/context.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { makeUser } from "../support/fixtures.ts";
import { runCli } from "../support/run-cli.ts";
import { startS3Server } from "../support/s3-server.ts";
import { createTestConfig, testEngine } from "../support/test-runtime.ts";

async function snapshot(runtime: Runtime): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ["users", "api_tokens", "settings", "audit_log", "vendors", "blobs"]) {
    const { rows } = await sql.raw(`select * from ${table} order by 1`).execute(runtime.db);
    out[table] = rows;
  }
  return out;
}

// Restoring replaces the whole embedded data folder; on PostgreSQL the same
// command drives pg_dump/pg_restore, which the CLI test below exercises.
describe.runIf(testEngine === "pglite")("backup and restore on the embedded database", () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  it("restores the same data, blobs and audit chain, and refuses to overwrite without --force", async () => {
    const source = await createTestConfig();
    const runtime = await openRuntime(source.config, { log: pino({ level: "silent" }) });
    await makeUser(runtime, "security");
    await makeUser(runtime, "legal");
    const blob = await runtime.blobs.put(Buffer.from("signed NDA, page 1"));
    await runtime.db
      .insertInto("blobs")
      .values({ sha256: blob.sha256, size: blob.size, media_type: "text/plain" })
      .execute();
    const before = await snapshot(runtime);
    const dir = await mkdtemp(join(tmpdir(), "warden-backup-"));
    cleanup.push(dir);
    const file = join(dir, "warden.backup");
    const { manifest } = await createBackup(source.config, runtime.store, file);
    await runtime.close();
    expect(manifest.files.map((f) => f.path)).toContain(
      `blobs/${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`,
    );

    const target = await createTestConfig({}, { empty: true });
    cleanup.push(target.config.dataDir);
    const restored = await restoreBackup(target.config, file, { force: false });
    expect(restored.audit.ok).toBe(true);
    const after = await openRuntime(loadConfig(target.env), { log: pino({ level: "silent" }) });
    expect(await snapshot(after)).toEqual(before);
    expect((await after.blobs.read(blob.sha256)).toString()).toBe("signed NDA, page 1");
    await after.close();

    await expect(restoreBackup(target.config, file, { force: false })).rejects.toMatchObject({
      code: "conflict",
    });
    const cli = await runCli(["restore", file], target.env);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/--force/);
    const forced = await runCli(["restore", file, "--force"], target.env);
    expect(forced.stdout).toContain("Audit log intact");
    expect(forced.code).toBe(0);
    await source.dispose();
  }, 240_000);

  it("refuses a damaged backup before touching the data folder", async () => {
    const source = await createTestConfig();
    const runtime = await openRuntime(source.config, { log: pino({ level: "silent" }) });
    await makeUser(runtime, "finance");
    const dir = await mkdtemp(join(tmpdir(), "warden-backup-"));
    cleanup.push(dir);
    const file = join(dir, "warden.backup");
    await createBackup(source.config, runtime.store, file);
    await runtime.close();
    const bytes = Buffer.from(await import("node:fs/promises").then((fs) => fs.readFile(file)));
    // Flip a byte inside the database dump (past the first tar header).
    bytes[2048] = (bytes[2048] ?? 0) ^ 0xff;
    const damaged = join(dir, "damaged.backup");
    await writeFile(damaged, bytes);
    const target = await createTestConfig({}, { empty: true });
    cleanup.push(target.config.dataDir);
    await expect(restoreBackup(target.config, damaged, { force: true })).rejects.toMatchObject({
      code: "integrity",
    });
    expect((await readdir(target.config.dataDir)).filter((n) => n !== "warden.lock")).toEqual([]);
    await source.dispose();
  }, 240_000);

  it("writes a backup to object storage and restores it from there, blobs in object storage on both sides", async () => {
    const s3 = await startS3Server();
    Object.assign(process.env, s3.env);
    try {
      const source = await createTestConfig({ WARDEN_BLOB_URL: s3.url() });
      const runtime = await openRuntime(source.config, { log: pino({ level: "silent" }) });
      await makeUser(runtime, "security");
      const blob = await runtime.blobs.put(Buffer.from("insurance certificate"));
      const before = await snapshot(runtime);
      const address = s3.url("backups/nightly.tar");
      const { manifest, file } = await createBackup(source.config, runtime.store, address);
      await runtime.close();
      expect(file).toMatch(/^s3:\/\/warden-test\/backups\/nightly\.tar$/);
      expect(manifest.files.some((f) => f.path.endsWith(blob.sha256))).toBe(true);
      expect((await readdir(source.config.dataDir)).filter((n) => n.endsWith(".tar"))).toEqual([]);

      const target = await createTestConfig({ WARDEN_BLOB_URL: s3.url() }, { empty: true });
      cleanup.push(target.config.dataDir);
      const restored = await restoreBackup(target.config, address, { force: false });
      expect(restored.audit.ok).toBe(true);
      const after = await openRuntime(target.config, { log: pino({ level: "silent" }) });
      expect(await snapshot(after)).toEqual(before);
      expect(after.blobs.location).not.toBe(runtime.blobs.location);
      expect((await after.blobs.read(blob.sha256)).toString()).toBe("insurance certificate");
      await after.close();
      await expect(
        restoreBackup(target.config, s3.url("backups/absent.tar"), { force: true }),
      ).rejects.toMatchObject({ code: "not_found" });
      await source.dispose();
    } finally {
      await s3.stop();
    }
  }, 240_000);
});
