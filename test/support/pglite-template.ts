import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/store/open-database.ts";

const MIGRATIONS = join(import.meta.dirname, "..", "..", "src", "store", "migrations");

/**
 * A migrated embedded database, made once per schema version and copied for
 * each test: creating a PGlite cluster costs seconds, copying one much less.
 */
export function pgliteTemplateDir(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(MIGRATIONS).sort())
    hash.update(name).update(readFileSync(join(MIGRATIONS, name)));
  return join(tmpdir(), `warden-pglite-template-${hash.digest("hex").slice(0, 16)}`);
}

export async function ensurePgliteTemplate(): Promise<string> {
  const dir = pgliteTemplateDir();
  if (existsSync(join(dir, "PG_VERSION"))) return dir;
  const building = `${dir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const store = await openDatabase({ pgliteDir: building });
  await store.close();
  await rename(building, dir).catch(async () => rm(building, { recursive: true, force: true }));
  return dir;
}
