import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import {
  type Questionnaire,
  type QuestionType,
  questionnaireSchema,
  questionTypeSchema,
} from "./questionnaire-schema.ts";

/** A problem in a definition, at a path such as `sections[1].questions[3].showIf.question`. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

export type DefinitionValidation =
  | { ok: true; questionnaire: Questionnaire; problems: [] }
  | { ok: false; problems: DefinitionProblem[] };

const MAX_QUESTIONS = 1000;
const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set(["single-choice", "multiple-choice"]);
const EXPECTED_KEYS: Record<QuestionType, readonly string[]> = {
  "yes-no": ["answer"],
  "single-choice": ["oneOf"],
  "multiple-choice": ["includes", "excludes"],
  number: ["min", "max"],
  date: ["notBefore", "notAfter", "maxAgeDays"],
  text: [],
  file: [],
};

/**
 * Checks a questionnaire definition: its shape, then its meaning (unique ids, options on choice
 * questions only, expected answers that fit the type and name existing options, `showIf` pointing
 * at an earlier yes-no or choice question with a valid value). Every problem is reported with its
 * path.
 *
 * @example
 * const result = validateQuestionnaire(JSON.parse(text));
 * if (!result.ok) console.log(result.problems);
 * // [{ path: "sections[1].questions[3].showIf.question", message: 'unknown question "q9"' }]
 */
export function validateQuestionnaire(input: unknown): DefinitionValidation {
  const parsed = questionnaireSchema.safeParse(input);
  const shapeProblems = parsed.success ? [] : parsed.error.issues.map(fromZodIssue);
  // Meaning is checked even when the shape is wrong, so that one pass reports every problem.
  const reported = new Set(shapeProblems.map((p) => p.path));
  const problems = [...shapeProblems, ...checkMeaning(input).filter((p) => !reported.has(p.path))];
  if (parsed.success && problems.length === 0) return { ok: true, questionnaire: parsed.data, problems: [] };
  return { ok: false, problems };
}

/** Like `validateQuestionnaire`, but returns the definition or throws WardenError("invalid_input") with every problem. */
export function parseQuestionnaire(input: unknown): Questionnaire {
  const result = validateQuestionnaire(input);
  if (result.ok) return result.questionnaire;
  throw definitionError(result.problems);
}

export function definitionError(
  problems: DefinitionProblem[],
  what = "Questionnaire definition",
): WardenError {
  const shown = problems
    .slice(0, 20)
    .map((p) => `${p.path}: ${p.message}`)
    .join("; ");
  const more = problems.length > 20 ? ` (and ${problems.length - 20} more)` : "";
  return new WardenError("invalid_input", `${what} is invalid: ${shown}${more}`, { problems });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || "(root)";
}

function fromZodIssue(issue: z.core.$ZodIssue): DefinitionProblem {
  return { path: formatPath(issue.path), message: issue.message };
}

// A tolerant reading of the definition: every field that has the wrong shape becomes undefined, so
// that the checks of meaning can run (and report) even while the schema still has complaints.
const text = z.string().optional().catch(undefined);
const texts = z.array(z.string().catch("")).optional().catch(undefined);
const num = z.number().optional().catch(undefined);
const looseExpected = z
  .union([
    z.literal("any"),
    z.object({
      answer: text,
      oneOf: texts,
      includes: texts,
      excludes: texts,
      min: num,
      max: num,
      notBefore: text,
      notAfter: text,
      maxAgeDays: num,
    }),
  ])
  .optional()
  .catch(undefined);
const looseQuestion = z
  .object({
    id: text,
    type: questionTypeSchema.optional().catch(undefined),
    options: z
      .array(z.object({ id: text }).catch({}))
      .optional()
      .catch(undefined),
    expected: looseExpected,
    showIf: z
      .object({ question: text, equals: text, in: texts, notEquals: text })
      .optional()
      .catch(undefined),
    scoring: z.object({ mode: text }).optional().catch(undefined),
  })
  .catch({});
const looseQuestionnaire = z
  .object({
    sections: z
      .array(
        z
          .object({ id: text, questions: z.array(looseQuestion).catch([]) })
          .catch({ id: undefined, questions: [] }),
      )
      .catch([]),
  })
  .catch({ sections: [] });
type LooseQuestion = z.infer<typeof looseQuestion>;
type LooseExpected = Exclude<z.infer<typeof looseExpected>, undefined>;

