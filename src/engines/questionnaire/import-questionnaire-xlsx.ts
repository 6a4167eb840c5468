import type ExcelJS from "exceljs";
import { WardenError } from "../../domain/errors.ts";
import { formatBytes } from "../../domain/format-bytes.ts";
import { restoreSpreadsheetCell } from "../../domain/spreadsheet-cell.ts";
import { inflateZipEntries, readZipDirectory } from "../contracts/read-zip-directory.ts";
import { type WorkerLimits, workerEntry, workerRunner } from "../run-in-worker.ts";
import { MAX_IMPORT_BYTES } from "./questionnaire-json.ts";
import { type Questionnaire, questionTypeSchema } from "./questionnaire-schema.ts";
import { type DefinitionProblem, validateQuestionnaire } from "./validate-questionnaire.ts";
import {
  columnLetter,
  parseExpected,
  parseFlag,
  parseOptions,
  parseShowIf,
  QUESTION_COLUMNS,
  QUESTIONNAIRE_FIELDS,
  type QuestionColumnKey,
  SECTION_COLUMNS,
  SHEET,
} from "./xlsx-layout.ts";

/** A problem in an imported workbook, at a sheet, row and column (or at the workbook as a whole). */
export interface ImportProblem {
  /** Human-readable place, e.g. `Questions!J14`. */
  place: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

const MAX_ROWS = 2_000;
const MAX_CELL_CHARS = 20_000;

/** The most a workbook may really inflate to (a questionnaire needs far less). */
const MAX_INFLATED_BYTES = 50 * 1024 * 1024;

/** The time and heap one workbook may take to read: far more than any questionnaire needs. */
export const defaultXlsxImportLimits: WorkerLimits = { timeMs: 15_000, memoryBytes: 256 * 1024 * 1024 };

const importInWorker = workerRunner<Uint8Array, Questionnaire>(
  workerEntry(import.meta.url, "import-questionnaire-xlsx-worker"),
  "Reading the workbook",
);

/**
 * Reads a questionnaire from an XLSX workbook in Warden's layout (see `xlsx-layout.ts`). Returns the
 * whole definition or throws WardenError("invalid_input") whose `details.problems` lists every problem
 * with its sheet, row and column; nothing partial is returned. Files above 5 MiB, expanding beyond
 * 50 MiB or holding more than 2,000 rows per sheet are refused. The workbook is unpacked and parsed
 * in a worker thread with a hard time and heap limit (`limits`), so that a hostile one never holds
 * the caller's event loop; a workbook that overruns them is refused as unreadable (`invalid_input`,
 * `details.limit` naming the limit).
 *
 * @example
 * const definition = await importQuestionnaireXlsx(await readFile("questionnaire.xlsx"));
 */
export async function importQuestionnaireXlsx(
  bytes: Uint8Array,
  limits: WorkerLimits = defaultXlsxImportLimits,
): Promise<Questionnaire> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new WardenError(
      "too_large",
      `The workbook is ${bytes.byteLength} bytes; at most ${MAX_IMPORT_BYTES} are accepted.`,
    );
  }
  try {
    return await importInWorker(bytes, limits);
  } catch (error) {
    if (error instanceof WardenError && error.details?.limit) {
      // The workbook, not the server, is at fault: too many cells or strings for a questionnaire.
      const overrun =
        error.details.limit === "time"
          ? `took longer than ${Math.round(limits.timeMs / 1000)} s to read`
          : `needed more than ${formatBytes(limits.memoryBytes)} of memory to read`;
      throw new WardenError(
        "invalid_input",
        `The workbook ${overrun} and was stopped; a questionnaire needs far less. Check that this is the right file, or remove the sheets and cells that are not the questionnaire.`,
        { field: "file", limit: error.details.limit },
      );
    }
    throw error;
  }
}

/**
 * The body of the import worker: unpacks and parses a workbook in this thread (the size of the
 * file is checked by the caller).
 */
