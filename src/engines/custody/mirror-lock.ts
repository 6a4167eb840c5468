import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { WardenError } from "../../domain/errors.ts";

export const LOCK_FILE = "warden-sync.lock";

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the mirror's sync lock (an exclusively created file in the mirror directory, so it holds across
 * processes and hosts sharing the folder). A lock left by a dead process on this host is taken over.
 * Returns the release function.
 */
export function acquireMirrorLock(mirrorDir: string, now: Date): () => void {
  const path = join(mirrorDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = readOwner(path);
      if (attempt === 0 && held && held.host === owner.host && !isAlive(held.pid)) {
        rmSync(path, { force: true });
        continue;
      }
      throw new WardenError(
        "conflict",
        `Another sync of this mirror is running (lock ${path}${held ? `, held by pid ${held.pid} on ${held.host} since ${held.since}` : ""}). Wait for it to finish; if no sync is running, delete the lock file.`,
      );
    }
  }
  throw new WardenError("conflict", `Could not take the mirror lock ${path}.`);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string") {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? "") };
    }
  } catch {
    // A lock being written right now reads as empty: treat it as held.
  }
  return undefined;
}
