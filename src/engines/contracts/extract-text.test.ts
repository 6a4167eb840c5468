import { Document, LevelFormat, Packer, Paragraph, TextRun } from "docx";
import JSZip from "jszip";
import { PDFDocument, rgb } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { WardenError } from "../../domain/errors.ts";
import { extractText } from "./extract-text.ts";
import { encryptedPdf } from "./fixtures/raw-pdf.ts";
import { renderDocx, renderPdf, renderText } from "./fixtures/render-contract.ts";
import { usMasterServicesAgreement } from "./fixtures/sample-contracts.ts";

async function rejection(promise: Promise<unknown>): Promise<WardenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WardenError) return error;
    throw new Error(`expected a WardenError, got ${String(error)}`);
  }
  throw new Error("expected the extraction to fail");
}

describe("extractText", () => {
  it("reads plain text, normalising line ends and dropping a byte-order mark", async () => {
    const bytes = new TextEncoder().encode("\uFEFF1. Scope\r\n\r\nThe Vendor shall build it.\r\n");
    const result = await extractText(bytes, { filename: "sow.txt" });
    expect(result.format).toBe("text");
    expect(result.text).toBe("1. Scope\n\nThe Vendor shall build it.\n");
  });

  it("reads DOCX paragraphs in order, one paragraph per block", async () => {
    const docx = await renderDocx(usMasterServicesAgreement);
    const { text, format } = await extractText(docx, { filename: "msa.docx" });
    expect(format).toBe("docx");
    const governing = usMasterServicesAgreement.sections.at(-1)?.paragraphs[2] ?? "";
    expect(text).toContain(`\n\n${governing}`);
    expect(text.indexOf("ARTICLE 3 - INTELLECTUAL PROPERTY")).toBeLessThan(text.indexOf("3.1 Work Product."));
  });

  it("rebuilds automatic list numbers in DOCX so section numbers survive", async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: "clauses",
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: "%1." },
              { level: 1, format: LevelFormat.DECIMAL, text: "%1.%2" },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({
              numbering: { reference: "clauses", level: 0 },
              children: [new TextRun("Confidentiality")],
            }),
            new Paragraph({
              numbering: { reference: "clauses", level: 1 },
              children: [new TextRun("Keep it secret.")],
            }),
            new Paragraph({
              numbering: { reference: "clauses", level: 1 },
              children: [new TextRun("Return it.")],
            }),
            new Paragraph({
              numbering: { reference: "clauses", level: 0 },
              children: [new TextRun("Audit")],
            }),
          ],
        },
      ],
    });
    const { text } = await extractText(new Uint8Array(await Packer.toBuffer(doc)), { filename: "a.docx" });
    expect(text).toBe("1. Confidentiality\n\n1.1 Keep it secret.\n\n1.2 Return it.\n\n2. Audit");
  });

  it("reads a PDF text layer with pages, lines re-joined and paragraphs separated", async () => {
    const pdf = await renderPdf(usMasterServicesAgreement);
    const { text, pages, format } = await extractText(pdf, { filename: "msa.pdf" });
    expect(format).toBe("pdf");
    expect(pages?.length).toBeGreaterThan(1);
    expect(pages?.[0]?.start).toBe(0);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(
      "12.3 Governing Law. This Agreement shall be governed by and construed in accordance with the laws of the State of Delaware",
    );
    // Paragraphs are blank-line separated, wrapped lines are not.
    expect(text).toMatch(/\n\n12\.4 Venue\./);
  });

  it("refuses a scanned PDF that has no text layer, saying to run OCR", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([612, 792]);
    page.drawRectangle({ x: 50, y: 50, width: 500, height: 700, color: rgb(0.9, 0.9, 0.9) });
    const error = await rejection(extractText(await doc.save(), { filename: "scan.pdf" }));
    expect(error.code).toBe("unsupported");
    expect(error.message).toMatch(/no usable text layer.*OCR/);
  });

  it("refuses an encrypted PDF with a clear message", async () => {
    const error = await rejection(extractText(encryptedPdf(), { filename: "locked.pdf" }));
    expect(error.code).toBe("unsupported");
    expect(error.message).toMatch(/encrypted with a password/);
  });

  it("refuses a corrupt or truncated PDF as invalid input", async () => {
    const garbage = new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(5000)}\n%%EOF`);
    const corrupt = await rejection(extractText(garbage, { filename: "bad.pdf" }));
    expect(["invalid_input", "unsupported"]).toContain(corrupt.code);

    const good = await renderPdf(usMasterServicesAgreement);
    const truncated = await rejection(extractText(good.subarray(0, 400), { filename: "cut.pdf" }));
    expect(["invalid_input", "unsupported"]).toContain(truncated.code);
  });

  it("refuses a file named .pdf that is not one", async () => {
    const error = await rejection(extractText(new TextEncoder().encode("hello"), { filename: "x.pdf" }));
    expect(error.code).toBe("invalid_input");
  });

  it("refuses a file over the size limit before parsing it", async () => {
    const huge = new Uint8Array(26 * 1024 * 1024);
    huge.set(new TextEncoder().encode("%PDF-1.7\n"));
    const error = await rejection(extractText(huge, { filename: "huge.pdf" }));
    expect(error.code).toBe("too_large");
  });

  it("refuses a PDF with more pages than allowed", async () => {
    const pdf = await renderPdf(usMasterServicesAgreement);
    const error = await rejection(extractText(pdf, { filename: "msa.pdf", limits: { maxPages: 1 } }));
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/pages/);
  });

  it("stops a PDF extraction that runs past its time budget", async () => {
    const pdf = await renderPdf(usMasterServicesAgreement, { repeat: 5 });
    const error = await rejection(extractText(pdf, { filename: "slow.pdf", limits: { timeBudgetMs: 1 } }));
    expect(error.code).toBe("timeout");
  });

  it("refuses a DOCX whose declared uncompressed size is a ZIP bomb, without inflating it", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/document.xml", `<w:document><w:body>${"<w:p/>".repeat(400_000)}</w:body></w:document>`);
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bytes.length).toBeLessThan(100_000);
    const error = await rejection(
      extractText(bytes, { filename: "bomb.docx", limits: { maxUncompressedBytes: 1_000_000 } }),
    );
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/ZIP bomb/);
  });

  it("stops inflating a DOCX that lies about its sizes once the real output passes the limit", async () => {
    const zip = new JSZip();
    zip.file(
      "word/document.xml",
      `<w:document><w:body>${"<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(200_000)}</w:body></w:document>`,
    );
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    // Rewrite every declared uncompressed size (local headers and central directory) to 10 bytes.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 10, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 10, true);
    }
    const error = await rejection(
      extractText(bytes, { filename: "liar.docx", limits: { maxUncompressedBytes: 1_000_000 } }),
    );
    expect(error.code).toBe("too_large");
  });

  it("refuses a ZIP with too many entries and a ZIP that is not a Word document", async () => {
    const many = new JSZip();
    for (let i = 0; i < 50; i++) many.file(`f${i}.txt`, "x");
    many.file("word/document.xml", "<w:document/>");
    const manyBytes = await many.generateAsync({ type: "uint8array" });
    expect(
      (await rejection(extractText(manyBytes, { filename: "m.docx", limits: { maxZipEntries: 20 } }))).code,
    ).toBe("too_large");

    const other = new JSZip();
    other.file("readme.txt", "not a document");
    const otherBytes = await other.generateAsync({ type: "uint8array" });
    const error = await rejection(extractText(otherBytes, { filename: "x.docx" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/not a Word document/);
  });

  it("refuses a damaged DOCX (truncated archive)", async () => {
    const docx = await renderDocx(usMasterServicesAgreement);
    const error = await rejection(extractText(docx.subarray(0, docx.length - 200), { filename: "cut.docx" }));
    expect(error.code).toBe("invalid_input");
  });

  it("refuses binary data presented as text", async () => {
    const error = await rejection(
      extractText(new Uint8Array([0x41, 0x00, 0x42, 0x00, 0x01]), { filename: "x.txt" }),
    );
    expect(error.code).toBe("unsupported");
  });

  it("keeps plain-text offsets identical to the source text", async () => {
    const source = renderText(usMasterServicesAgreement);
    const { text } = await extractText(new TextEncoder().encode(source), { filename: "msa.txt" });
    expect(text).toBe(source);
  });
});
