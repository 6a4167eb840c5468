import { WardenError } from "../../domain/errors.ts";
import type { Answers, Grade, Grades, Question, Questionnaire } from "./questionnaire-schema.ts";
import { questionLabel, validateAnswers } from "./validate-answers.ts";

export interface ScoreReason {
  question: string;
  section: string;
  points: number;
  max: number;
  why: string;
}

export interface SectionScore {
  section: string;
  title: string;
  points: number;
  maxPoints: number;
  /** 0..100, or null when nothing in the section is scored yet. */
  score: number | null;
}

export interface ExcludedQuestion {
  question: string;
  why: "hidden" | "awaiting review" | "not scored";
}

export interface QuestionnaireScore {
  /** 0..100, or null when no question is scored (for example only ungraded text questions). */
  score: number | null;
  points: number;
  maxPoints: number;
  bySection: SectionScore[];
  reasons: ScoreReason[];
  excluded: ExcludedQuestion[];
  /** Questions marked critical whose answer fell short, whatever the total. */
  criticalFindings: { question: string; why: string }[];
}

export interface ScoreOptions {
  /** Reviewer grades (0..1 of the weight) by question id: required for text and file questions, and override the automatic score elsewhere. */
  grades?: Grades;
  /** The date `maxAgeDays` is measured from; default today. */
  now?: Date;
}

/**
 * Scores answers against a (validated) definition, explaining every point. Hidden questions are left
 * out; unanswered shown questions score 0; text and file questions count only once a reviewer has
 * graded them; questions whose expected answer is "any" (and whose options carry no scores) are not
 * scored.
 *
 * @example
 * const result = scoreQuestionnaire(definition, answers, { grades: { incidentDetails: 0.5 } });
 * result.score;      // 72.5
 * result.reasons[0]; // { question: "ndaForAllStaff", points: 3, max: 3, why: 'expected "yes", answered "yes"' }
 */
export function scoreQuestionnaire(
  definition: Questionnaire,
  answers: unknown,
  options: ScoreOptions = {},
): QuestionnaireScore {
  const grades = checkGrades(definition, options.grades ?? {});
  const now = options.now ?? new Date();
  const validation = validateAnswers(definition, answers, { final: false });
  const whole = validation.errors.find((e) => e.question === null);
  if (whole) throw new WardenError("invalid_input", `Cannot score: ${whole.message}.`);
  const invalid = new Map(
    validation.errors.filter((e) => e.question).map((e) => [e.question as string, e.message]),
  );
  const shown = new Set(validation.shown);

  const result: QuestionnaireScore = {
    score: null,
    points: 0,
    maxPoints: 0,
    bySection: [],
    reasons: [],
    excluded: [],
    criticalFindings: [],
  };
  for (const section of definition.sections) {
    const sectionScore: SectionScore = {
      section: section.id,
      title: section.title,
      points: 0,
      maxPoints: 0,
      score: null,
    };
    for (const question of section.questions) {
      if (!shown.has(question.id)) {
        result.excluded.push({ question: question.id, why: "hidden" });
        continue;
      }
      const outcome = scoreOne(
        question,
        validation.accepted,
        invalid.get(question.id),
        Object.hasOwn(grades, question.id) ? grades[question.id] : undefined,
        now,
      );
      if (outcome === "awaiting review" || outcome === "not scored") {
        result.excluded.push({ question: question.id, why: outcome });
        continue;
      }
      if (question.weight === 0) {
        result.excluded.push({ question: question.id, why: "not scored" });
        continue;
      }
      const points = round(question.weight * outcome.credit);
      result.reasons.push({
        question: question.id,
        section: section.id,
        points,
        max: question.weight,
        why: outcome.why,
      });
      sectionScore.points += points;
      sectionScore.maxPoints += question.weight;
      if (question.scoring?.critical && outcome.credit < 1) {
        result.criticalFindings.push({ question: question.id, why: outcome.why });
      }
    }
    sectionScore.points = round(sectionScore.points);
    sectionScore.score = percent(sectionScore.points, sectionScore.maxPoints);
    result.points += sectionScore.points;
    result.maxPoints += sectionScore.maxPoints;
    result.bySection.push(sectionScore);
  }
  result.points = round(result.points);
  result.maxPoints = round(result.maxPoints);
  result.score = percent(result.points, result.maxPoints);
  return result;
}

type Outcome = { credit: number; why: string } | "awaiting review" | "not scored";

