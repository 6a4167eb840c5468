import { readFile, stat } from "node:fs/promises";
import { basename, relative } from "node:path";
import { z } from "zod";
import { isWardenError } from "../../domain/errors.ts";
import { FingerprintIndex } from "./fingerprint-index.ts";
import { isTraceablePath, languageFromPath } from "./language.ts";
import { listFiles } from "./list-files.ts";
import { readDocument } from "./read-document.ts";

/** The file `warden share` leaves beside the copies, mapping payloads to recipients. */
export const SHARE_MANIFEST = "warden-share.json";

const manifestSchema = z.object({
  shares: z.array(
    z.object({ recipient: z.string(), payload: z.number().int().nonnegative(), outPath: z.string() }),
  ),
});

export interface FolderIndex {
  index: FingerprintIndex;
  /** Payload → recipient, from share manifests found in the folder. */
  recipients: Map<number, string>;
  /** Files that could not be read, with the reason. */
  skipped: { path: string; reason: string }[];
}

const MAX_INDEXED_FILES = 200_000;

/** The files of a suspect folder worth tracing: source code and documents. */
export async function listFilesForTrace(root: string): Promise<string[]> {
  return (await listFiles(root, MAX_INDEXED_FILES)).filter(
    (path) => isTraceablePath(path) && basename(path) !== SHARE_MANIFEST,
  );
}

/**
 * Builds an ad-hoc fingerprint index of every source file and document under a folder
 * (source ids are paths relative to it), for one-off traces without a database.
 */
export async function indexFolder(root: string): Promise<FolderIndex> {
  const index = new FingerprintIndex();
  const recipients = new Map<number, string>();
  const skipped: FolderIndex["skipped"] = [];
  const info = await stat(root);
  const files = info.isDirectory() ? await listFiles(root, MAX_INDEXED_FILES) : [root];
  for (const path of files) {
    const name = info.isDirectory() ? relative(root, path) : basename(path);
    if (basename(path) === SHARE_MANIFEST) {
      const parsed = manifestSchema.safeParse(JSON.parse(await readFile(path, "utf8").catch(() => "{}")));
      if (parsed.success) for (const row of parsed.data.shares) recipients.set(row.payload, row.recipient);
      else skipped.push({ path: name, reason: "share manifest not understood" });
      continue;
    }
    if (!isTraceablePath(path)) continue;
    try {
      const { text } = await readDocument(path, await readFile(path));
      index.add(name, text, { language: languageFromPath(path) });
    } catch (error) {
      skipped.push({ path: name, reason: isWardenError(error) ? error.message : String(error) });
    }
  }
  return { index, recipients, skipped };
}