export async function importQuestionnaireXlsxHere(bytes: Uint8Array): Promise<Questionnaire> {
  // An XLSX is a ZIP, and a small one can expand to gigabytes: refuse what the directory declares
  // too large, then, since those sizes are only the sender's claim, inflate under the limit before
  // the workbook is parsed.
  const entries = readZipDirectory(bytes, 500, "XLSX");
  if (entries.reduce((sum, e) => sum + e.uncompressedSize, 0) > MAX_INFLATED_BYTES) {
    throw new WardenError(
      "too_large",
      `The workbook expands to more than ${MAX_INFLATED_BYTES} bytes; a questionnaire needs far less.`,
    );
  }
  inflateZipEntries(bytes, entries, MAX_INFLATED_BYTES, "XLSX");
  // exceljs is loaded by the first import, not by every process that can import.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  try {
    // exceljs's declared Buffer type predates Node's generic Buffer; the bytes are what it needs.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WardenError("invalid_input", `The file is not a readable XLSX workbook: ${message}`);
  }
  const reader = new WorkbookReader(workbook);
  const draft = reader.read();
  if (!draft) throw importError(reader.problems);
  const result = validateQuestionnaire(draft);
  const problems = [...reader.problems];
  if (!result.ok) {
    for (const problem of result.problems) {
      const mapped = reader.place(problem);
      // A row with an unreadable cell is already reported; its knock-on complaints would only confuse.
      const knockOn = problems.some(
        (p) => p.sheet === mapped.sheet && p.row !== undefined && p.row === mapped.row,
      );
      if (!knockOn) problems.push(mapped);
    }
  }
  if (problems.length > 0 || !result.ok) throw importError(problems);
  return result.questionnaire;
}

function importError(problems: ImportProblem[]): WardenError {
  const shown = problems
    .slice(0, 20)
    .map((p) => `${p.place}: ${p.message}`)
    .join("; ");
  const more = problems.length > 20 ? ` (and ${problems.length - 20} more)` : "";
  return new WardenError("invalid_input", `The workbook cannot be imported: ${shown}${more}`, { problems });
}

