import type { Expected, QuestionOption, QuestionType, ShowIf } from "./questionnaire-schema.ts";

/**
 * The XLSX layout of a questionnaire, shared by export and import. Three sheets:
 *
 * - "Questionnaire": two columns, Field and Value, with rows id, version, title, description.
 * - "Sections": one row per section: ID, Title, Description, in order.
 * - "Questions": one row per question, in order, with the ID of its section in the first column
 *   (one sheet with a section column is easier to filter, sort back and review than a sheet per section).
 *
 * Cell syntax in "Questions":
 * - Options: one option per line, `id: label`, optionally ending with a score in brackets: `iso: ISO 27001 [0.6]`.
 * - Expected: `any` (or empty); `yes` / `no` for yes-no; otherwise `key: value` pairs separated by `;`:
 *   `one of: a, b` · `includes: a, b; excludes: c` · `min: 0; max: 24` · `not before: 2025-01-01; not after: …; max age days: 400`.
 * - Show if: `question = value`, `question != value` or `question in a, b`.
 * - Required and Critical: `yes` or empty. Scoring mode: empty, `all-or-nothing` or `proportional`.
 */
export const SHEET = {
  questionnaire: "Questionnaire",
  sections: "Sections",
  questions: "Questions",
} as const;

export const QUESTIONNAIRE_FIELDS = ["id", "version", "title", "description"] as const;

export const SECTION_COLUMNS = [
  { key: "id", header: "ID", width: 18 },
  { key: "title", header: "Title", width: 40 },
  { key: "description", header: "Description", width: 60 },
] as const;

export const QUESTION_COLUMNS = [
  { key: "section", header: "Section", width: 16 },
  { key: "id", header: "ID", width: 24 },
  { key: "text", header: "Question", width: 60 },
  { key: "help", header: "Help", width: 40 },
  { key: "type", header: "Type", width: 16 },
  { key: "required", header: "Required", width: 10 },
  { key: "weight", header: "Weight", width: 8 },
  { key: "options", header: "Options", width: 44 },
  { key: "expected", header: "Expected", width: 32 },
  { key: "showIf", header: "Show if", width: 28 },
  { key: "critical", header: "Critical", width: 9 },
  { key: "mode", header: "Scoring mode", width: 15 },
] as const;

export type QuestionColumnKey = (typeof QUESTION_COLUMNS)[number]["key"];

/** Spreadsheet column letter for a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let out = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

export function formatOptions(options: readonly QuestionOption[] | undefined): string {
  return (options ?? [])
    .map((o) => `${o.id}: ${o.label}${o.score !== undefined ? ` [${o.score}]` : ""}`)
    .join("\n");
}

type Parsed<T> = { value: T } | { error: string };

export function parseOptions(text: string): Parsed<QuestionOption[] | undefined> {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0) return { value: undefined };
  const options: QuestionOption[] = [];
  for (const [i, line] of lines.entries()) {
    const match = /^([^:\s]+)\s*:\s*(.+?)(?:\s*\[\s*([0-9]*\.?[0-9]+)\s*\])?$/.exec(line);
    if (!match) return { error: `line ${i + 1} "${line.slice(0, 60)}": write each option as "id: label"` };
    const option: QuestionOption = { id: match[1]!, label: match[2]! };
    if (match[3] !== undefined) option.score = Number(match[3]);
    options.push(option);
  }
  return { value: options };
}

const EXPECTED_KEYS: Record<string, keyof Exclude<Expected, "any">> = {
  answer: "answer",
  "one of": "oneOf",
  includes: "includes",
  excludes: "excludes",
  min: "min",
  max: "max",
  "not before": "notBefore",
  "not after": "notAfter",
  "max age days": "maxAgeDays",
};
const LIST_KEYS = new Set(["oneOf", "includes", "excludes"]);
const NUMBER_KEYS = new Set(["min", "max", "maxAgeDays"]);

export function formatExpected(expected: Expected, type: QuestionType): string {
  if (expected === "any") return "any";
  if (type === "yes-no" && expected.answer) return expected.answer;
  const parts: string[] = [];
  for (const [label, key] of Object.entries(EXPECTED_KEYS)) {
    const value = expected[key];
    if (value === undefined) continue;
    parts.push(`${label}: ${Array.isArray(value) ? value.join(", ") : String(value)}`);
  }
  return parts.join("; ");
}

export function parseExpected(text: string): Parsed<Expected> {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.toLowerCase() === "any") return { value: "any" };
  if (/^(yes|no)$/i.test(trimmed)) return { value: { answer: trimmed.toLowerCase() as "yes" | "no" } };
  const out: Record<string, unknown> = {};
  for (const part of trimmed
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const match = /^([a-z ]+?)\s*:\s*(.*)$/i.exec(part);
    const key = match ? EXPECTED_KEYS[match[1]!.toLowerCase()] : undefined;
    if (!match || !key) {
      return {
        error: `"${part.slice(0, 60)}": use any, yes, no, or key: value with keys ${Object.keys(EXPECTED_KEYS).join(", ")}`,
      };
    }
    const raw = match[2]!.trim();
    if (LIST_KEYS.has(key))
      out[key] = raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    else if (NUMBER_KEYS.has(key)) {
      const n = Number(raw);
      if (raw === "" || !Number.isFinite(n)) return { error: `${match[1]}: "${raw}" is not a number` };
      out[key] = n;
    } else out[key] = key === "answer" ? raw.toLowerCase() : raw;
  }
  return { value: out as Expected };
}

export function formatShowIf(showIf: ShowIf | undefined): string {
  if (!showIf) return "";
  if (showIf.equals !== undefined) return `${showIf.question} = ${showIf.equals}`;
  if (showIf.notEquals !== undefined) return `${showIf.question} != ${showIf.notEquals}`;
  return `${showIf.question} in ${(showIf.in ?? []).join(", ")}`;
}

export function parseShowIf(text: string): Parsed<ShowIf | undefined> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined };
  const match = /^([A-Za-z][A-Za-z0-9_.-]*)\s*(!=|=|\sin\s)\s*(.+)$/.exec(trimmed);
  if (!match)
    return {
      error: `"${trimmed.slice(0, 60)}": write "question = value", "question != value" or "question in a, b"`,
    };
  const question = match[1]!;
  const op = match[2]!.trim();
  const value = match[3]!.trim();
  if (op === "=") return { value: { question, equals: value } };
  if (op === "!=") return { value: { question, notEquals: value } };
  return {
    value: {
      question,
      in: value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    },
  };
}

export function parseFlag(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "no" || t === "false" || t === "n") return { value: false };
  if (t === "yes" || t === "true" || t === "y" || t === "x") return { value: true };
  return { error: `"${text.slice(0, 20)}": write yes or leave empty` };
}
