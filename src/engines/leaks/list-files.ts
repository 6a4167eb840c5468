import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { WardenError } from "../../domain/errors.ts";

const SKIPPED_DIRS = new Set([".git", "node_modules", ".hg", ".svn"]);

/** Every regular file under a folder, in a stable order, skipping VCS and dependency folders. */
export async function listFiles(root: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(path);
      } else if (entry.isFile()) {
        out.push(path);
        if (out.length > limit) {
          throw new WardenError(
            "too_large",
            `${root} holds more than ${limit} files. Give a smaller folder.`,
          );
        }
      }
    }
  };
  await walk(root);
  return out;
}