/** Reads the three sheets into a draft definition, collecting cell-level problems as it goes. */
class WorkbookReader {
  readonly problems: ImportProblem[] = [];
  private readonly fieldRows = new Map<string, number>();
  private readonly filledFields = new Set<string>();
  private readonly sectionRows: number[] = [];
  private readonly questionRows: number[][] = [];

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  read(): Record<string, unknown> | undefined {
    const about = this.sheet(SHEET.questionnaire);
    const sectionsSheet = this.sheet(SHEET.sections);
    const questionsSheet = this.sheet(SHEET.questions);
    if (!about || !sectionsSheet || !questionsSheet) return undefined;
    for (const sheet of [about, sectionsSheet, questionsSheet]) {
      if (sheet.rowCount > MAX_ROWS + 1) {
        this.add(
          sheet.name,
          undefined,
          undefined,
          `${sheet.rowCount} rows; at most ${MAX_ROWS} are accepted`,
        );
        return undefined;
      }
    }

    const draft: Record<string, unknown> = {};
    about.eachRow((_row, r) => {
      if (r === 1) return;
      const field = this.text(about, r, 1).trim();
      const value = this.text(about, r, 2);
      if (field === "" && value.trim() === "") return;
      if (!(QUESTIONNAIRE_FIELDS as readonly string[]).includes(field)) {
        this.add(
          about.name,
          r,
          "A",
          `unknown field "${field.slice(0, 40)}" (fields: ${QUESTIONNAIRE_FIELDS.join(", ")})`,
        );
        return;
      }
      if (this.fieldRows.has(field)) this.add(about.name, r, "A", `"${field}" is given twice`);
      this.fieldRows.set(field, r);
      if (value.trim() !== "") {
        draft[field] = value.trim();
        this.filledFields.add(field);
      }
    });

    const sectionCols = this.headers(sectionsSheet, SECTION_COLUMNS);
    const questionCols = this.headers(questionsSheet, QUESTION_COLUMNS);
    if (!sectionCols || !questionCols) return undefined;

    const sections: Record<string, unknown>[] = [];
    const sectionIndex = new Map<string, number>();
    sectionsSheet.eachRow((_row, r) => {
      if (r === 1) return;
      const cell = (key: string) => this.text(sectionsSheet, r, sectionCols.get(key)!);
      const id = cell("id").trim();
      if (id === "" && cell("title").trim() === "" && cell("description").trim() === "") return;
      const section: Record<string, unknown> = { id, title: cell("title").trim(), questions: [] };
      if (cell("description").trim() !== "") section.description = cell("description").trim();
      if (sectionIndex.has(id)) {
        this.add(sectionsSheet.name, r, columnLetter(sectionCols.get("id")!), `duplicate section id "${id}"`);
        return;
      }
      sectionIndex.set(id, sections.length);
      this.sectionRows.push(r);
      this.questionRows.push([]);
      sections.push(section);
    });
    draft.sections = sections;

    questionsSheet.eachRow((_row, r) => {
      if (r === 1) return;
      const col = (key: QuestionColumnKey) => questionCols.get(key)!;
      const cell = (key: QuestionColumnKey) => this.text(questionsSheet, r, col(key));
      if (QUESTION_COLUMNS.every((c) => cell(c.key).trim() === "")) return;
      const at = (key: QuestionColumnKey) => columnLetter(col(key));
      const sectionId = cell("section").trim();
      const s = sectionIndex.get(sectionId);
      if (s === undefined) {
        this.add(
          questionsSheet.name,
          r,
          at("section"),
          `unknown section "${sectionId.slice(0, 40)}" (list it in the ${SHEET.sections} sheet)`,
        );
        return;
      }
      const question: Record<string, unknown> = { id: cell("id").trim(), text: cell("text").trim() };
      if (cell("help").trim() !== "") question.help = cell("help").trim();
      const type = cell("type").trim().toLowerCase();
      if (!questionTypeSchema.safeParse(type).success) {
        this.add(
          questionsSheet.name,
          r,
          at("type"),
          `unknown type "${type.slice(0, 30)}" (types: ${questionTypeSchema.options.join(", ")})`,
        );
      } else question.type = type;
      const required = parseFlag(cell("required"));
      if ("error" in required) this.add(questionsSheet.name, r, at("required"), required.error);
      else question.required = required.value;
      const weightText = cell("weight").trim();
      if (weightText !== "") {
        const weight = Number(weightText);
        if (!Number.isFinite(weight))
          this.add(questionsSheet.name, r, at("weight"), `"${weightText.slice(0, 20)}" is not a number`);
        else question.weight = weight;
      }
      const options = parseOptions(cell("options"));
      if ("error" in options) this.add(questionsSheet.name, r, at("options"), options.error);
      else if (options.value) question.options = options.value;
      const expected = parseExpected(cell("expected"));
      if ("error" in expected) this.add(questionsSheet.name, r, at("expected"), expected.error);
      else question.expected = expected.value;
      const showIf = parseShowIf(cell("showIf"));
      if ("error" in showIf) this.add(questionsSheet.name, r, at("showIf"), showIf.error);
      else if (showIf.value) question.showIf = showIf.value;
      const scoring: Record<string, unknown> = {};
      const critical = parseFlag(cell("critical"));
      if ("error" in critical) this.add(questionsSheet.name, r, at("critical"), critical.error);
      else if (critical.value) scoring.critical = true;
      const mode = cell("mode").trim().toLowerCase();
      if (mode !== "") {
        if (mode === "all-or-nothing" || mode === "proportional") scoring.mode = mode;
        else
          this.add(
            questionsSheet.name,
            r,
            at("mode"),
            `"${mode.slice(0, 20)}": use all-or-nothing or proportional`,
          );
      }
      if (Object.keys(scoring).length > 0) question.scoring = scoring;
      (sections[s]!.questions as unknown[]).push(question);
      this.questionRows[s]!.push(r);
    });
    return draft;
  }

