import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { PDFDocument, PDFFont, PDFPage } from "pdf-lib";
import { unicodeFontFiles } from "../pdf-font-files.ts";
import type { ReportBlock, ReportDocument } from "./report-document.ts";

export interface PdfReport {
  pdf: Uint8Array;
  pages: number;
  /** sha256 of the PDF's bytes, hex. */
  sha256: string;
}

const PAGE = { width: 595.28, height: 841.89, margin: 50, top: 64, bottom: 56 };
const SIZE = { title: 17, subtitle: 10.5, heading: 12.5, text: 9.5, table: 8.5, footer: 7.5 };
const CELL_PAD = 3;
const GREY = { text: 0.35, rule: 0.8, band: 0.94 };

/** One face of a fallback chain: the font drawn with and the glyph coverage it was read for. */
interface Face {
  pdf: PDFFont;
  has(codePoint: number): boolean;
}

interface Run {
  face: Face;
  text: string;
}

/**
 * Lays out a report as a paginated PDF with embedded Unicode fonts: every page carries the
 * report's title, its page number ("Page 2 of 7"), when it was generated and by whom. Text is
 * drawn with the first installed font that has each character (see `unicodeFontFiles`), so a
 * Cyrillic or Greek name is written as it is; a character no installed font can draw is
 * printed as its code point ("[U+4E2D]") rather than dropped or replaced by a box.
 *
 * @example
 * const { pdf, sha256 } = await writePdfReport({
 *   title: "Audit pack", generatedAt: new Date().toISOString(), generatedBy: "ann@example.com",
 *   blocks: [{ kind: "heading", text: "Controls" }, { kind: "paragraph", text: "DD-1 pass" }],
 * });
 */
export async function writePdfReport(report: ReportDocument): Promise<PdfReport> {
  // pdf-lib and fontkit are loaded by the first report, not by every process that can write one.
  const { PDFDocument, rgb } = await import("pdf-lib");
  const fontkit = (await import("@pdf-lib/fontkit")).default;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const at = new Date(report.generatedAt);
  doc.setTitle(report.title);
  doc.setAuthor(report.generatedBy);
  doc.setCreator("Warden");
  doc.setProducer("Warden");
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const embed = async (weight: "regular" | "bold"): Promise<Face[]> =>
    Promise.all(
      unicodeFontFiles(weight).map(async (path) => {
        const bytes = readFileSync(path);
        const face = fontkit.create(bytes);
        return {
          pdf: await doc.embedFont(bytes, { subset: true }),
          has: (cp: number) => face.hasGlyphForCodePoint(cp),
        };
      }),
    );
  const regular = await embed("regular");
  const bold = [...(await embed("bold")), ...regular];
  const layout = new Layout(doc, regular, bold, report.title, rgb);
  layout.title(report.title, report.subtitle);
  for (const block of report.blocks) layout.block(block);
  layout.footers(`Generated ${report.generatedAt} by ${report.generatedBy}`);
  const pdf = await doc.save();
  return { pdf, pages: doc.getPageCount(), sha256: createHash("sha256").update(pdf).digest("hex") };
}

type Rgb = typeof import("pdf-lib").rgb;

