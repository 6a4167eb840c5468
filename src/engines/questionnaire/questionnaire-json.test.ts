import { describe, expect, it } from "vitest";
import { WardenError } from "../../domain/errors.ts";
import { loadBuiltInQuestionnaire } from "./built-in-questionnaires.ts";
import { sampleQuestionnaire } from "./fixtures/sample-questionnaire.ts";
import { exportQuestionnaireJson, importQuestionnaireJson } from "./questionnaire-json.ts";
import { parseQuestionnaire } from "./validate-questionnaire.ts";

function importError(input: string | Uint8Array): WardenError {
  try {
    importQuestionnaireJson(input);
  } catch (error) {
    if (error instanceof WardenError) return error;
    throw error;
  }
  throw new Error("expected the import to fail");
}

describe("JSON import and export", () => {
  it("round-trips the built-in and the sample questionnaire", () => {
    for (const definition of [
      loadBuiltInQuestionnaire("ip-handling"),
      parseQuestionnaire(sampleQuestionnaire()),
    ]) {
      const text = exportQuestionnaireJson(definition);
      expect(importQuestionnaireJson(Buffer.from(text))).toEqual(definition);
    }
  });

  it("reports every problem of an invalid definition with its path and returns nothing", () => {
    const q = sampleQuestionnaire();
    q.sections[1]!.questions[3]!.showIf = { question: "q9", equals: "yes" };
    q.sections[0]!.questions[0]!.weight = -1;
    const error = importError(JSON.stringify(q));
    expect(error.code).toBe("invalid_input");
    const problems = (error.details?.problems ?? []) as { path: string; message: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "sections[0].questions[0].weight" }),
        { path: "sections[1].questions[3].showIf.question", message: 'unknown question "q9"' },
      ]),
    );
    expect(error.message).toContain('sections[1].questions[3].showIf.question: unknown question "q9"');
  });

  it("reports malformed JSON, refuses deep nesting and oversized files", () => {
    expect(importError('{"id": "x", ').message).toMatch(/not valid JSON/);
    expect(importError(`${"[".repeat(5000)}${"]".repeat(5000)}`).message).toMatch(/nests 5000 levels/);
    expect(importError("x".repeat(5 * 1024 * 1024 + 1)).code).toBe("too_large");
  });
});
