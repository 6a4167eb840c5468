import {
  type Answers,
  type AnswerValue,
  fileAnswerSchema,
  type Question,
  type Questionnaire,
} from "./questionnaire-schema.ts";
import { resolveVisibility } from "./resolve-visibility.ts";

export interface AnswerError {
  /** The question id, or null for a problem with the answers as a whole. */
  question: string | null;
  message: string;
}

export interface AnswerValidation {
  ok: boolean;
  errors: AnswerError[];
  /** The valid answers to shown questions, typed; invalid and hidden ones are left out. */
  accepted: Answers;
  /** Answers given to questions that are hidden by their condition: kept out of scoring. */
  ignored: string[];
  /** Shown, required questions still without an answer (errors only when `final`). */
  missing: string[];
  /** The questions shown for these answers, in order. */
  shown: string[];
}

/**
 * How a message names a question: its text, quoted and cut to a readable length, never its id (an
 * id is the template's internal key; the person answering only ever saw the text).
 *
 * @example
 * questionLabel(definition, "screenPrivacy"); // “Are privacy screens used on every screen …?”
 */
export function questionLabel(definition: Questionnaire, id: string | null): string {
  if (id === null) return "The answers";
  const question = definition.sections.flatMap((s) => s.questions).find((q) => q.id === id);
  if (!question) return `An unknown question (${id.slice(0, 60)})`;
  const text = question.text.trim();
  return `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;
}

/** Answer problems as one sentence list, each naming its question by its text. */
export function describeAnswerErrors(definition: Questionnaire, errors: readonly AnswerError[]): string {
  const shown = errors.slice(0, 20).map((e) => `${questionLabel(definition, e.question)} — ${e.message}`);
  const more = errors.length > 20 ? ` (and ${errors.length - 20} more)` : "";
  return `${shown.join("; ")}${more}`;
}

export const ANSWER_LIMITS = { textChars: 20_000, files: 20, answers: 2_000 } as const;

/**
 * Checks answers against a (validated) definition: the type of each answer (a number for number, an
 * ISO date, option ids that exist, "yes"/"no"), unknown questions, and, when `final`, that every
 * shown required question is answered. Answers to hidden conditional questions are ignored, and a
 * hidden question is never required.
 *
 * @example
 * const { ok, errors } = validateAnswers(definition, draft, { final: true });
 */
export function validateAnswers(
  definition: Questionnaire,
  answers: unknown,
  options: { final: boolean },
): AnswerValidation {
  const result: AnswerValidation = {
    ok: true,
    errors: [],
    accepted: {},
    ignored: [],
    missing: [],
    shown: [],
  };
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    result.errors.push({ question: null, message: "answers must be an object keyed by question id" });
    result.ok = false;
    return result;
  }
  const raw = answers as Record<string, unknown>;
  const keys = Object.keys(raw);
  if (keys.length > ANSWER_LIMITS.answers) {
    result.errors.push({
      question: null,
      message: `too many answers (${keys.length}); at most ${ANSWER_LIMITS.answers}`,
    });
    result.ok = false;
    return result;
  }
  const questions = new Map<string, Question>();
  for (const section of definition.sections) for (const q of section.questions) questions.set(q.id, q);
  for (const key of keys) {
    if (!questions.has(key)) result.errors.push({ question: key, message: `unknown question "${key}"` });
  }
  // Visibility is decided on the raw answers so that the vendor sees the same form the engine scores.
  const visible = resolveVisibility(definition, raw);
  for (const [id, question] of questions) {
    const value = Object.hasOwn(raw, id) ? raw[id] : undefined;
    const answered = !isEmpty(value);
    if (!visible.get(id)) {
      if (answered) result.ignored.push(id);
      continue;
    }
    result.shown.push(id);
    if (!answered) {
      if (question.required) {
        result.missing.push(id);
        if (options.final)
          result.errors.push({ question: id, message: "required: give an answer before submitting" });
      }
      continue;
    }
    const problem = checkValue(question, value);
    if (problem) result.errors.push({ question: id, message: problem });
    else result.accepted[id] = value as AnswerValue;
  }
  result.ok = result.errors.length === 0;
  return result;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

function checkValue(question: Question, value: unknown): string | undefined {
  const optionIds = new Set((question.options ?? []).map((o) => o.id));
  switch (question.type) {
    case "yes-no":
      return value === "yes" || value === "no" ? undefined : `expected "yes" or "no", got ${describe(value)}`;
    case "single-choice":
      if (typeof value !== "string") return `expected one option id, got ${describe(value)}`;
      return optionIds.has(value)
        ? undefined
        : `unknown option "${value}" (options: ${[...optionIds].join(", ")})`;
    case "multiple-choice": {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        return `expected a list of option ids, got ${describe(value)}`;
      }
      const unknown = value.filter((v) => !optionIds.has(v));
      if (unknown.length > 0) return `unknown option(s) ${unknown.map((v) => `"${v}"`).join(", ")}`;
      return new Set(value).size === value.length ? undefined : "an option is chosen twice";
    }
    case "text":
      if (typeof value !== "string") return `expected text, got ${describe(value)}`;
      return value.length <= ANSWER_LIMITS.textChars
        ? undefined
        : `text longer than ${ANSWER_LIMITS.textChars} characters`;
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `expected a number, got ${describe(value)}`;
    case "date":
      return typeof value === "string" && isIsoDate(value)
        ? undefined
        : `expected an ISO date (YYYY-MM-DD), got ${describe(value)}`;
    case "file": {
      if (!Array.isArray(value)) return `expected a list of attached files, got ${describe(value)}`;
      if (value.length > ANSWER_LIMITS.files) return `at most ${ANSWER_LIMITS.files} files`;
      for (const [i, file] of value.entries()) {
        const parsed = fileAnswerSchema.safeParse(file);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return `file ${i + 1}: ${issue ? `${issue.path.join(".") || "value"}: ${issue.message}` : "invalid"}`;
        }
      }
      return undefined;
    }
  }
}

/** A real calendar date in YYYY-MM-DD form (2025-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}
