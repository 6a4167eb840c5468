import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readPdfReport } from "./read-pdf-report.test-support.ts";
import { tableBlock } from "./report-document.ts";
import { writePdfReport } from "./write-pdf-report.ts";

const base = { generatedAt: "2026-12-07T10:00:00.000Z", generatedBy: "ann@example.com" };

describe("writePdfReport", () => {
  it("writes a PDF whose text reads back, with its sha256 and the page footer", async () => {
    const report = await writePdfReport({
      ...base,
      title: "Audit pack",
      subtitle: "Acme Ltd — Payments rewrite",
      blocks: [
        { kind: "heading", text: "Controls" },
        tableBlock(
          [
            ["Control", 0.2],
            ["Status", 0.2],
            ["Reasons", 0.6],
          ],
          [["DD-1", "pass", "Every asset is classified."]],
          "none",
        ),
        { kind: "fields", rows: [["Head hash", "a".repeat(64)]] },
      ],
    });
    expect(Buffer.from(report.pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(report.sha256).toBe(createHash("sha256").update(report.pdf).digest("hex"));
    const { text } = await readPdfReport(report.pdf);
    expect(text).toContain("DD-1");
    expect(text).toContain("Every asset is classified.");
    expect(text).toContain("Page 1 of 1");
    expect(text).toContain("Generated 2026-12-07T10:00:00.000Z by ann@example.com");
    // A 64-character hash broken over lines still reads back whole once the breaks are gone.
    expect(text.replace(/ /g, "")).toContain("a".repeat(64));
  });

  it("writes Cyrillic and Greek as they are, and a character no font has as its code point", async () => {
    const report = await writePdfReport({
      ...base,
      title: "ООО «Ромашка» Ελληνικά",
      blocks: [{ kind: "paragraph", text: "Vendor: ООО «Ромашка» 北京软件" }],
    });
    const { text } = await readPdfReport(report.pdf);
    expect(text).toContain("ООО «Ромашка»");
    expect(text).toContain("Ελληνικά");
    // Drawn with a CJK font where one is installed, else named by code point: never lost.
    expect(text.includes("北京软件") || text.includes("[U+5317][U+4EAC]")).toBe(true);
  });

  it("paginates a long table, repeating its header, and numbers every page", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [`ROW-${i + 1}`, "pass", "reason ".repeat(8)]);
    const report = await writePdfReport({
      ...base,
      title: "Long",
      blocks: [
        tableBlock(
          [
            ["Control", 1],
            ["Status", 1],
            ["Reasons", 3],
          ],
          rows,
          "none",
        ),
      ],
    });
    expect(report.pages).toBeGreaterThan(3);
    const { text } = await readPdfReport(report.pdf);
    expect(text).toContain("ROW-1 ");
    expect(text).toContain("ROW-300");
    expect(text).toContain(`Page ${report.pages} of ${report.pages}`);
    expect(text.match(/Control Status Reasons/g)?.length).toBe(report.pages);
  });
});
