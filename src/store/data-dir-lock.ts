import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { WardenError } from "../domain/errors.ts";

/**
 * The embedded database may be opened by one process only. A lock file holds the
 * owner's pid; a lock left by a process that died (kill -9, power loss) is taken over.
 */
export async function acquireDataDirLock(dataDir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, "warden.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: "wx" });
      return {
        async release() {
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new WardenError(
          "conflict",
          `The data folder ${dataDir} is in use by another Warden process (pid ${owner}). Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new WardenError("conflict", `Could not lock the data folder ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