class Layout {
  private page: PDFPage;
  private y: number;
  private readonly width = PAGE.width - 2 * PAGE.margin;

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: Face[],
    private readonly bold: Face[],
    private readonly runningTitle: string,
    private readonly rgb: Rgb,
  ) {
    this.page = this.newPage();
    this.y = PAGE.height - PAGE.top;
  }

  title(text: string, subtitle: string | undefined): void {
    this.paragraph(text, this.bold, SIZE.title);
    if (subtitle) this.paragraph(subtitle, this.regular, SIZE.subtitle);
    this.y -= 6;
  }

  block(block: ReportBlock): void {
    switch (block.kind) {
      case "heading":
        // A heading never ends a page alone: keep room for a few lines under it.
        this.ensure(SIZE.heading * 1.6 + SIZE.text * 4);
        this.y -= 8;
        this.paragraph(block.text, this.bold, SIZE.heading);
        this.y -= 2;
        return;
      case "paragraph":
        this.paragraph(block.text, this.regular, SIZE.text);
        this.y -= 4;
        return;
      case "fields":
        this.table(
          [
            { label: "", width: 0.28 },
            { label: "", width: 0.72 },
          ],
          block.rows,
          false,
        );
        this.y -= 4;
        return;
      case "table":
        if (block.rows.length === 0) {
          this.paragraph(block.empty, this.regular, SIZE.text);
          this.y -= 4;
          return;
        }
        this.table(block.columns, block.rows, true);
        this.y -= 6;
    }
  }

  /** Page numbers and the generation line, once the page count is known. */
  footers(generated: string): void {
    const pages = this.doc.getPages();
    for (const [i, page] of pages.entries()) {
      const number = `Page ${i + 1} of ${pages.length}`;
      const numberWidth = this.measure(number, this.regular, SIZE.footer);
      this.drawLine(page, this.fit(generated, this.regular, SIZE.footer, this.width - numberWidth - 12), {
        x: PAGE.margin,
        y: PAGE.bottom - 22,
        faces: this.regular,
        size: SIZE.footer,
        grey: GREY.text,
      });
      this.drawLine(page, number, {
        x: PAGE.width - PAGE.margin - numberWidth,
        y: PAGE.bottom - 22,
        faces: this.regular,
        size: SIZE.footer,
        grey: GREY.text,
      });
    }
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.drawLine(page, this.fit(this.runningTitle, this.regular, SIZE.footer, this.width), {
      x: PAGE.margin,
      y: PAGE.height - PAGE.margin + 14,
      faces: this.regular,
      size: SIZE.footer,
      grey: GREY.text,
    });
    page.drawLine({
      start: { x: PAGE.margin, y: PAGE.height - PAGE.margin + 8 },
      end: { x: PAGE.width - PAGE.margin, y: PAGE.height - PAGE.margin + 8 },
      thickness: 0.5,
      color: this.rgb(GREY.rule, GREY.rule, GREY.rule),
    });
    return page;
  }

  /** Starts a new page unless `height` points are left on this one. */
  private ensure(height: number): boolean {
    if (this.y - height >= PAGE.bottom) return false;
    this.page = this.newPage();
    this.y = PAGE.height - PAGE.top;
    return true;
  }

  private paragraph(text: string, faces: Face[], size: number): void {
    const leading = size * 1.35;
    for (const line of this.wrap(text, faces, size, this.width)) {
      this.ensure(leading);
      this.y -= leading;
      this.drawLine(this.page, line, { x: PAGE.margin, y: this.y + size * 0.3, faces, size });
    }
  }

  private table(
    columns: readonly { label: string; width: number }[],
    rows: readonly (readonly string[])[],
    withHeader: boolean,
  ): void {
    const total = columns.reduce((n, c) => n + c.width, 0) || 1;
    const widths = columns.map((c) => (c.width / total) * this.width);
    const leading = SIZE.table * 1.3;
    const drawRow = (cells: readonly string[], faces: Face[], band: boolean) => {
      const wrapped = widths.map((w, i) => this.wrap(cells[i] ?? "", faces, SIZE.table, w - 2 * CELL_PAD));
      const height = Math.max(1, ...wrapped.map((l) => l.length)) * leading + 2 * CELL_PAD;
      const broke = this.ensure(height);
      if (broke && withHeader && !band)
        drawRow(
          columns.map((c) => c.label),
          this.bold,
          true,
        );
      const top = this.y;
      if (band)
        this.page.drawRectangle({
          x: PAGE.margin,
          y: top - height,
          width: this.width,
          height,
          color: this.rgb(GREY.band, GREY.band, GREY.band),
        });
      let x = PAGE.margin;
      for (const [i, lines] of wrapped.entries()) {
        for (const [n, line] of lines.entries())
          this.drawLine(this.page, line, {
            x: x + CELL_PAD,
            y: top - CELL_PAD - (n + 1) * leading + SIZE.table * 0.3,
            faces,
            size: SIZE.table,
          });
        x += widths[i]!;
      }
      this.y = top - height;
      this.page.drawLine({
        start: { x: PAGE.margin, y: this.y },
        end: { x: PAGE.width - PAGE.margin, y: this.y },
        thickness: 0.4,
        color: this.rgb(GREY.rule, GREY.rule, GREY.rule),
      });
    };
    if (withHeader)
      drawRow(
        columns.map((c) => c.label),
        this.bold,
        true,
      );
    for (const row of rows) drawRow(row, this.regular, false);
  }

  private drawLine(
    page: PDFPage,
    text: string,
    at: { x: number; y: number; faces: Face[]; size: number; grey?: number },
  ): void {
    let x = at.x;
    const color = this.rgb(at.grey ?? 0, at.grey ?? 0, at.grey ?? 0);
    for (const run of runsOf(text, at.faces)) {
      page.drawText(run.text, { x, y: at.y, size: at.size, font: run.face.pdf, color });
      x += run.face.pdf.widthOfTextAtSize(run.text, at.size);
    }
  }

  private measure(text: string, faces: Face[], size: number): number {
    return runsOf(text, faces).reduce((w, r) => w + r.face.pdf.widthOfTextAtSize(r.text, size), 0);
  }

  /** The text cut to `width`, with an ellipsis when it was longer. */
  private fit(text: string, faces: Face[], size: number, width: number): string {
    if (this.measure(text, faces, size) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.measure(`${cut}…`, faces, size) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  /** Greedy word wrap; a word longer than the width (a hash, a path) is broken where it must. */
  private wrap(text: string, faces: Face[], size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of clean(text).split("\n")) {
      let line = "";
      for (const word of paragraph.split(" ").filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.measure(candidate, faces, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = "";
        let rest = word;
        while (this.measure(rest, faces, size) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && this.measure(rest.slice(0, cut), faces, size) > width) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }
}

/** Control characters and tabs out, line ends kept as "\n". */
function clean(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, "");
}

/**
 * Splits a line into runs of one face each: each character goes to the first face that has
 * it; one no face has is written as its code point in the first face.
 */
function runsOf(text: string, faces: Face[]): Run[] {
  const runs: Run[] = [];
  const first = faces[0]!;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const face = faces.find((f) => f.has(cp));
    const piece = face ? char : `[U+${cp.toString(16).toUpperCase().padStart(4, "0")}]`;
    const use = face ?? first;
    const last = runs[runs.length - 1];
    if (last && last.face === use) last.text += piece;
    else runs.push({ face: use, text: piece });
  }
  return runs;
}
