import { WardenError } from "../../domain/errors.ts";
import { type WorkerLimits, workerEntry, workerRunner } from "../run-in-worker.ts";
import { readDocx } from "./docx-watermark.ts";
import { readPdf } from "./pdf-watermark.ts";

/** Text files above this size are not read whole: nobody leaks a 20 MB source file by hand. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";

/** Hard limits of reading one PDF or DOCX: its worker thread is stopped past them. */
export const DOCUMENT_READ_LIMITS: WorkerLimits = { timeMs: 20_000, memoryBytes: 512 * 1024 * 1024 };

type DocumentKind = "docx" | "pdf";

/** The body of the document-reading worker: a DOCX or PDF read in this thread. */
export function readDocumentHere(job: {
  kind: DocumentKind;
  bytes: Uint8Array;
}): Promise<{ text: string; metadata: string }> {
  return job.kind === "docx" ? readDocx(job.bytes) : readPdf(job.bytes);
}

const readInWorker = workerRunner<
  { kind: DocumentKind; bytes: Uint8Array },
  { text: string; metadata: string }
>(workerEntry(import.meta.url, "read-document-worker"), "Reading the document");

/**
 * The text and metadata of a file, whatever its kind: DOCX and PDF are extracted in a worker
 * thread within DOCUMENT_READ_LIMITS (an overrun is an error, never a partial text), anything
 * else is read as UTF-8 text. Binary files that are neither are refused.
 */
export async function readDocument(
  name: string,
  bytes: Uint8Array,
  limits: WorkerLimits = DOCUMENT_READ_LIMITS,
): Promise<{ text: string; metadata: string }> {
  const lower = name.toLowerCase();
  if (lower.endsWith(".docx") || (isZip(bytes) && !lower.endsWith(".zip")))
    return readInWorker({ kind: "docx", bytes }, limits);
  if (lower.endsWith(".pdf") || isPdf(bytes)) return readInWorker({ kind: "pdf", bytes }, limits);
  if (bytes.byteLength > MAX_TEXT_BYTES) {
    throw new WardenError(
      "too_large",
      `${name} is ${bytes.byteLength} bytes; text files up to ${MAX_TEXT_BYTES} are read.`,
    );
  }
  if (bytes.subarray(0, 8000).includes(0)) {
    throw new WardenError("unsupported", `${name} looks binary. Give text, source code, a DOCX or a PDF.`);
  }
  return { text: Buffer.from(bytes).toString("utf8"), metadata: "" };
}
