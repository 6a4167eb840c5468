import { describe, expect, it } from "vitest";
import { loadBuiltInQuestionnaire } from "./built-in-questionnaires.ts";
import { sampleQuestionnaire } from "./fixtures/sample-questionnaire.ts";
import { parseQuestionnaire, validateQuestionnaire } from "./validate-questionnaire.ts";

function problemsOf(input: unknown): string[] {
  const result = validateQuestionnaire(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("validateQuestionnaire", () => {
  it("accepts the sample and applies defaults", () => {
    const result = validateQuestionnaire(sampleQuestionnaire());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.questionnaire.sections[1]?.questions[0]?.expected).toBe("any");
  });

  it("ships a valid IP-handling questionnaire of 30 to 40 weighted questions with conditions", () => {
    const ip = loadBuiltInQuestionnaire("ip-handling");
    const questions = ip.sections.flatMap((s) => s.questions);
    expect(questions.length).toBeGreaterThanOrEqual(30);
    expect(questions.length).toBeLessThanOrEqual(40);
    expect(questions.filter((q) => q.showIf).length).toBeGreaterThanOrEqual(5);
    expect(new Set(questions.map((q) => q.type))).toEqual(
      new Set(["yes-no", "single-choice", "multiple-choice", "text", "number", "date", "file"]),
    );
    const topics = ip.sections.map((s) => s.id);
    expect(topics).toEqual(
      expect.arrayContaining([
        "segregation",
        "people",
        "subcontractors",
        "devices",
        "remote",
        "incidents",
        "insurance",
        "certifications",
      ]),
    );
    expect(questions.find((q) => q.id === "subcontractorList")?.showIf).toEqual({
      question: "usesSubcontractors",
      equals: "yes",
    });
  });

  it("names an unknown condition target with its exact place", () => {
    const q = sampleQuestionnaire();
    q.sections[1]!.questions[3]!.showIf = { question: "q9", equals: "yes" };
    expect(problemsOf(q)).toContain('sections[1].questions[3].showIf.question: unknown question "q9"');
  });

  it("refuses conditions on later questions, on the question itself and on text questions", () => {
    const q = sampleQuestionnaire();
    q.sections[0]!.questions[0]!.showIf = { question: "seating", equals: "closed" };
    q.sections[0]!.questions[1]!.showIf = { question: "seating", equals: "closed" };
    q.sections[1]!.questions[6]!.showIf = { question: "subsList", equals: "x" };
    const problems = problemsOf(q);
    expect(problems).toContain(
      'sections[0].questions[0].showIf.question: question "seating" comes later; a condition may only refer to an earlier question',
    );
    expect(problems).toContain(
      "sections[0].questions[1].showIf.question: a question cannot depend on itself",
    );
    expect(
      problems.some(
        (p) => p.startsWith("sections[1].questions[6].showIf.question:") && p.includes("text question"),
      ),
    ).toBe(true);
  });

  it("checks condition values against the controlling question's answers", () => {
    const q = sampleQuestionnaire();
    q.sections[1]!.questions[1]!.showIf = { question: "usesSubs", equals: "maybe" };
    q.sections[1]!.questions[3]!.showIf = { question: "subsFlowDown", in: ["yes", "perhaps"] };
    q.sections[1]!.questions[4]!.showIf = { question: "subsVetted", equals: "audit", notEquals: "nothing" };
    const problems = problemsOf(q);
    expect(problems.some((p) => p.startsWith("sections[1].questions[1].showIf.equals:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("sections[1].questions[3].showIf.in[1]:"))).toBe(true);
    expect(problems).toContain(
      "sections[1].questions[4].showIf: give exactly one of equals, in or notEquals",
    );
  });

  it("reports duplicate ids, missing or stray options and ill-fitting expectations, all at once", () => {
    const q = sampleQuestionnaire();
    const people = q.sections[0]!.questions;
    people[3]!.id = "nda";
    delete people[1]!.options;
    people[0]!.options = [
      { id: "a", label: "A" },
      { id: "b", label: "B" },
    ];
    people[2]!.expected = { includes: ["conf", "ghost"], min: 3 };
    q.sections[1]!.questions[5]!.expected = { notBefore: "2025-01-01", notAfter: "2024-01-01" };
    q.sections[1]!.questions[1]!.expected = { answer: "yes" };
    q.sections[1]!.id = "people";
    const problems = problemsOf(q);
    expect(problems).toEqual(
      expect.arrayContaining([
        'sections[0].questions[3].id: duplicate question id "nda"',
        "sections[0].questions[1].options: a single-choice question needs at least two options",
        "sections[0].questions[0].options: a yes-no question takes no options",
        'sections[0].questions[2].expected.includes[1]: unknown option "ghost"',
        "sections[0].questions[2].expected.min: not used by a multiple-choice question (use includes, excludes)",
        "sections[1].questions[5].expected.notBefore: 2025-01-01 is after notAfter 2024-01-01",
        'sections[1].questions[1].expected.answer: text questions are graded by a reviewer; use "any"',
        'sections[1].id: duplicate section id "people" (also sections[0])',
      ]),
    );
  });

  it("reports shape errors with their paths and throws invalid_input from parseQuestionnaire", () => {
    const q = sampleQuestionnaire() as Record<string, unknown>;
    delete q.title;
    (q.sections as { questions: { type: string }[] }[])[0]!.questions[0]!.type = "essay";
    const problems = problemsOf(q);
    expect(problems.some((p) => p.startsWith("title:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("sections[0].questions[0].type:"))).toBe(true);
    expect(() => parseQuestionnaire(q)).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });
});
