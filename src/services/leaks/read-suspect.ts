import { isWardenError, WardenError } from "../../domain/errors.ts";
import { isTraceablePath, readDocument } from "../../engines/leaks/index.ts";
import { type ArchiveEntry, readArchive } from "./read-archive.ts";
import { isTarArchive, readTarArchive } from "./read-tar-archive.ts";

export interface SuspectText {
  name: string;
  text: string;
  metadata: string;
}

/** A pasted suspect is text: past this it is a file and should be uploaded as one. */
export const MAX_PASTE_CHARS = 2_000_000;
/** An uploaded suspect file or archive (compressed). */
export const MAX_SUSPECT_BYTES = 25 * 1024 * 1024;

const isZipArchive = (name: string, bytes: Uint8Array) =>
  name.toLowerCase().endsWith(".zip") ||
  (bytes[0] === 0x50 && bytes[1] === 0x4b && !/\.(docx|xlsx|pptx)$/i.test(name));

/**
 * Turns a paste, a file or a ZIP archive into the texts to trace. Archive entries that are
 * neither source code nor documents, or cannot be read, are listed as skipped rather than
 * failing the whole suspect.
 */
export async function readSuspect(input: {
  text?: string | undefined;
  file?: { bytes: Uint8Array; filename: string } | undefined;
}): Promise<{ suspects: SuspectText[]; skipped: { name: string; reason: string }[] }> {
  if (input.file) {
    const { bytes, filename } = input.file;
    if (bytes.byteLength > MAX_SUSPECT_BYTES) {
      throw new WardenError(
        "too_large",
        `The suspect file is ${bytes.byteLength} bytes; upload at most ${MAX_SUSPECT_BYTES}.`,
      );
    }
    const tar = isTarArchive(filename, bytes);
    if (!tar && !isZipArchive(filename, bytes)) {
      const { text, metadata } = await readDocument(filename, bytes);
      return { suspects: [{ name: filename, text, metadata }], skipped: [] };
    }
    return readSuspectFiles(tar ? await readTarArchive(bytes) : await readArchive(bytes));
  }
  const text = input.text ?? "";
  if (text.trim().length === 0) {
    throw new WardenError("invalid_input", "Paste the suspect text or upload the suspect file.", {
      field: "text",
    });
  }
  if (text.length > MAX_PASTE_CHARS) {
    throw new WardenError(
      "too_large",
      `The pasted text has ${text.length} characters; paste at most ${MAX_PASTE_CHARS} or upload it as a file.`,
      { field: "text" },
    );
  }
  return { suspects: [{ name: "pasted text", text, metadata: "" }], skipped: [] };
}

/**
 * The files of an archive or a clone as texts to trace: entries that are neither source code
 * nor documents, or cannot be read, are listed as skipped rather than failing the whole suspect.
 */
export async function readSuspectFiles(
  entries: readonly ArchiveEntry[],
): Promise<{ suspects: SuspectText[]; skipped: { name: string; reason: string }[] }> {
  const suspects: SuspectText[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const entry of entries) {
    const lower = entry.path.toLowerCase();
    if (!isTraceablePath(entry.path) && !lower.endsWith(".docx") && !lower.endsWith(".pdf")) {
      skipped.push({ name: entry.path, reason: "neither source code nor a document" });
      continue;
    }
    try {
      const { text, metadata } = await readDocument(entry.path, entry.bytes);
      suspects.push({ name: entry.path, text, metadata });
    } catch (error) {
      if (!isWardenError(error)) throw error;
      skipped.push({ name: entry.path, reason: error.message });
    }
  }
  if (suspects.length === 0) {
    throw new WardenError(
      "invalid_input",
      "The archive holds no source code or document to trace (text, Markdown, source files, DOCX, PDF).",
    );
  }
  return { suspects, skipped };
}
