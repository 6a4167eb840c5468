import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { markDocx } from "./docx-watermark.ts";
import { isTraceablePath } from "./language.ts";
import { listFiles } from "./list-files.ts";
import { MAX_PAYLOAD } from "./payload-code.ts";
import { markPdfMetadata } from "./pdf-watermark.ts";
import { markSource } from "./source-watermark.ts";
import type { WatermarkOptions } from "./text-watermark.ts";

export interface ShareRow {
  recipient: string;
  payload: number;
  /** The marked copy (a file, or a folder when a folder was shared). */
  outPath: string;
}

export interface ShareFileInput extends WatermarkOptions {
  /** A file (text, Markdown, source, DOCX, PDF) or a folder of them. */
  path: string;
  recipients: readonly string[];
  outDir: string;
  /** The payload naming one recipient's copy; by default derived from the content and the recipient. */
  payloadFor?: (recipient: string) => number | Promise<number>;
  /** Called once per copy written, e.g. to record the distribution and audit it. */
  record?: (row: ShareRow) => void | Promise<void>;
}

const MAX_SHARED_FILES = 20_000;

/** A stable 40-bit payload for (content, recipient): sharing the same file twice with someone gives the same copy. */
export function derivePayload(contentHash: string, recipient: string): number {
  const digest = createHash("sha256").update(`${contentHash}\0${recipient}`).digest();
  return digest.readUIntBE(0, 5);
}

/** A folder name for a recipient that is safe on every file system. */
export function recipientFolder(recipient: string): string {
  const slug = recipient
    .normalize("NFKD")
    .replace(/[^\w.@-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, 80);
  return slug || "recipient";
}

/** One marked copy of one file's bytes. Files of unknown kinds are copied unchanged. */
async function markBytes(
  path: string,
  bytes: Buffer,
  payload: number,
  options: WatermarkOptions,
): Promise<Uint8Array> {
  const lower = path.toLowerCase();
  if (lower.endsWith(".docx")) return markDocx(bytes, payload, options);
  if (lower.endsWith(".pdf")) return markPdfMetadata(bytes, payload, options);
  if (!isTraceablePath(path) && !lower.endsWith(".txt")) return bytes;
  const [marked] = markSource([{ path, content: bytes.toString("utf8") }], payload, options);
  return Buffer.from(marked!.content, "utf8");
}

/**
 * Writes one marked copy of a file or folder per recipient under
 * `<outDir>/<recipient>/…` and returns who got which payload. Recording the distribution is
 * the caller's job, through `record`.
 *
 * @example
 * const rows = await shareFile({ path: "plan.docx", recipients: ["a@vendor.example"], outDir: "out" });
 * // [{ recipient: "a@vendor.example", payload: 734829384122, outPath: "out/a@vendor.example/plan.docx" }]
 */
export async function shareFile(input: ShareFileInput): Promise<ShareRow[]> {
  if (input.recipients.length === 0) {
    throw new WardenError("invalid_input", "Name at least one recipient (--to).");
  }
  const info = await stat(input.path).catch(() => {
    throw new WardenError("not_found", `${input.path} does not exist.`);
  });
  const root = info.isDirectory() ? input.path : dirname(input.path);
  const files = info.isDirectory() ? await listFiles(input.path, MAX_SHARED_FILES) : [input.path];
  const contents = await Promise.all(files.map((f) => readFile(f)));
  const hash = createHash("sha256");
  for (const [i, file] of files.entries())
    hash.update(relative(root, file)).update("\0").update(contents[i]!);
  const contentHash = hash.digest("hex");

  const rows: ShareRow[] = [];
  const folders = new Set<string>();
  for (const recipient of input.recipients) {
    const folder = recipientFolder(recipient);
    if (folders.has(folder)) {
      throw new WardenError(
        "conflict",
        `Two recipients map to the folder "${folder}". Give distinct recipients.`,
      );
    }
    folders.add(folder);
    const payload = input.payloadFor
      ? await input.payloadFor(recipient)
      : derivePayload(contentHash, recipient);
    if (!Number.isSafeInteger(payload) || payload < 0 || payload > MAX_PAYLOAD) {
      throw new WardenError("invalid_input", `Payload for ${recipient} must fit in 40 bits: got ${payload}.`);
    }
    const base = join(input.outDir, folder);
    for (const [i, file] of files.entries()) {
      const target = info.isDirectory()
        ? join(base, basename(input.path), relative(root, file))
        : join(base, basename(file));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await markBytes(file, contents[i]!, payload, input));
    }
    const row = { recipient, payload, outPath: join(base, basename(input.path)) };
    await input.record?.(row);
    rows.push(row);
  }
  return rows;
}
