import { describe, expect, it } from "vitest";
import { perfectSampleAnswers, sampleQuestionnaire } from "./fixtures/sample-questionnaire.ts";
import { describeAnswerErrors, questionLabel, validateAnswers } from "./validate-answers.ts";
import { parseQuestionnaire } from "./validate-questionnaire.ts";

const definition = parseQuestionnaire(sampleQuestionnaire());

function errorsFor(answers: Record<string, unknown>, final = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of validateAnswers(definition, answers, { final }).errors)
    out[e.question ?? "(all)"] = e.message;
  return out;
}

describe("validateAnswers", () => {
  it("accepts a complete, well-typed set of answers for submission", () => {
    const result = validateAnswers(definition, perfectSampleAnswers(), { final: true });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.accepted)).toHaveLength(10);
  });

  it("checks each answer against its question type", () => {
    const errors = errorsFor({
      nda: true,
      seating: "garden",
      restrictions: "conf",
      turnover: "12",
      planTested: "2025-02-30",
      usesSubs: "yes",
      subsList: 42,
      insurance: [{ name: "x.pdf", sha256: "nothex", size: 1 }],
    });
    expect(errors.nda).toMatch(/"yes" or "no"/);
    expect(errors.seating).toMatch(/unknown option "garden"/);
    expect(errors.restrictions).toMatch(/list of option ids/);
    expect(errors.turnover).toMatch(/expected a number/);
    expect(errors.planTested).toMatch(/ISO date/);
    expect(errors.subsList).toMatch(/expected text/);
    expect(errors.insurance).toMatch(/sha256/);
  });

  it("refuses unknown questions, unknown options and a repeated option", () => {
    const errors = errorsFor({ q99: "yes", restrictions: ["conf", "conf"], seating: "closed" });
    expect(errors.q99).toMatch(/unknown question/);
    expect(errors.restrictions).toMatch(/twice/);
    expect(errorsFor({ restrictions: ["conf", "ghost"] }).restrictions).toMatch(/"ghost"/);
  });

  it("requires answers only on final submission, and lists what is missing in a draft", () => {
    const draft = validateAnswers(definition, { nda: "yes" }, { final: false });
    expect(draft.ok).toBe(true);
    expect(draft.missing).toEqual(
      expect.arrayContaining(["seating", "restrictions", "usesSubs", "planTested", "insurance"]),
    );
    const final = errorsFor({ nda: "yes" }, true);
    expect(final.seating).toMatch(/required/);
    expect(final.turnover).toBeUndefined();
  });

  it("never requires a hidden conditional question and ignores answers given to it", () => {
    const answers: Record<string, unknown> = { ...perfectSampleAnswers(), usesSubs: "no" };
    delete answers.subsFlowDown;
    answers.subsList = "left over from an earlier draft";
    const result = validateAnswers(definition, answers, { final: true });
    expect(result.ok).toBe(true);
    expect(result.ignored).toEqual(expect.arrayContaining(["subsList", "subsVetted"]));
    expect(result.accepted.subsList).toBeUndefined();
  });

  it("refuses answers that are not an object", () => {
    expect(validateAnswers(definition, ["yes"], { final: false }).errors[0]?.question).toBeNull();
  });
});

describe("describeAnswerErrors", () => {
  it("names each question by its text, cut to a readable length, never by its id", () => {
    const text = describeAnswerErrors(definition, [
      { question: "nda", message: "required: give an answer before submitting" },
      { question: null, message: "too many answers" },
      { question: "ghost", message: "not a question of this questionnaire" },
    ]);
    expect(text).toBe(
      "“Do all staff sign an NDA?” — required: give an answer before submitting; The answers — too many answers; An unknown question (ghost) — not a question of this questionnaire",
    );
    const long = {
      ...definition,
      sections: [
        {
          ...definition.sections[0]!,
          questions: [{ ...definition.sections[0]!.questions[0]!, id: "long", text: "x".repeat(200) }],
        },
      ],
    };
    expect(questionLabel(long, "long")).toHaveLength(82);
  });
});
