import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { WardenError } from "../../src/domain/errors.ts";
import { exportQuestionnaireXlsx } from "../../src/engines/questionnaire/export-questionnaire-xlsx.ts";
import { sampleQuestionnaire } from "../../src/engines/questionnaire/fixtures/sample-questionnaire.ts";
import { importQuestionnaireXlsx } from "../../src/engines/questionnaire/import-questionnaire-xlsx.ts";
import { parseQuestionnaire } from "../../src/engines/questionnaire/validate-questionnaire.ts";

/** Rewrites every size an archive declares (central directory and local headers) to `size`. */
function lieAboutSizes(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  for (let at = 0; at + 46 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
  }
  return out;
}

describe("archives that lie about their sizes", () => {
  it("stops inflating an XLSX whose sheet is far larger than declared, and says why", async () => {
    const zip = await JSZip.loadAsync(
      await exportQuestionnaireXlsx(parseQuestionnaire(sampleQuestionnaire())),
    );
    const sheet = Object.keys(zip.files).find((name) => name.startsWith("xl/worksheets/"));
    if (!sheet) throw new Error("the export has a worksheet");
    zip.file(sheet, `<?xml version="1.0"?><worksheet>${" ".repeat(120 * 1024 * 1024)}</worksheet>`);
    const bomb = await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 9 },
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const error = await importQuestionnaireXlsx(lieAboutSizes(bomb, 1000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WardenError);
    expect(error).toMatchObject({ code: "too_large" });
    expect((error as Error).message).toMatch(/XLSX archive inflates to more than/);
    // Generous: the point is that it stops at the limit instead of inflating everything.
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it("still imports an honest workbook", async () => {
    const definition = parseQuestionnaire(sampleQuestionnaire());
    expect(await importQuestionnaireXlsx(await exportQuestionnaireXlsx(definition))).toEqual(definition);
  });
});
