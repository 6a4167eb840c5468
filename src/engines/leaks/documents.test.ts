import { readFileSync } from "node:fs";
import { Document, Packer, Paragraph, TextRun } from "docx";
import JSZip from "jszip";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { canonicalText } from "./confusables.ts";
import { decodeDocx, markDocx, readDocx } from "./docx-watermark.ts";
import { decodeWordSpacing } from "./pdf-spacing.ts";
import { createMarkedPdf, decodePdf, readPdf } from "./pdf-watermark.ts";
import { decodeTextWatermark } from "./text-watermark.ts";

const report = readFileSync(new URL("./fixtures/assessment-report.md", import.meta.url), "utf8");

/** A DOCX made the way users make them: paragraphs split into several formatted runs. */
async function reportDocx(): Promise<Buffer> {
  const paragraphs = report.split("\n").map((line) => {
    const half = Math.floor(line.length / 2);
    return new Paragraph({
      children: [
        new TextRun({ text: line.slice(0, half), bold: line.startsWith("#") }),
        new TextRun(line.slice(half)),
      ],
    });
  });
  return Packer.toBuffer(new Document({ creator: "Security office", sections: [{ children: paragraphs }] }));
}

describe("document watermarks", () => {
  it("marks a DOCX's runs and properties and reads the recipient back", async () => {
    const original = await reportDocx();
    const copy = await markDocx(original, 0x77_0000_0001);
    const marks = await decodeDocx(copy);
    expect(marks.watermark).toMatchObject({ verdict: "found", payload: 0x77_0000_0001 });
    expect(marks.canaries.map((c) => c.payload)).toContain(0x77_0000_0001);
    const { text, metadata } = await readDocx(copy);
    expect(metadata).toContain("DocumentKey");
    // Same runs and formatting: only the characters inside <w:t> changed.
    const xml = async (b: Buffer) => (await JSZip.loadAsync(b)).file("word/document.xml")!.async("string");
    const shape = (x: string) => x.replace(/<w:t([^>]*)>[^<]*<\/w:t>/g, "<w:t$1/>");
    expect(shape(await xml(copy))).toBe(shape(await xml(original)));
    expect(text.replace(/[\u200b\u200c]/g, "").normalize("NFKC").length).toBe(
      (await readDocx(original)).text.length,
    );
  });

  it("decodes a 600-character excerpt of a marked DOCX's text after NFKC, or after zero-width stripping", async () => {
    const copy = await markDocx(await reportDocx(), 31337);
    const { text } = await readDocx(copy);
    const excerpt = text.slice(1500, 2100);
    expect(decodeTextWatermark(excerpt.normalize("NFKC"))).toMatchObject({
      verdict: "found",
      payload: 31337,
    });
    expect(decodeTextWatermark(excerpt.replace(/[\u200b\u200c]/g, ""))).toMatchObject({
      verdict: "found",
      payload: 31337,
    });
  });

  it("gives two DOCX recipients different marks and leaves an unmarked DOCX unnamed", async () => {
    const original = await reportDocx();
    const [a, b] = await Promise.all([markDocx(original, 1), markDocx(original, 2)]);
    expect((await decodeDocx(a)).watermark).toMatchObject({ payload: 1 });
    expect((await decodeDocx(b)).watermark).toMatchObject({ payload: 2 });
    const none = await decodeDocx(original);
    expect(none.watermark.verdict).toBe("none");
    expect(none.canaries).toEqual([]);
  });

  it("refuses a file that is not a DOCX", async () => {
    await expect(markDocx(Buffer.from("plain text"), 1)).rejects.toThrow(/Not a DOCX/);
  });

  it("creates a PDF whose metadata and extracted text name the recipient", async () => {
    const { pdf } = await createMarkedPdf(report, 0x0b_0b0b_0b0b, { title: "Assessment" });
    const parsed = await PDFDocument.load(pdf);
    expect(parsed.getTitle()).toBe("Assessment");
    const marks = await decodePdf(pdf);
    expect(marks.canaries.map((c) => c.payload)).toEqual([0x0b_0b0b_0b0b]);
    expect(canonicalText(marks.text)).toContain("Vendor security assessment");
    // Text extraction keeps the words, not the spaces or zero-width marks: the PDF names its
    // recipient through the word spacing it was laid out with.
    expect(marks.watermark).toMatchObject({ verdict: "found", payload: 0x0b_0b0b_0b0b });
  });

  it("names the recipient through word spacing and metadata when only standard fonts are available", async () => {
    const { pdf, textMarked } = await createMarkedPdf(report, 99, { fontPath: false });
    expect(textMarked).toBe(false);
    const marks = await decodePdf(pdf);
    expect(marks.canaries.map((c) => c.payload)).toEqual([99]);
    expect(marks.watermark).toMatchObject({ verdict: "found", payload: 99 });
    if (marks.watermark.verdict === "found")
      expect(marks.watermark.channels[0]?.channel).toBe("word-spacing");
  });

  it("reads word spacing on its own, and finds none in a PDF laid out without marks", async () => {
    const { gaps } = await readPdf((await createMarkedPdf(report, 4321)).pdf);
    expect(decodeWordSpacing(gaps)).toMatchObject({ verdict: "found", payload: 4321 });
    const plain = await PDFDocument.create();
    const font = await plain.embedFont(StandardFonts.Helvetica);
    const page = plain.addPage();
    const lines = report.split("\n").filter(Boolean).slice(0, 40);
    for (const [i, line] of lines.entries())
      page.drawText(line.slice(0, 90), { x: 40, y: 800 - i * 14, size: 9, font });
    const { gaps: plainGaps } = await readPdf(await plain.save());
    expect(decodeWordSpacing(plainGaps).verdict).toBe("none");
  });

  it("refuses bytes that are not a PDF", async () => {
    await expect(decodePdf(new TextEncoder().encode("not a pdf at all"))).rejects.toThrow(
      /Not a readable PDF/,
    );
  });
});
