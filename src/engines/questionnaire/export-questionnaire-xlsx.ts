import { neutraliseSpreadsheetCell } from "../../domain/spreadsheet-cell.ts";
import type { Questionnaire } from "./questionnaire-schema.ts";
import {
  formatExpected,
  formatOptions,
  formatShowIf,
  QUESTION_COLUMNS,
  QUESTIONNAIRE_FIELDS,
  type QuestionColumnKey,
  SECTION_COLUMNS,
  SHEET,
} from "./xlsx-layout.ts";

/**
 * Writes a questionnaire definition as an XLSX workbook (layout in `xlsx-layout.ts`) that
 * `importQuestionnaireXlsx` reads back to the same definition. A cell that a spreadsheet
 * would take for a formula is written as text (`neutraliseSpreadsheetCell`).
 *
 * @example
 * await writeFile("ip-handling.xlsx", await exportQuestionnaireXlsx(loadBuiltInQuestionnaire("ip-handling")));
 */
export async function exportQuestionnaireXlsx(questionnaire: Questionnaire): Promise<Buffer> {
  // exceljs is loaded by the first export, not by every process that can export.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  workbook.creator = "Warden";

  const about = workbook.addWorksheet(SHEET.questionnaire);
  about.columns = [
    { header: "Field", key: "field", width: 14 },
    { header: "Value", key: "value", width: 80 },
  ];
  for (const field of QUESTIONNAIRE_FIELDS) {
    const value = questionnaire[field];
    if (value !== undefined) about.addRow({ field, value });
  }

  const sections = workbook.addWorksheet(SHEET.sections);
  sections.columns = SECTION_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const section of questionnaire.sections) {
    sections.addRow({ id: section.id, title: section.title, description: section.description ?? "" });
  }

  const questions = workbook.addWorksheet(SHEET.questions, { views: [{ state: "frozen", ySplit: 1 }] });
  questions.columns = QUESTION_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const section of questionnaire.sections) {
    for (const q of section.questions) {
      const row: Record<QuestionColumnKey, string | number> = {
        section: section.id,
        id: q.id,
        text: q.text,
        help: q.help ?? "",
        type: q.type,
        required: q.required ? "yes" : "",
        weight: q.weight,
        options: formatOptions(q.options),
        expected: formatExpected(q.expected, q.type),
        showIf: formatShowIf(q.showIf),
        critical: q.scoring?.critical ? "yes" : "",
        mode: q.scoring?.mode ?? "",
      };
      questions.addRow(row);
    }
  }
  for (const sheet of [about, sections, questions]) {
    sheet.getRow(1).font = { bold: true };
    sheet.eachRow((row) => {
      row.alignment = { vertical: "top", wrapText: true };
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = neutraliseSpreadsheetCell(cell.value);
      });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
