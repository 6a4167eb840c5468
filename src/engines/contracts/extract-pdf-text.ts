import { WardenError } from "../../domain/errors.ts";
import { loadPdfJs, type PdfJs } from "../load-pdfjs.ts";
import type { ExtractedText } from "./extracted-text.ts";
import type { ExtractionLimits } from "./limits.ts";

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/**
 * Reads a PDF's text layer page by page, rebuilding lines from item positions
 * and paragraphs from vertical gaps. Stops at the page limit and the time
 * budget; a PDF with (almost) no text is reported as scanned.
 */
export async function extractPdfText(bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractedText> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const deadline = Date.now() + limits.timeBudgetMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new WardenError(
            "timeout",
            `Reading the PDF took longer than ${limits.timeBudgetMs} ms; it was stopped.`,
          ),
        ),
      limits.timeBudgetMs,
    );
  });
  try {
    return await Promise.race([readAllPages(task, limits, deadline), timeout]);
  } catch (error) {
    throw toWardenError(error);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

async function readAllPages(
  task: ReturnType<PdfJs["getDocument"]>,
  limits: ExtractionLimits,
  deadline: number,
): Promise<ExtractedText> {
  const pdf = await task.promise;
  if (pdf.numPages > limits.maxPages) {
    throw new WardenError(
      "too_large",
      `The PDF has ${pdf.numPages} pages, more than the limit of ${limits.maxPages}. Split the document.`,
    );
  }
  let text = "";
  const pages: Array<{ page: number; start: number; end: number }> = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    if (Date.now() > deadline) {
      throw new WardenError(
        "timeout",
        `Reading the PDF took longer than ${limits.timeBudgetMs} ms; it was stopped.`,
      );
    }
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    page.cleanup();
    const pageText = itemsToText(content.items.filter((i) => "str" in i) as TextItemLike[]);
    if (text.length > 0) text += "\n\n";
    const start = text.length;
    text += pageText;
    pages.push({ page: n, start, end: text.length });
    if (text.length > limits.maxTextChars) {
      throw new WardenError("too_large", `The PDF has more than ${limits.maxTextChars} characters of text.`);
    }
  }
  const visible = text.replace(/\s+/g, "").length;
  if (visible < Math.max(20, 10 * pdf.numPages)) {
    throw new WardenError(
      "unsupported",
      `The PDF has no usable text layer (${visible} characters over ${pdf.numPages} page(s)); it is probably a scan. Run OCR on it (or export it again from the word processor) and upload the result.`,
    );
  }
  return { text, format: "pdf", pages };
}

function itemsToText(items: TextItemLike[]): string {
  let out = "";
  let lastY: number | undefined;
  let lastEndX = 0;
  let lastHeight = 0;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = Math.abs(item.transform[3] ?? item.height) || item.height || 10;
    if (item.str.length === 0) {
      if (item.hasEOL && lastY !== undefined) lastEndX = Number.NEGATIVE_INFINITY;
      continue;
    }
    if (lastY === undefined) {
      out += item.str;
    } else if (Math.abs(y - lastY) > 0.5 * Math.max(size, lastHeight)) {
      // A vertical gap well beyond one line (1.2 em) opens a new paragraph.
      const gap = lastY - y;
      out = out.replace(/[ \t]+$/, "");
      out += gap > 1.75 * Math.max(size, lastHeight) || gap < 0 ? "\n\n" : "\n";
      out += item.str;
    } else {
      const needsSpace = x - lastEndX > 0.15 * size && !/\s$/.test(out) && !/^\s/.test(item.str);
      out += (needsSpace ? " " : "") + item.str;
    }
    lastY = y;
    lastEndX = x + item.width;
    lastHeight = size;
  }
  return out.replace(/[ \t]+\n/g, "\n").trim();
}

function toWardenError(error: unknown): WardenError {
  if (error instanceof WardenError) return error;
  const name = (error as { name?: string } | null)?.name ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    return new WardenError(
      "unsupported",
      "The PDF is encrypted with a password. Remove the password (print or export an unprotected copy) and upload it again.",
    );
  }
  if (name === "InvalidPDFException" || name === "FormatError" || name === "UnknownErrorException") {
    return new WardenError(
      "invalid_input",
      `The PDF is damaged or not a PDF (${message}). Export it again from the original document.`,
    );
  }
  return new WardenError("invalid_input", `The PDF could not be read (${message}).`);
}
