import { Parser, type ReadEntry } from "tar";
import { WardenError } from "../../domain/errors.ts";
import {
  type ArchiveEntry,
  type ArchiveLimits,
  archiveOverflow,
  DEFAULT_ARCHIVE_LIMITS,
  safeArchivePath,
} from "./read-archive.ts";

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;
const isUstar = (bytes: Uint8Array) => Buffer.from(bytes.subarray(257, 262)).toString("latin1") === "ustar";

/** Whether a suspect upload is a tar archive (plain or gzip-compressed). */
export const isTarArchive = (name: string, bytes: Uint8Array): boolean =>
  /\.(tar|tar\.gz|tgz)$/i.test(name) || isUstar(bytes) || (isGzip(bytes) && /\.t?gz$/i.test(name));

/**
 * Reads the regular files of a tar or tar.gz archive from untrusted hands, with the same
 * limits as {@link readArchive}: entries, per-file and total sizes counted on the bytes as
 * they come out, and an entry that climbs out of the archive refuses the whole archive.
 * Links and devices are skipped, never followed.
 */
export async function readTarArchive(
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let failure: WardenError | undefined;
  const parser = new Parser({ strict: true });
  parser.on("entry", (entry: ReadEntry) => {
    if (failure || entry.type !== "File") {
      entry.resume();
      return;
    }
    const path = safeArchivePath(entry.path);
    if (!path) {
      failure = new WardenError(
        "invalid_input",
        `The archive entry "${entry.path}" points outside the archive. Upload an archive with relative paths only.`,
      );
      entry.resume();
      return;
    }
    if (entries.length >= limits.maxEntries) {
      failure = new WardenError("too_large", `The archive holds more than ${limits.maxEntries} files.`);
      entry.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    entry.on("data", (chunk: Buffer) => {
      size += chunk.length;
      total += chunk.length;
      const overflow = archiveOverflow(path, size, total, limits);
      if (overflow) {
        failure ??= overflow;
        return;
      }
      chunks.push(chunk);
    });
    entry.on("end", () => {
      if (!failure) entries.push({ path, bytes: Buffer.concat(chunks) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    parser.on("end", () => resolve());
    parser.on("error", () =>
      reject(new WardenError("invalid_input", "The archive is not a readable tar file.")),
    );
    parser.end(Buffer.from(bytes));
  });
  if (failure) throw failure;
  return entries;
}
