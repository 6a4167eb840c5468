import type { Question, Questionnaire } from "./questionnaire-schema.ts";

/**
 * Which questions are shown for these answers. A conditional question is shown only when the
 * question it depends on is itself shown and answered as its condition says; an unanswered or
 * hidden controlling question hides it (for `notEquals` too: the condition needs an answer).
 * Conditions always point at earlier questions, so one pass in order settles chains.
 *
 * @example
 * resolveVisibility(definition, { usesSubcontractors: "no" }).get("subcontractorList"); // false
 */
export function resolveVisibility(
  definition: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
): Map<string, boolean> {
  const visible = new Map<string, boolean>();
  for (const section of definition.sections) {
    for (const question of section.questions) visible.set(question.id, isShown(question, answers, visible));
  }
  return visible;
}

function isShown(
  question: Question,
  answers: Readonly<Record<string, unknown>>,
  visible: ReadonlyMap<string, boolean>,
): boolean {
  const condition = question.showIf;
  if (!condition) return true;
  if (!visible.get(condition.question)) return false;
  const answer = Object.hasOwn(answers, condition.question) ? answers[condition.question] : undefined;
  const chosen = Array.isArray(answer)
    ? answer.filter((v): v is string => typeof v === "string")
    : typeof answer === "string"
      ? [answer]
      : [];
  if (chosen.length === 0) return false;
  if (condition.equals !== undefined) return chosen.includes(condition.equals);
  if (condition.in !== undefined) return chosen.some((v) => condition.in?.includes(v));
  if (condition.notEquals !== undefined) return !chosen.includes(condition.notEquals);
  return true;
}
