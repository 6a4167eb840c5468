/**
 * Leak watch: per-recipient watermarks for shared documents and code, and fingerprint
 * tracing of leaked text back to its source. A library: plain inputs, plain results, no
 * database. Services record distributions and fingerprints; this engine computes them.
 */
export { type CanaryHit, canaryToken, findCanaries } from "./canary.ts";
export { canonicalText } from "./confusables.ts";
export type { DocumentMarks } from "./document-marks.ts";
export { decodeDocx, markDocx, readDocx } from "./docx-watermark.ts";
export {
  DEFAULT_MIN_SCORE,
  FingerprintIndex,
  type FingerprintRow,
  type MatchRegion,
  type SourceTotals,
  type TraceMatch,
  type TraceOptions,
} from "./fingerprint-index.ts";
export { type FolderIndex, indexFolder, listFilesForTrace, SHARE_MANIFEST } from "./index-folder.ts";
export { guessLanguage, isTraceablePath, languageFromPath, type SourceLanguage } from "./language.ts";
export { MAX_PAYLOAD, PAYLOAD_BITS } from "./payload-code.ts";
export { decodeWordSpacing, type WordGap } from "./pdf-spacing.ts";
export {
  createMarkedPdf,
  decodePdf,
  type MarkedPdf,
  markPdfMetadata,
  type PdfOptions,
  readPdf,
} from "./pdf-watermark.ts";
export { readDocument } from "./read-document.ts";
export {
  derivePayload,
  recipientFolder,
  type ShareFileInput,
  type ShareRow,
  shareFile,
} from "./share-file.ts";
export { decodeSourceWatermark, markSource, type SourceFile } from "./source-watermark.ts";
export {
  type ChannelReport,
  decodeTextWatermark,
  embedTextWatermark,
  stripTextWatermark,
  type WatermarkDecode,
  type WatermarkOptions,
} from "./text-watermark.ts";
export {
  type Evidence,
  type LeakReport,
  type Suspect,
  type TraceLeakOptions,
  traceLeak,
} from "./trace-leak.ts";
export {
  BACKGROUND_PAIR_RATE,
  type FilePair,
  MAX_PROGRAM_CHANCE,
  MIN_PROGRAM_COVERAGE,
  PAIR_EVIDENCE,
  type ProgramFile,
  type ProgramMatch,
  type ProgramVerdict,
  type TraceProgramOptions,
  traceProgram,
} from "./trace-program.ts";
export {
  type Fingerprint,
  type FingerprintOptions,
  type FingerprintResult,
  fingerprint,
  isCommentHash,
  winnow,
} from "./winnow.ts";
