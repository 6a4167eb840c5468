import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { pipeline } from "node:stream/promises";
import * as tar from "tar";
import { z } from "zod";
import type { Config } from "../../config.ts";
import { WardenError } from "../../domain/errors.ts";
import { LocalBlobStore } from "../../store/local-blob-store.ts";
import { openBlobStore } from "../../store/open-blob-store.ts";
import type { Store } from "../../store/open-database.ts";
import { storedBackupAt } from "./backup-location.ts";
import { copyBlobs } from "./copy-blobs.ts";

export const manifestSchema = z.object({
  format: z.literal("warden-backup"),
  version: z.literal(1),
  engine: z.enum(["pglite", "postgres"]),
  createdAt: z.string(),
  database: z.string(),
  files: z.array(
    z.object({
      path: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupResult {
  /** The file written, or the s3:// address of the object. */
  file: string;
  manifest: BackupManifest;
}

/**
 * Writes one archive holding the database and every blob, with a manifest of
 * sha256 checksums, to a file or (`s3://bucket/folder/name.tar?endpoint=…`) to
 * object storage. Written to a temporary file first: renamed into place, or
 * uploaded whole and then removed. Blobs kept in object storage are read
 * through the blob store, each verified against its name. The secret key is
 * NOT included: keep WARDEN_SECRET_KEY (or data/secret.key) apart.
 */
export async function createBackup(config: Config, store: Store, target: string): Promise<BackupResult> {
  const stored = storedBackupAt(target);
  if (!stored) return writeBackup(config, store, target);
  await mkdir(join(config.dataDir, "tmp"), { recursive: true });
  const file = join(config.dataDir, "tmp", `backup-${randomBytes(6).toString("hex")}.tar`);
  try {
    const { manifest } = await writeBackup(config, store, file);
    await stored.bucket.putFile(stored.name, file);
    return { file: `${stored.bucket.url}/${stored.name}`, manifest };
  } finally {
    await rm(file, { force: true });
  }
}

async function writeBackup(config: Config, store: Store, file: string): Promise<BackupResult> {
  const staging = join(dirname(file), `.warden-backup-${randomBytes(6).toString("hex")}`);
  const tmpFile = `${file}.tmp-${randomBytes(6).toString("hex")}`;
  await mkdir(staging, { recursive: true });
  try {
    let database: string;
    if (store.engine === "pglite") {
      if (!store.dumpEmbedded) throw new WardenError("unsupported", "This database cannot be dumped.");
      database = "database.tar.gz";
      const dump = await store.dumpEmbedded();
      await writeFile(join(staging, database), Buffer.from(await dump.arrayBuffer()));
    } else {
      database = "database.pgdump";
      await runTool("pg_dump", [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--file=${join(staging, database)}`,
        `--dbname=${config.databaseUrl}`,
      ]);
    }
    const files = [{ path: database, ...(await checksum(join(staging, database))) }];
    // Blobs in object storage are fetched (and verified) into the staging folder; local ones are read in place.
    const blobRoot = config.blobUrl
      ? await stageBlobs(config, join(staging, "blobs"))
      : join(config.dataDir, "blobs");
    const blobFiles = await listFiles(blobRoot, (rel) => !rel.startsWith("tmp"));
    for (const rel of blobFiles)
      files.push({ path: `blobs/${rel}`, ...(await checksum(join(blobRoot, rel))) });
    const manifest: BackupManifest = {
      format: "warden-backup",
      version: 1,
      engine: store.engine,
      createdAt: new Date().toISOString(),
      database,
      files,
    };
    await writeFile(join(staging, "manifest.json"), JSON.stringify(manifest, null, 2));
    await tar.c({ file: tmpFile, cwd: staging, portable: true }, ["manifest.json", database]);
    if (blobFiles.length > 0) {
      await tar.r(
        { file: tmpFile, cwd: dirname(blobRoot), portable: true },
        blobFiles.map((rel) => `blobs/${rel}`),
      );
    }
    await rename(tmpFile, file);
    return { file, manifest };
  } catch (error) {
    await rm(tmpFile, { force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function stageBlobs(config: Config, root: string): Promise<string> {
  const { blobs } = await openBlobStore(config.blobUrl, config.dataDir);
  const local = new LocalBlobStore(root);
  await copyBlobs(blobs, local);
  return root;
}

/**
 * Unpacks an archive into a staging folder and checks every file against the
 * manifest (and that nothing else is there). Returns the staging folder; the
 * caller moves it into place or removes it.
 */
export async function unpackVerifiedBackup(
  file: string,
  stagingParent: string,
): Promise<{ staging: string; manifest: BackupManifest }> {
  await stat(file).catch(() => {
    throw new WardenError("not_found", `No backup file at ${file}.`);
  });
  const staging = join(stagingParent, `.warden-restore-${randomBytes(6).toString("hex")}`);
  await mkdir(staging, { recursive: true });
  try {
    // node-tar strips absolute paths and `..` and refuses links out of cwd.
    await tar.x({ file, cwd: staging, strict: true, preservePaths: false }).catch((error: Error) => {
      throw new WardenError("integrity", `The backup ${file} is not a readable archive: ${error.message}.`);
    });
    let manifest: BackupManifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(await readFile(join(staging, "manifest.json"), "utf8")));
    } catch {
      throw new WardenError(
        "integrity",
        `The backup ${file} has no valid manifest: it is not a Warden backup or it is damaged.`,
      );
    }
    const listed = new Set(manifest.files.map((f) => f.path));
    for (const entry of manifest.files) {
      const actual = await checksum(join(staging, entry.path)).catch(() => null);
      if (!actual) throw new WardenError("integrity", `The backup is missing ${entry.path}.`);
      if (actual.sha256 !== entry.sha256 || actual.size !== entry.size) {
        throw new WardenError(
          "integrity",
          `The backup is damaged: ${entry.path} does not match its checksum.`,
        );
      }
    }
    for (const rel of await listFiles(staging, () => true)) {
      if (rel !== "manifest.json" && !listed.has(rel))
        throw new WardenError("integrity", `The backup holds ${rel}, which its manifest does not list.`);
    }
    return { staging, manifest };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

export async function checksum(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  await pipeline(createReadStream(path), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      size += chunk.length;
      hash.update(chunk);
    }
    yield* [];
  });
  return { size, sha256: hash.digest("hex") };
}

export async function listFiles(root: string, keep: (relative: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      const rel = relative(root, full);
      if (!keep(rel)) continue;
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(rel);
    }
  }
  await walk(root);
  return out.sort();
}

export function runTool(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on("error", (error) =>
      reject(
        new WardenError(
          "unavailable",
          `Cannot run ${command}: ${error.message}. Install the PostgreSQL client tools.`,
        ),
      ),
    );
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new WardenError("unavailable", `${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
