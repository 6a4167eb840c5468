import { existsSync, readFileSync } from "node:fs";
import type { PDFDict, PDFDocument, PDFPage } from "pdf-lib";
import { WardenError } from "../../domain/errors.ts";
import { loadPdfJs } from "../load-pdfjs.ts";
import { unicodeFontFiles } from "../pdf-font-files.ts";
import { canaryToken } from "./canary.ts";
import { canonicalText } from "./confusables.ts";
import { type DocumentMarks, documentMarks } from "./document-marks.ts";
import { decodeWordSpacing, WIDE_GAP, type WordGap, wideGap } from "./pdf-spacing.ts";
import { embedTextWatermark, type WatermarkOptions } from "./text-watermark.ts";

export interface PdfOptions extends WatermarkOptions {
  title?: string;
  subject?: string;
  /**
   * A TrueType font with the typographic quotes and dashes; by default the first of the usual
   * system fonts found. `false` uses the standard PDF fonts (their WinAnsi text is canonical).
   */
  fontPath?: string | false;
}

export interface MarkedPdf {
  pdf: Uint8Array;
  /**
   * Whether the text itself carries the watermark's punctuation forms. Without a Unicode
   * font the word spacing and the metadata name the copy.
   */
  textMarked: boolean;
}

const MAX_PDF_BYTES = 50 * 1024 * 1024;
const MAX_PAGES = 2000;
const READ_TIMEOUT_MS = 30_000;
const CUSTOM_KEY = "DocumentKey";
const PAGE = { width: 595.28, height: 841.89, margin: 56, size: 10.5, leading: 14.5 };

function findFont(explicit: string | false | undefined): string | undefined {
  if (explicit === false) return undefined;
  if (explicit && existsSync(explicit)) return explicit;
  return unicodeFontFiles("regular")[0];
}

/** Characters the standard fonts' WinAnsi encoding can show; others become "?". */
const toWinAnsi = (text: string) => canonicalText(text).replace(/[^\t\n\x20-\x7e\xa0-\xff]/g, "?");

/**
 * Lays out a text as a PDF for one recipient: the text watermark in the text (when a
 * Unicode font is available), and a canary token in the Keywords and a custom information
 * entry. Zero-width characters and odd spaces do not survive PDF text extraction; the word
 * spacing the text is laid out with and the punctuation forms do.
 *
 * @example
 * const { pdf } = await createMarkedPdf(reportText, 0x2a00000007, { title: "Q2 review" });
 */
export async function createMarkedPdf(
  text: string,
  payload: number,
  options: PdfOptions = {},
): Promise<MarkedPdf> {
  const marked = embedTextWatermark(text, payload, options);
  const token = canaryToken(payload, options);
  // pdf-lib and fontkit are loaded by the first PDF marked, not by every process that can mark one.
  const { PDFDocument, PDFName, PDFString, StandardFonts } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  const fontPath = findFont(options.fontPath);
  let font: Awaited<ReturnType<PDFDocument["embedFont"]>>;
  let body: string;
  if (fontPath) {
    doc.registerFontkit((await import("@pdf-lib/fontkit")).default);
    font = await doc.embedFont(readFileSync(fontPath), { subset: true });
    body = marked.replace(/[\u200b\u200c]/g, "");
  } else {
    font = await doc.embedFont(StandardFonts.Helvetica);
    body = toWinAnsi(marked);
  }
  const maxWidth = PAGE.width - 2 * PAGE.margin;
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const newLine = () => {
    y -= PAGE.leading;
    if (y < PAGE.margin) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
  };
  const space = font.widthOfTextAtSize(" ", PAGE.size);
  const key = options.key;
  // Words are drawn one by one so that the gap after each can carry a bit (see pdf-spacing).
  const drawLine = (words: string[]) => {
    let x = PAGE.margin;
    for (const [i, word] of words.entries()) {
      page.drawText(word, { x, y, size: PAGE.size, font });
      const next = words[i + 1];
      const wide = next !== undefined && wideGap(word, next, payload, key);
      x += font.widthOfTextAtSize(word, PAGE.size) + space * (wide ? WIDE_GAP : 1);
    }
  };
  for (const paragraph of body.replace(/\r/g, "").replace(/\t/g, "    ").split("\n")) {
    let line: string[] = [];
    let width = 0;
    for (const word of paragraph.split(/\s+/u).filter(Boolean)) {
      const wordWidth = font.widthOfTextAtSize(word, PAGE.size);
      if (line.length && width + space * WIDE_GAP + wordWidth > maxWidth) {
        drawLine(line);
        newLine();
        line = [];
        width = 0;
      }
      width += (line.length ? space * WIDE_GAP : 0) + wordWidth;
      line.push(word);
    }
    if (line.length) drawLine(line);
    newLine();
  }
  if (options.title) doc.setTitle(options.title);
  if (options.subject) doc.setSubject(options.subject);
  doc.setKeywords([token]);
  // pdf-lib has no public setter for custom information entries.
  (doc as unknown as { getInfoDict(): PDFDict })
    .getInfoDict()
    .set(PDFName.of(CUSTOM_KEY), PDFString.of(token));
  doc.setProducer("Warden");
  return { pdf: await doc.save(), textMarked: fontPath !== undefined };
}

