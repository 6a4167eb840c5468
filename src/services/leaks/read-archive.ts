import JSZip from "jszip";
import { WardenError } from "../../domain/errors.ts";

export interface ArchiveLimits {
  maxEntries: number;
  /** Bytes after decompression, per file. */
  maxFileBytes: number;
  /** Bytes after decompression, all files together. */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 2000,
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
};

export interface ArchiveEntry {
  path: string;
  bytes: Buffer;
}

/** A relative path inside the archive, or undefined when it tries to leave it. */
export function safeArchivePath(name: string): string | undefined {
  const path = name.replace(/\\/g, "/");
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path) || path.includes("\0")) return undefined;
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.some((p) => p === "..")) return undefined;
  return parts.join("/");
}

/** The error for an entry or an archive that expands past its limits, or undefined while within them. */
export function archiveOverflow(
  path: string,
  size: number,
  total: number,
  limits: ArchiveLimits,
): WardenError | undefined {
  if (size <= limits.maxFileBytes && total <= limits.maxTotalBytes) return undefined;
  return new WardenError(
    "too_large",
    size > limits.maxFileBytes
      ? `The archive entry "${path}" expands beyond ${limits.maxFileBytes} bytes.`
      : `The archive expands beyond ${limits.maxTotalBytes} bytes in total.`,
  );
}

/**
 * Reads the files of a ZIP archive from untrusted hands: entries, per-file and total sizes
 * are counted on the decompressed bytes as they stream out (declared sizes can lie), and an
 * entry whose path climbs out of the archive refuses the whole archive.
 */
export async function readArchive(
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveEntry[]> {
  const zip = await JSZip.loadAsync(bytes).catch(() => {
    throw new WardenError("invalid_input", "The archive is not a readable ZIP file. Upload a .zip archive.");
  });
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > limits.maxEntries) {
    throw new WardenError(
      "too_large",
      `The archive holds ${files.length} files; at most ${limits.maxEntries} are read. Split it or upload the files that matter.`,
    );
  }
  const entries: ArchiveEntry[] = [];
  let total = 0;
  for (const file of files) {
    // JSZip quietly drops ".." from names; the name as stored is what an unpacker would use.
    const stored = (file as { unsafeOriginalName?: string }).unsafeOriginalName ?? file.name;
    const path = safeArchivePath(stored);
    if (!path || path !== safeArchivePath(file.name)) {
      throw new WardenError(
        "invalid_input",
        `The archive entry "${stored}" points outside the archive. Upload an archive with relative paths only.`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      const stream = file.nodeStream("nodebuffer");
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        total += chunk.length;
        const overflow = archiveOverflow(path, size, total, limits);
        if (overflow) {
          (stream as unknown as { destroy?: () => void }).destroy?.();
          (stream as unknown as { pause: () => void }).pause();
          reject(overflow);
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => resolve());
      stream.on("error", () =>
        reject(new WardenError("invalid_input", `The archive entry "${path}" is damaged.`)),
      );
    });
    entries.push({ path, bytes: Buffer.concat(chunks) });
  }
  return entries;
}
