import JSZip from "jszip";
import { exportQuestionnaireXlsx } from "../../src/engines/questionnaire/export-questionnaire-xlsx.ts";
import { sampleQuestionnaire } from "../../src/engines/questionnaire/fixtures/sample-questionnaire.ts";
import { parseQuestionnaire } from "../../src/engines/questionnaire/validate-questionnaire.ts";

/**
 * A questionnaire workbook whose questions sheet holds `rows` × 26 cells and whose shared-strings
 * table holds `strings` entries: small on the wire (it compresses well) and honest about its sizes,
 * within the import's archive limits, but a spreadsheet library builds an object for every cell and
 * string, so reading it costs far more time and memory than a questionnaire ever needs.
 */
export async function manyCellsXlsx(rows: number, strings: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await exportQuestionnaireXlsx(parseQuestionnaire(sampleQuestionnaire())));
  const sheet = Object.keys(zip.files).find((name) => /^xl\/worksheets\/sheet3\.xml$/.test(name));
  if (!sheet) throw new Error("the export has a third worksheet");
  const columns = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const cells: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < columns.length; c++) row += `<c r="${columns[c]}${r}" t="s"><v>${c}</v></c>`;
    cells.push(`${row}</row>`);
  }
  zip.file(
    sheet,
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells.join("")}</sheetData></worksheet>`,
  );
  const table: string[] = [];
  for (let i = 0; i < strings; i++) table.push("<si><t>Confidential</t></si>");
  zip.file(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings}" uniqueCount="${strings}">${table.join("")}</sst>`,
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
}
