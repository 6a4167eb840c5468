import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { WardenError } from "../../domain/errors.ts";
import { loadBuiltInQuestionnaire } from "./built-in-questionnaires.ts";
import { exportQuestionnaireXlsx } from "./export-questionnaire-xlsx.ts";
import { sampleQuestionnaire } from "./fixtures/sample-questionnaire.ts";
import { type ImportProblem, importQuestionnaireXlsx } from "./import-questionnaire-xlsx.ts";
import { parseQuestionnaire } from "./validate-questionnaire.ts";

async function importFailure(bytes: Uint8Array): Promise<WardenError> {
  try {
    await importQuestionnaireXlsx(bytes);
  } catch (error) {
    if (error instanceof WardenError) return error;
    throw error;
  }
  throw new Error("expected the import to fail");
}

async function edit(bytes: Buffer, change: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("XLSX import and export", () => {
  it("round-trips the built-in and the sample questionnaire", async () => {
    for (const definition of [
      loadBuiltInQuestionnaire("ip-handling"),
      parseQuestionnaire(sampleQuestionnaire()),
    ]) {
      const bytes = await exportQuestionnaireXlsx(definition);
      expect(await importQuestionnaireXlsx(bytes)).toEqual(definition);
    }
  });

  it("lays out one row per question with its section, readable cells and the three sheets", async () => {
    const bytes = await exportQuestionnaireXlsx(parseQuestionnaire(sampleQuestionnaire()));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Questionnaire", "Sections", "Questions"]);
    const questions = workbook.getWorksheet("Questions")!;
    expect(questions.rowCount).toBe(1 + 11);
    const seating = questions.getRow(3);
    expect(seating.getCell(1).value).toBe("people");
    expect(seating.getCell(8).value).toBe(
      "closed: Closed room [1]\nzoned: Zoned floor, marked [0.5]\nopen: Open floor [0]",
    );
    expect(questions.getRow(9).getCell(10).value).toBe("subsFlowDown in yes, no");
    expect(questions.getRow(4).getCell(9).value).toBe("includes: conf, nonsolicit; excludes: none");
  });

  it("reports every problem of a malformed workbook with its sheet, row and column, and imports nothing", async () => {
    const good = await exportQuestionnaireXlsx(parseQuestionnaire(sampleQuestionnaire()));
    const bad = await edit(good, (workbook) => {
      const questions = workbook.getWorksheet("Questions")!;
      questions.getRow(2).getCell(5).value = "essay"; // type
      questions.getRow(3).getCell(9).value = "between: 1 and 2"; // expected syntax
      questions.getRow(5).getCell(1).value = "nowhere"; // section
      questions.getRow(9).getCell(10).value = "q9 = yes"; // showIf to an unknown question
      questions.getRow(6).getCell(7).value = "heavy"; // weight
      questions.getRow(4).getCell(8).value = "conf Confidentiality"; // option without "id:"
      workbook.getWorksheet("Questionnaire")!.getRow(4).getCell(2).value = ""; // title
    });
    const error = await importFailure(bad);
    expect(error.code).toBe("invalid_input");
    const problems = error.details?.problems as ImportProblem[];
    const places = problems.map((p) => p.place);
    expect(places).toEqual(
      expect.arrayContaining([
        "Questions!E2",
        "Questions!I3",
        "Questions!A5",
        "Questions!J9",
        "Questions!G6",
        "Questions!H4",
      ]),
    );
    expect(problems.find((p) => p.place === "Questions!J9")?.message).toBe('unknown question "q9"');
    expect(problems.find((p) => p.place === "Questions!E2")).toMatchObject({
      sheet: "Questions",
      row: 2,
      column: "E",
    });
    expect(problems).toContainEqual({
      place: "Questionnaire!B4",
      sheet: "Questionnaire",
      row: 4,
      column: "B",
      message: "title is empty",
    });
    // The options cell of row 4 could not be read: no second complaint about that question's missing options.
    expect(problems.filter((p) => p.row === 4 && p.sheet === "Questions")).toHaveLength(1);
  });

  it("reports a missing sheet and missing header columns", async () => {
    const good = await exportQuestionnaireXlsx(parseQuestionnaire(sampleQuestionnaire()));
    const noSections = await edit(good, (workbook) =>
      workbook.removeWorksheet(workbook.getWorksheet("Sections")!.id),
    );
    expect((await importFailure(noSections)).message).toContain('missing sheet "Sections"');
    const noType = await edit(good, (workbook) => {
      workbook.getWorksheet("Questions")!.getRow(1).getCell(5).value = "Kind";
    });
    expect((await importFailure(noType)).message).toContain('Questions!1: missing column "Type"');
  });

  it("refuses files that are not workbooks and archives that expand too far", async () => {
    expect((await importFailure(Buffer.from("id,text\nq1,Hello\n"))).code).toBe("invalid_input");
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/bomb.xml", Buffer.alloc(51 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect((await importFailure(bomb)).code).toBe("too_large");
  });
});
