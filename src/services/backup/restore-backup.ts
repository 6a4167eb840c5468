import { randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../../config.ts";
import type { ChainVerdict } from "../../domain/audit-chain.ts";
import { WardenError } from "../../domain/errors.ts";
import { acquireDataDirLock } from "../../store/data-dir-lock.ts";
import { LocalBlobStore } from "../../store/local-blob-store.ts";
import { openBlobStore } from "../../store/open-blob-store.ts";
import { openDatabase } from "../../store/open-database.ts";
import { verifyAuditLog } from "../audit/verify-audit-log.ts";
import { type BackupManifest, runTool, unpackVerifiedBackup } from "./backup-archive.ts";
import { storedBackupAt } from "./backup-location.ts";
import { copyBlobs } from "./copy-blobs.ts";

export interface RestoreResult {
  manifest: BackupManifest;
  audit: ChainVerdict;
}

/**
 * Restores a backup made by `createBackup`, from a file or an s3:// object: every checksum is verified before
 * anything is touched; the database and blobs are prepared beside the data
 * folder and swapped in by rename. A data folder (or PostgreSQL database) that
 * already holds data is refused unless `force`.
 */
export async function restoreBackup(
  config: Config,
  file: string,
  options: { force: boolean },
): Promise<RestoreResult> {
  const lock = await acquireDataDirLock(config.dataDir);
  const stored = storedBackupAt(file);
  const archive = stored
    ? join(config.dataDir, `.warden-download-${randomBytes(6).toString("hex")}.tar`)
    : file;
  try {
    if (stored && !(await stored.bucket.download(stored.name, archive)))
      throw new WardenError("not_found", `No backup at ${stored.bucket.url}/${stored.name}.`);
    const { staging, manifest } = await unpackVerifiedBackup(archive, config.dataDir);
    let restored: BackupManifest;
    try {
      restored = manifest;
      if (manifest.engine === "pglite" && config.databaseUrl) {
        throw new WardenError(
          "unsupported",
          "This backup is of an embedded database: restore it without DATABASE_URL.",
        );
      }
      if (manifest.engine === "postgres" && !config.databaseUrl) {
        throw new WardenError(
          "unsupported",
          "This backup is of a PostgreSQL database: set DATABASE_URL to restore it.",
        );
      }
      const hasData = await dataDirHasData(config);
      if (hasData && !options.force) {
        throw new WardenError(
          "conflict",
          `${config.databaseUrl ? "The PostgreSQL database" : `The data folder ${config.dataDir}`} already holds data. Use --force to replace it.`,
        );
      }
      if (manifest.engine === "pglite") {
        // Build the new database folder from the dump before touching the old one.
        const dump = await readFile(join(staging, manifest.database));
        const store = await openDatabase({
          pgliteDir: join(staging, "db"),
          migrate: false,
          loadDataDir: new Blob([dump]),
        });
        await store.close();
        await swapIn(config.dataDir, staging, "db");
      } else {
        await runTool("pg_restore", [
          "--clean",
          "--if-exists",
          "--no-owner",
          "--no-privileges",
          `--dbname=${config.databaseUrl}`,
          join(staging, manifest.database),
        ]);
      }
      if (config.blobUrl) {
        // Blobs live in object storage here: put them there (those already present are skipped).
        await copyBlobs(
          new LocalBlobStore(join(staging, "blobs")),
          (await openBlobStore(config.blobUrl, config.dataDir)).blobs,
        );
      } else {
        await swapIn(config.dataDir, staging, "blobs");
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    const store = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: join(config.dataDir, "db"),
    });
    try {
      return { manifest: restored, audit: await verifyAuditLog(store.db) };
    } finally {
      await store.close();
    }
  } finally {
    if (stored) await rm(archive, { force: true });
    await lock.release();
  }
}

async function swapIn(dataDir: string, staging: string, name: string): Promise<void> {
  const target = join(dataDir, name);
  const old = join(staging, `${name}.old`);
  await rename(target, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(join(staging, name), target).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

async function dataDirHasData(config: Config): Promise<boolean> {
  if (config.databaseUrl) {
    const store = await openDatabase({ databaseUrl: config.databaseUrl, migrate: false });
    try {
      const tables = await store.db.introspection.getTables();
      if (!tables.some((t) => t.name === "users")) return false;
      const row = await store.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
      return Boolean(row);
    } finally {
      await store.close();
    }
  }
  for (const name of ["db", "blobs"]) {
    const entries = await readdir(join(config.dataDir, name)).catch(() => []);
    if (entries.length > 0) return true;
  }
  return false;
}
