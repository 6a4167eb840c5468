import { z } from "zod";

/** Ids of questionnaires, sections, questions and options: short, stable, safe in a URL or a cell. */
export const idSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/,
    "expected an id of letters, digits, '_', '-' or '.', starting with a letter",
  );

export const questionTypeSchema = z.enum([
  "yes-no",
  "single-choice",
  "multiple-choice",
  "text",
  "number",
  "date",
  "file",
]);
export type QuestionType = z.infer<typeof questionTypeSchema>;

export const isoDateSchema = z.iso.date("expected an ISO date (YYYY-MM-DD)");

export const optionSchema = z.strictObject({
  id: idSchema,
  label: z.string().trim().min(1).max(500),
  /** Credit (0..1 of the question's weight) for choosing this option; overrides `expected`. */
  score: z.number().min(0).max(1).optional(),
});
export type QuestionOption = z.infer<typeof optionSchema>;

/**
 * What a good answer looks like. One shape for every type so that a misplaced key is reported by
 * name: yes-no uses `answer`; single-choice `oneOf`; multiple-choice `includes`/`excludes`; number
 * `min`/`max`; date `notBefore`/`notAfter`/`maxAgeDays`. `"any"` means the answer is not scored
 * automatically (text and file questions are graded by a reviewer).
 */
export const expectedSchema = z.union([
  z.literal("any"),
  z.strictObject({
    answer: z.enum(["yes", "no"]).optional(),
    oneOf: z.array(idSchema).min(1).max(100).optional(),
    includes: z.array(idSchema).max(100).optional(),
    excludes: z.array(idSchema).max(100).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    notBefore: isoDateSchema.optional(),
    notAfter: isoDateSchema.optional(),
    maxAgeDays: z.number().int().min(0).max(36_500).optional(),
  }),
]);
export type Expected = z.infer<typeof expectedSchema>;

/** Show a question only when an earlier yes-no or choice question was answered a certain way. */
export const showIfSchema = z.strictObject({
  question: idSchema,
  equals: idSchema.optional(),
  in: z.array(idSchema).min(1).max(100).optional(),
  notEquals: idSchema.optional(),
});
export type ShowIf = z.infer<typeof showIfSchema>;

export const scoringSchema = z.strictObject({
  /** An answer short of the expected one is reported as a critical finding, whatever the total. */
  critical: z.boolean().optional(),
  /** Multiple-choice: all conditions or nothing (default), or credit per condition met. */
  mode: z.enum(["all-or-nothing", "proportional"]).optional(),
});
export type Scoring = z.infer<typeof scoringSchema>;

export const questionSchema = z.strictObject({
  id: idSchema,
  text: z.string().trim().min(1).max(2000),
  help: z.string().max(4000).optional(),
  type: questionTypeSchema,
  options: z.array(optionSchema).max(100).optional(),
  required: z.boolean().default(false),
  weight: z.number().min(0).max(100).default(1),
  expected: expectedSchema.default("any"),
  showIf: showIfSchema.optional(),
  scoring: scoringSchema.optional(),
});
export type Question = z.infer<typeof questionSchema>;

export const sectionSchema = z.strictObject({
  id: idSchema,
  title: z.string().trim().min(1).max(300),
  description: z.string().max(4000).optional(),
  questions: z.array(questionSchema).min(1).max(500),
});
export type Section = z.infer<typeof sectionSchema>;

export const questionnaireSchema = z.strictObject({
  id: idSchema,
  version: z.string().trim().min(1).max(32),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(4000).optional(),
  sections: z.array(sectionSchema).min(1).max(100),
});
/** A questionnaire definition as parsed (defaults applied); validate it with `validateQuestionnaire`. */
export type Questionnaire = z.infer<typeof questionnaireSchema>;
/** A questionnaire definition as written (defaults may be left out). */
export type QuestionnaireInput = z.input<typeof questionnaireSchema>;

export const fileAnswerSchema = z.strictObject({
  name: z.string().min(1).max(255),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "expected a lower-case hex SHA-256"),
  size: z.number().int().min(0),
  mediaType: z.string().max(255).optional(),
});
export type FileAnswer = z.infer<typeof fileAnswerSchema>;

/**
 * An answer, by question type: "yes"/"no"; an option id; option ids; text; a number; an ISO date;
 * or the files attached (stored elsewhere, referenced by SHA-256).
 */
export type AnswerValue = string | number | string[] | FileAnswer[];
export type Answers = Record<string, AnswerValue>;

/** A reviewer's grade for a question: credit from 0 to 1, optionally with a note. */
export type Grade = number | { score: number; note?: string };
export type Grades = Record<string, Grade>;
