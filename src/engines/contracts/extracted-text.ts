export type DocumentFormat = "pdf" | "docx" | "text";

/** Text read from a document. Offsets elsewhere in the engine index into `text`. */
export interface ExtractedText {
  text: string;
  format: DocumentFormat;
  /** For PDF: where each page starts in `text` (page 1 first). */
  pages?: Array<{ page: number; start: number; end: number }>;
}