function checkMeaning(input: unknown): DefinitionProblem[] {
  const q = looseQuestionnaire.parse(input);
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const sectionIds = new Map<string, number>();
  const earlier = new Map<string, LooseQuestion>();
  const all = new Set<string>();
  for (const section of q.sections) {
    for (const question of section.questions) if (question.id) all.add(question.id);
  }
  let count = 0;

  q.sections.forEach((section, i) => {
    const sp = `sections[${i}]`;
    if (section.id !== undefined) {
      const dup = sectionIds.get(section.id);
      if (dup !== undefined) add(`${sp}.id`, `duplicate section id "${section.id}" (also sections[${dup}])`);
      else sectionIds.set(section.id, i);
    }

    section.questions.forEach((question, j) => {
      const qp = `${sp}.questions[${j}]`;
      count++;
      if (question.id !== undefined && earlier.has(question.id)) {
        add(`${qp}.id`, `duplicate question id "${question.id}"`);
      }
      const type = question.type;
      const optionIds = new Set<string>();
      question.options?.forEach((option, k) => {
        if (option.id === undefined) return;
        if (optionIds.has(option.id)) add(`${qp}.options[${k}].id`, `duplicate option id "${option.id}"`);
        optionIds.add(option.id);
      });
      if (type !== undefined) {
        const isChoice = CHOICE_TYPES.has(type);
        if (isChoice && (!question.options || question.options.length < 2)) {
          add(`${qp}.options`, `a ${type} question needs at least two options`);
        }
        if (!isChoice && question.options !== undefined)
          add(`${qp}.options`, `a ${type} question takes no options`);
        if (question.expected !== undefined)
          checkExpected(type, question.expected, optionIds, `${qp}.expected`, add);
        if (question.scoring?.mode !== undefined && type !== "multiple-choice") {
          add(`${qp}.scoring.mode`, "only multiple-choice questions have a scoring mode");
        }
      }
      if (question.showIf) checkShowIf(question, question.showIf, qp, earlier, all, add);
      if (question.id !== undefined) earlier.set(question.id, question);
    });
  });
  if (count > MAX_QUESTIONS) add("sections", `${count} questions; at most ${MAX_QUESTIONS} are allowed`);
  return problems;
}

function checkShowIf(
  question: LooseQuestion,
  sif: NonNullable<LooseQuestion["showIf"]>,
  qp: string,
  earlier: ReadonlyMap<string, LooseQuestion>,
  all: ReadonlySet<string>,
  add: (path: string, message: string) => void,
): void {
  const given = [sif.equals, sif.in, sif.notEquals].filter((v) => v !== undefined).length;
  if (given !== 1) add(`${qp}.showIf`, "give exactly one of equals, in or notEquals");
  if (sif.question === undefined) return;
  const target = earlier.get(sif.question);
  if (!target) {
    if (sif.question === question.id) add(`${qp}.showIf.question`, "a question cannot depend on itself");
    else if (all.has(sif.question)) {
      add(
        `${qp}.showIf.question`,
        `question "${sif.question}" comes later; a condition may only refer to an earlier question`,
      );
    } else add(`${qp}.showIf.question`, `unknown question "${sif.question}"`);
    return;
  }
  if (target.type === undefined) return;
  if (target.type !== "yes-no" && !CHOICE_TYPES.has(target.type)) {
    add(
      `${qp}.showIf.question`,
      `"${sif.question}" is a ${target.type} question; conditions need a yes-no or choice question`,
    );
    return;
  }
  const allowed =
    target.type === "yes-no"
      ? new Set(["yes", "no"])
      : new Set((target.options ?? []).map((o) => o.id).filter((id) => id !== undefined));
  const check = (value: string, path: string) => {
    if (!allowed.has(value)) {
      add(
        path,
        `"${value}" is not an answer of "${sif.question}" (expected one of ${[...allowed].join(", ")})`,
      );
    }
  };
  if (sif.equals !== undefined) check(sif.equals, `${qp}.showIf.equals`);
  if (sif.notEquals !== undefined) check(sif.notEquals, `${qp}.showIf.notEquals`);
  sif.in?.forEach((v, k) => {
    check(v, `${qp}.showIf.in[${k}]`);
  });
}

function checkExpected(
  type: QuestionType,
  expected: LooseExpected,
  optionIds: ReadonlySet<string>,
  path: string,
  add: (path: string, message: string) => void,
): void {
  if (expected === "any") return;
  const allowed = EXPECTED_KEYS[type];
  const given = Object.keys(expected).filter((k) => expected[k as keyof typeof expected] !== undefined);
  if (given.length === 0) add(path, `give the expected answer or "any"`);
  for (const key of given) {
    if (!allowed.includes(key)) {
      add(
        `${path}.${key}`,
        allowed.length === 0
          ? `${type} questions are graded by a reviewer; use "any"`
          : `not used by a ${type} question (use ${allowed.join(", ")})`,
      );
    }
  }
  const known = (list: readonly string[] | undefined, key: string) =>
    list?.forEach((id, k) => {
      if (!optionIds.has(id)) add(`${path}.${key}[${k}]`, `unknown option "${id}"`);
    });
  known(expected.oneOf, "oneOf");
  known(expected.includes, "includes");
  known(expected.excludes, "excludes");
  if (expected.includes && expected.excludes) {
    for (const id of expected.includes) {
      if (expected.excludes.includes(id))
        add(`${path}.excludes`, `option "${id}" is both included and excluded`);
    }
  }
  if (expected.min !== undefined && expected.max !== undefined && expected.min > expected.max) {
    add(`${path}.min`, `min ${expected.min} is above max ${expected.max}`);
  }
  if (expected.notBefore && expected.notAfter && expected.notBefore > expected.notAfter) {
    add(`${path}.notBefore`, `${expected.notBefore} is after notAfter ${expected.notAfter}`);
  }
}