/**
 * Marks an existing PDF through its metadata only (Keywords and a custom entry): its text
 * is left as laid out. Use {@link createMarkedPdf} when the text is available, so that the
 * text itself carries the mark too.
 */
export async function markPdfMetadata(
  buffer: Uint8Array,
  payload: number,
  options: WatermarkOptions = {},
): Promise<Uint8Array> {
  if (buffer.byteLength > MAX_PDF_BYTES) {
    throw new WardenError(
      "too_large",
      `PDF is ${buffer.byteLength} bytes; at most ${MAX_PDF_BYTES} are read.`,
    );
  }
  const { PDFDocument, PDFName, PDFString } = await import("pdf-lib");
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(buffer, { updateMetadata: false });
  } catch {
    throw new WardenError("invalid_input", "Not a readable PDF file. Give a .pdf file.");
  }
  const token = canaryToken(payload, options);
  const keywords = (doc.getKeywords() ?? "").replace(/\s*AKIA[A-Z2-7]{16}/g, "").trim();
  doc.setKeywords(keywords ? [keywords, token] : [token]);
  (doc as unknown as { getInfoDict(): PDFDict })
    .getInfoDict()
    .set(PDFName.of(CUSTOM_KEY), PDFString.of(token));
  return doc.save();
}

/** Extracts the text (lines as laid out) and the information dictionary of a PDF with pdf.js. */
export async function readPdf(
  buffer: Uint8Array,
): Promise<{ text: string; metadata: string; gaps: WordGap[] }> {
  if (buffer.byteLength > MAX_PDF_BYTES) {
    throw new WardenError(
      "too_large",
      `PDF is ${buffer.byteLength} bytes; at most ${MAX_PDF_BYTES} are read.`,
    );
  }
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(buffer),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WardenError("timeout", `Reading the PDF took more than ${READ_TIMEOUT_MS / 1000} s.`)),
      READ_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      (async () => {
        let pdf: Awaited<typeof task.promise>;
        try {
          pdf = await task.promise;
        } catch {
          throw new WardenError("invalid_input", "Not a readable PDF file. Give a .pdf file.");
        }
        if (pdf.numPages > MAX_PAGES) {
          throw new WardenError("too_large", `PDF has ${pdf.numPages} pages; at most ${MAX_PAGES} are read.`);
        }
        const lines: string[] = [];
        const gaps: WordGap[] = [];
        for (let n = 1; n <= pdf.numPages; n++) {
          const content = await (await pdf.getPage(n)).getTextContent();
          let line = "";
          const items = content.items.filter((item) => "str" in item);
          for (const [i, item] of items.entries()) {
            line += item.str;
            const [before, after] = [items[i - 1], items[i + 1]];
            // A space item between two words on one line: its width is the gap the words were set with.
            if (
              item.str === " " &&
              before?.str.trim() &&
              after?.str.trim() &&
              before.transform[5] === after.transform[5]
            ) {
              const size = Math.hypot(item.transform[0], item.transform[1]) || 1;
              gaps.push({ before: before.str, after: after.str, ratio: item.width / size });
            }
            if (item.hasEOL) {
              lines.push(line);
              line = "";
            }
          }
          if (line) lines.push(line);
        }
        const { info } = await pdf.getMetadata();
        return { text: lines.join("\n"), metadata: JSON.stringify(info), gaps };
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }
}

/** Reads the marks of a PDF copy: text watermark (when the text carries one) and metadata canaries. */
export async function decodePdf(buffer: Uint8Array, options: WatermarkOptions = {}): Promise<DocumentMarks> {
  const { text, metadata, gaps } = await readPdf(buffer);
  const marks = documentMarks(text, metadata, options);
  if (marks.watermark.verdict === "found") return marks;
  const spacing = decodeWordSpacing(gaps, options.key);
  return spacing.verdict === "found" || marks.watermark.channels.length === 0
    ? { ...marks, watermark: spacing }
    : marks;
}