  /** Maps a definition path (`sections[1].questions[3].showIf.question`) back to its cell. */
  place(problem: DefinitionProblem): ImportProblem {
    const q = /^sections\[(\d+)\]\.questions\[(\d+)\](?:\.([A-Za-z]+))?(?:[.[].*)?$/.exec(problem.path);
    if (q) {
      const row = this.questionRows[Number(q[1])]?.[Number(q[2])];
      const field = q[3];
      const key = field === "scoring" ? (problem.path.includes("mode") ? "mode" : "critical") : field;
      const index = QUESTION_COLUMNS.findIndex((c) => c.key === key);
      const column = index >= 0 ? columnLetter(index + 1) : undefined;
      return this.problem(SHEET.questions, row, column, problem.message);
    }
    const s = /^sections\[(\d+)\](?:\.([A-Za-z]+))?/.exec(problem.path);
    if (s) {
      const row = this.sectionRows[Number(s[1])];
      const index = SECTION_COLUMNS.findIndex((c) => c.key === s[2]);
      if (s[2] === "questions")
        return this.problem(
          SHEET.sections,
          row,
          "A",
          `section has no questions in the ${SHEET.questions} sheet`,
        );
      return this.problem(
        SHEET.sections,
        row,
        index >= 0 ? columnLetter(index + 1) : undefined,
        problem.message,
      );
    }
    const field = /^([A-Za-z]+)/.exec(problem.path)?.[1];
    if (field === "sections") return this.problem(SHEET.sections, undefined, undefined, problem.message);
    if (field && (QUESTIONNAIRE_FIELDS as readonly string[]).includes(field)) {
      const row = this.fieldRows.get(field);
      const empty = !this.filledFields.has(field);
      const message = empty ? (row ? `${field} is empty` : `the ${field} row is missing`) : problem.message;
      return this.problem(SHEET.questionnaire, row, row ? "B" : undefined, message);
    }
    return { place: "(workbook)", message: `${problem.path}: ${problem.message}` };
  }

  private problem(
    sheet: string,
    row: number | undefined,
    column: string | undefined,
    message: string,
  ): ImportProblem {
    const place = row === undefined ? sheet : `${sheet}!${column ?? ""}${row}`;
    const out: ImportProblem = { place, sheet, message };
    if (row !== undefined) out.row = row;
    if (column !== undefined) out.column = column;
    return out;
  }

  private add(sheet: string, row: number | undefined, column: string | undefined, message: string): void {
    const problem = this.problem(sheet, row, column, message);
    if (!this.problems.some((p) => p.place === problem.place && p.message === message))
      this.problems.push(problem);
  }

  private sheet(name: string): ExcelJS.Worksheet | undefined {
    const found = this.workbook.worksheets.find((w) => w.name.trim().toLowerCase() === name.toLowerCase());
    if (!found) this.problems.push({ place: "(workbook)", message: `missing sheet "${name}"` });
    return found;
  }

  private headers(
    sheet: ExcelJS.Worksheet,
    columns: readonly { key: string; header: string }[],
  ): Map<string, number> | undefined {
    const found = new Map<string, number>();
    const row = sheet.getRow(1);
    for (let c = 1; c <= Math.min(row.cellCount, 50); c++) {
      const header = this.text(sheet, 1, c).trim().toLowerCase();
      const column = columns.find((col) => col.header.toLowerCase() === header);
      if (column && !found.has(column.key)) found.set(column.key, c);
    }
    const missing = columns.filter((c) => !found.has(c.key));
    for (const column of missing)
      this.add(sheet.name, 1, undefined, `missing column "${column.header}" in the header row`);
    return missing.length === 0 ? found : undefined;
  }

  private text(sheet: ExcelJS.Worksheet, row: number, column: number): string {
    const value = restoreSpreadsheetCell(cellText(sheet.getRow(row).getCell(column).value));
    if (value.length > MAX_CELL_CHARS) {
      this.add(sheet.name, row, columnLetter(column), `cell longer than ${MAX_CELL_CHARS} characters`);
      return "";
    }
    return value;
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
  }
  return "";
}
