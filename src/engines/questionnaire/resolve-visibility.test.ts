import { describe, expect, it } from "vitest";
import { sampleQuestionnaire } from "./fixtures/sample-questionnaire.ts";
import { resolveVisibility } from "./resolve-visibility.ts";
import { parseQuestionnaire } from "./validate-questionnaire.ts";

const definition = parseQuestionnaire(sampleQuestionnaire());

describe("conditional questions", () => {
  it("shows a question when its condition's answer equals the value", () => {
    expect(resolveVisibility(definition, { usesSubs: "yes" }).get("subsList")).toBe(true);
    expect(resolveVisibility(definition, { usesSubs: "no" }).get("subsList")).toBe(false);
  });

  it("hides a dependent question while the controlling one is unanswered", () => {
    expect(resolveVisibility(definition, {}).get("subsFlowDown")).toBe(false);
  });

  it("hides a whole chain when its first link is hidden, even if later answers would match", () => {
    const visible = resolveVisibility(definition, {
      usesSubs: "no",
      subsFlowDown: "yes",
      subsVetted: "nothing",
    });
    expect(visible.get("subsFlowDown")).toBe(false);
    expect(visible.get("subsVetted")).toBe(false);
    expect(visible.get("subsReason")).toBe(false);
  });

  it("applies `in` and `notEquals`", () => {
    const base = { usesSubs: "yes", subsFlowDown: "no" };
    expect(resolveVisibility(definition, base).get("subsVetted")).toBe(true);
    expect(resolveVisibility(definition, { ...base, subsVetted: "questionnaire" }).get("subsReason")).toBe(
      true,
    );
    expect(resolveVisibility(definition, { ...base, subsVetted: "audit" }).get("subsReason")).toBe(false);
  });

  it("treats a multiple-choice answer as matching when the option is among those chosen", () => {
    const def = parseQuestionnaire({
      id: "m",
      version: "1",
      title: "M",
      sections: [
        {
          id: "s",
          title: "S",
          questions: [
            {
              id: "certs",
              text: "Certs?",
              type: "multiple-choice",
              options: [
                { id: "iso", label: "ISO" },
                { id: "none", label: "None" },
              ],
            },
            {
              id: "evidence",
              text: "Attach",
              type: "file",
              showIf: { question: "certs", notEquals: "none" },
            },
            { id: "isoScope", text: "Scope?", type: "text", showIf: { question: "certs", equals: "iso" } },
          ],
        },
      ],
    });
    const shown = resolveVisibility(def, { certs: ["iso"] });
    expect(shown.get("evidence")).toBe(true);
    expect(shown.get("isoScope")).toBe(true);
    expect(resolveVisibility(def, { certs: ["none"] }).get("evidence")).toBe(false);
  });
});
