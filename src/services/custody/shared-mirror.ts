import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { applyMirrorBundles, createMirrorBundle, mirrorRefs } from "../../engines/custody/index.ts";
import { acquireMirrorLock } from "../../engines/custody/mirror-lock.ts";
import { preservationStamp } from "../../engines/custody/mirror-repository.ts";
import type { Runtime } from "../context.ts";
import { mirrorDirFor } from "./custody-repositories.ts";

/** The bundles this copy of a mirror already holds, kept in the mirror's own folder. */
const APPLIED_FILE = "warden-bundles.json";

/** What a sync leaves in the shared object storage: its bundle (if anything was new) and the refs after it. */
export interface PublishedMirror {
  bundleKey: string | null;
  refs: Record<string, string>;
}

/**
 * Leaves the mirror's state in the shared object storage after a sync: a git
 * bundle of what is new since the last published state (none when nothing
 * is), and the refs the mirror now holds, which the sync row records (null
 * when neither changed). Without
 * object storage (WARDEN_BLOB_URL unset) nothing is published: the mirror
 * lives in this data folder only.
 *
 * @example
 * const published = await publishMirror(runtime, repositoryId); // stored with the sync
 */
export async function publishMirror(runtime: Runtime, repositoryId: string): Promise<PublishedMirror | null> {
  const objects = runtime.objects;
  if (!objects) return null;
  const mirrorDir = mirrorDirFor(runtime, repositoryId);
  const previous = await latestPublished(runtime, repositoryId);
  const tmpDir = join(runtime.config.dataDir, "tmp");
  await mkdir(tmpDir, { recursive: true });
  const file = join(tmpDir, `bundle-${randomBytes(8).toString("hex")}`);
  try {
    const { written, refs } = await createMirrorBundle(mirrorDir, file, previous?.refs ?? {});
    if (!written) {
      // Nothing new and no ref moved: the last record still says where the mirror stands.
      return previous && sameRefs(previous.refs, refs) ? null : { bundleKey: null, refs };
    }
    const key = `mirrors/${repositoryId}/${preservationStamp(runtime.now())}-${randomBytes(4).toString("hex")}.bundle`;
    await objects.putFile(key, file);
    await markApplied(mirrorDir, [key]);
    return { bundleKey: key, refs };
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Brings this process's copy of a mirror up to the last state any process
 * published: downloads the bundles it does not hold yet, in order, applies
 * them and sets the refs as recorded. A copy that holds every bundle is left
 * as it is. Answers the refs of the last published state (null when none was).
 */
export async function restoreMirror(
  runtime: Runtime,
  repositoryId: string,
): Promise<Record<string, string> | null> {
  const objects = runtime.objects;
  if (!objects) return null;
  const rows = await runtime.db
    .selectFrom("custody_syncs")
    .select(["bundle_key", "bundle_refs"])
    .where("repository_id", "=", repositoryId)
    .where("bundle_refs", "is not", null)
    .orderBy("finished_at")
    .orderBy("started_at")
    .execute();
  const latest = rows.at(-1)?.bundle_refs ?? null;
  if (!latest) return null;
  const mirrorDir = mirrorDirFor(runtime, repositoryId);
  const applied = await readApplied(mirrorDir);
  const pending = rows.flatMap((row) =>
    row.bundle_key && !applied.has(row.bundle_key) ? [row.bundle_key] : [],
  );
  if (pending.length === 0) return latest;
  await mkdir(mirrorDir, { recursive: true });
  const release = acquireMirrorLock(mirrorDir, runtime.now());
  const tmpDir = join(runtime.config.dataDir, "tmp", `restore-${randomBytes(6).toString("hex")}`);
  try {
    const files: string[] = [];
    for (const [index, key] of pending.entries()) {
      const file = join(tmpDir, `${index}.bundle`);
      if (!(await objects.download(key, file)))
        throw new WardenError(
          "unavailable",
          `The mirror bundle ${key} is missing from ${objects.url}; this copy of the mirror cannot be brought up to date.`,
        );
      files.push(file);
    }
    await applyMirrorBundles(mirrorDir, files, latest);
    await markApplied(mirrorDir, pending);
    runtime.log.info({ repositoryId, bundles: pending.length }, "mirror copy restored from object storage");
    return latest;
  } finally {
    release();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/**
 * Before a verification from a copy that this process did not just fetch from
 * the vendor: brings the copy up to the last published state and refuses to go
 * on if it still differs from it (a stale copy is never verified).
 */
export async function ensureMirrorCurrent(runtime: Runtime, repositoryId: string): Promise<void> {
  if (!runtime.objects) return;
  const latest = await restoreMirror(runtime, repositoryId);
  if (!latest) return;
  const local = existsSync(mirrorDirFor(runtime, repositoryId))
    ? await mirrorRefs(mirrorDirFor(runtime, repositoryId))
    : {};
  const differing = Object.keys(latest).filter((ref) => local[ref] !== latest[ref]);
  if (differing.length > 0) {
    throw new WardenError(
      "unavailable",
      `This process's copy of the mirror differs from the last recorded sync (${differing.length} refs, such as ${differing[0]}) and could not be brought up to date from object storage, so the delivery was not verified from a stale copy. Sync the repository again, and check that every process uses the same WARDEN_BLOB_URL.`,
    );
  }
}

async function latestPublished(
  runtime: Runtime,
  repositoryId: string,
): Promise<{ refs: Record<string, string> } | null> {
  const row = await runtime.db
    .selectFrom("custody_syncs")
    .select("bundle_refs")
    .where("repository_id", "=", repositoryId)
    .where("bundle_refs", "is not", null)
    .orderBy("finished_at", "desc")
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.bundle_refs ? { refs: row.bundle_refs } : null;
}

async function readApplied(mirrorDir: string): Promise<Set<string>> {
  try {
    return new Set(JSON.parse(await readFile(join(mirrorDir, APPLIED_FILE), "utf8")) as string[]);
  } catch {
    return new Set();
  }
}

async function markApplied(mirrorDir: string, keys: string[]): Promise<void> {
  const applied = await readApplied(mirrorDir);
  for (const key of keys) applied.add(key);
  await writeFile(join(mirrorDir, APPLIED_FILE), JSON.stringify([...applied]));
}

function sameRefs(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((ref) => a[ref] === b[ref]);
}
