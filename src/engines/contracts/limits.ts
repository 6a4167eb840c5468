/**
 * Bounds for reading an untrusted document. Every parser stops at these, so a
 * hostile upload costs at most this much time and memory.
 */
export interface ExtractionLimits {
  /** Largest accepted input, in bytes. */
  maxBytes: number;
  /** Most PDF pages read. */
  maxPages: number;
  /** Largest total uncompressed size of a DOCX archive, declared or actual, in bytes. */
  maxUncompressedBytes: number;
  /** Most entries in a DOCX archive. */
  maxZipEntries: number;
  /** Most characters of extracted text. */
  maxTextChars: number;
  /** Wall-clock budget for one extraction, in milliseconds: its worker thread is terminated then. */
  timeBudgetMs: number;
  /** Heap of the worker thread that parses a PDF or DOCX, in bytes. */
  maxMemoryBytes: number;
}

export const defaultExtractionLimits: ExtractionLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxPages: 500,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxZipEntries: 2000,
  maxTextChars: 5_000_000,
  timeBudgetMs: 20_000,
  maxMemoryBytes: 512 * 1024 * 1024,
};
