import { extractPdfText } from "../contracts/extract-pdf-text.ts";
import { defaultExtractionLimits } from "../contracts/limits.ts";

/** The text of a generated report as pdf.js reads it, spaces collapsed, with its page count. */
export async function readPdfReport(pdf: Uint8Array): Promise<{ text: string; pages: number }> {
  const extracted = await extractPdfText(pdf, { ...defaultExtractionLimits, timeBudgetMs: 120_000 });
  return { text: extracted.text.replace(/\s+/g, " "), pages: extracted.pages?.length ?? 0 };
}