function scoreOne(
  question: Question,
  accepted: Answers,
  invalidMessage: string | undefined,
  grade: Grade | undefined,
  now: Date,
): Outcome {
  if (grade !== undefined) {
    const { score, note } = typeof grade === "number" ? { score: grade, note: undefined } : grade;
    return { credit: score, why: `reviewer grade ${score}${note ? `: ${note}` : ""}` };
  }
  if (question.type === "text" || question.type === "file") return "awaiting review";
  const optionScores = (question.options ?? []).some((o) => o.score !== undefined);
  if (question.expected === "any" && !optionScores) return "not scored";
  if (invalidMessage) return { credit: 0, why: `invalid answer: ${invalidMessage}` };
  const value = Object.hasOwn(accepted, question.id) ? accepted[question.id] : undefined;
  if (value === undefined) return { credit: 0, why: "not answered" };
  const expected = question.expected === "any" ? {} : question.expected;
  const label = (id: string) => question.options?.find((o) => o.id === id)?.label ?? id;

  switch (question.type) {
    case "yes-no":
      return value === expected.answer
        ? { credit: 1, why: `expected "${expected.answer}", answered "${value}"` }
        : { credit: 0, why: `expected "${expected.answer}", answered "${String(value)}"` };
    case "single-choice": {
      const chosen = String(value);
      const option = question.options?.find((o) => o.id === chosen);
      if (option?.score !== undefined) {
        return {
          credit: option.score,
          why: `answered "${label(chosen)}" (worth ${option.score} of the weight)`,
        };
      }
      if (optionScores && !expected.oneOf)
        return { credit: 0, why: `answered "${label(chosen)}" (worth nothing)` };
      const good = expected.oneOf ?? [];
      return good.includes(chosen)
        ? { credit: 1, why: `answered "${label(chosen)}", an expected answer` }
        : {
            credit: 0,
            why: `answered "${label(chosen)}"; expected ${good.map((id) => `"${label(id)}"`).join(" or ")}`,
          };
    }
    case "multiple-choice": {
      const chosen = value as string[];
      if (optionScores) {
        const sum = chosen.reduce(
          (acc, id) => acc + (question.options?.find((o) => o.id === id)?.score ?? 0),
          0,
        );
        const credit = Math.min(1, sum);
        return { credit, why: `chose ${list(chosen.map(label))}, worth ${round(credit)} of the weight` };
      }
      const met: string[] = [];
      const unmet: string[] = [];
      for (const id of expected.includes ?? [])
        (chosen.includes(id) ? met : unmet).push(`"${label(id)}" chosen`);
      for (const id of expected.excludes ?? [])
        (chosen.includes(id) ? unmet : met).push(`"${label(id)}" not chosen`);
      const total = met.length + unmet.length;
      if (total === 0) return "not scored";
      const credit =
        question.scoring?.mode === "proportional" ? met.length / total : unmet.length === 0 ? 1 : 0;
      const why =
        unmet.length === 0
          ? `all ${total} conditions met`
          : `${met.length} of ${total} conditions met; not met: ${unmet.join(", ")}`;
      return { credit, why };
    }
    case "number": {
      const n = value as number;
      const low = expected.min;
      const high = expected.max;
      const range = `${low ?? "-∞"}..${high ?? "∞"}`;
      const inRange = (low === undefined || n >= low) && (high === undefined || n <= high);
      return { credit: inRange ? 1 : 0, why: `answered ${n}; expected ${range}` };
    }
    case "date": {
      const date = String(value);
      const failures: string[] = [];
      if (expected.notBefore && date < expected.notBefore) failures.push(`before ${expected.notBefore}`);
      if (expected.notAfter && date > expected.notAfter) failures.push(`after ${expected.notAfter}`);
      if (expected.maxAgeDays !== undefined) {
        const age = Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
        if (age > expected.maxAgeDays) failures.push(`${age} days old, more than ${expected.maxAgeDays}`);
      }
      return failures.length === 0
        ? { credit: 1, why: `answered ${date}, within the expected dates` }
        : { credit: 0, why: `answered ${date}: ${failures.join(", ")}` };
    }
  }
}

function checkGrades(definition: Questionnaire, grades: Grades): Grades {
  const ids = new Set(definition.sections.flatMap((s) => s.questions.map((q) => q.id)));
  const problems: { question: string; message: string }[] = [];
  for (const [id, grade] of Object.entries(grades)) {
    const score = typeof grade === "number" ? grade : grade?.score;
    if (!ids.has(id)) problems.push({ question: id, message: "not a question of this questionnaire" });
    else if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 1) {
      problems.push({ question: id, message: "a grade is a number from 0 to 1" });
    }
  }
  if (problems.length > 0) {
    throw new WardenError(
      "invalid_input",
      `Invalid grades: ${problems.map((p) => `${questionLabel(definition, p.question)} — ${p.message}`).join("; ")}`,
      { problems },
    );
  }
  return grades;
}

function percent(points: number, max: number): number | null {
  return max > 0 ? round((points / max) * 100) : null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function list(items: string[]): string {
  return items.length === 0 ? "nothing" : items.map((i) => `"${i}"`).join(", ");
}
