import { WardenError } from "../../domain/errors.ts";
import { workerEntry, workerRunner } from "../run-in-worker.ts";
import { decodePlainText } from "./decode-plain-text.ts";
import { extractDocxText } from "./extract-docx-text.ts";
import { extractPdfText } from "./extract-pdf-text.ts";
import type { DocumentFormat, ExtractedText } from "./extracted-text.ts";
import { defaultExtractionLimits, type ExtractionLimits } from "./limits.ts";

export interface ExtractTextOptions {
  /** The upload's file name; its extension is a hint, the bytes decide. */
  filename?: string;
  mediaType?: string;
  limits?: Partial<ExtractionLimits>;
}

/**
 * Extracts the text of a contract (PDF text layer, DOCX paragraphs or plain
 * text) within the given bounds. The format is recognised from the bytes
 * (magic numbers); filename and media type only break ties. PDF and DOCX are
 * parsed in a worker thread, terminated at the time budget and capped in
 * memory, so a hostile document never stalls the caller's event loop and an
 * overrun is an error (`timeout`, `too_large`), never a partial text.
 *
 * @example
 * const { text, format } = await extractText(await readFile("msa.pdf"), { filename: "msa.pdf" });
 */
export async function extractText(
  bytes: Uint8Array,
  options: ExtractTextOptions = {},
): Promise<ExtractedText> {
  const limits: ExtractionLimits = { ...defaultExtractionLimits, ...options.limits };
  const format = checkDocument(bytes, options, limits);
  if (format === "text") return decodePlainText(bytes, limits);
  return extractInWorker(
    { bytes, format, limits },
    { timeMs: limits.timeBudgetMs, memoryBytes: limits.maxMemoryBytes },
  );
}

/** What the extraction worker is given. */
export interface ExtractionJob {
  bytes: Uint8Array;
  format: "pdf" | "docx";
  limits: ExtractionLimits;
}

const extractInWorker = workerRunner<ExtractionJob, ExtractedText>(
  workerEntry(import.meta.url, "extract-text-worker"),
  "Reading the document",
);

/** The body of the extraction worker: parses a PDF or DOCX in this thread. */
export function extractDocumentHere({ bytes, format, limits }: ExtractionJob): Promise<ExtractedText> {
  return format === "pdf" ? extractPdfText(bytes, limits) : extractDocxText(bytes, limits);
}

/** Checks size and emptiness, and recognises the format. */
function checkDocument(
  bytes: Uint8Array,
  options: ExtractTextOptions,
  limits: ExtractionLimits,
): DocumentFormat {
  if (bytes.length > limits.maxBytes) {
    throw new WardenError(
      "too_large",
      `The file is ${bytes.length} bytes, more than the limit of ${limits.maxBytes}. Split the document or raise the limit.`,
    );
  }
  if (bytes.length === 0) throw new WardenError("invalid_input", "The file is empty.");
  return detectFormat(bytes, options);
}

function detectFormat(bytes: Uint8Array, options: ExtractTextOptions): DocumentFormat {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return "docx";
  const name = options.filename?.toLowerCase() ?? "";
  const media = options.mediaType?.toLowerCase() ?? "";
  if (name.endsWith(".pdf") || media === "application/pdf") {
    throw new WardenError("invalid_input", "The file is named as a PDF but is not one (no %PDF header).");
  }
  if (name.endsWith(".docx") || media.includes("wordprocessingml")) {
    throw new WardenError(
      "invalid_input",
      "The file is named as a DOCX but is not a ZIP-based Word document.",
    );
  }
  if (name.endsWith(".doc") || head.startsWith("\xd0\xcf\x11\xe0")) {
    throw new WardenError(
      "unsupported",
      "Legacy .doc files are not supported. Save the contract as DOCX or PDF.",
    );
  }
  return "text";
}
