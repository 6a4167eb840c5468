import { describe, expect, it } from "vitest";
import { smallQuestionnaireDefinition } from "../../../test/support/fixtures.ts";
import { parseQuestionnaire } from "../../engines/questionnaire/index.ts";
import { mergeAnswers, onlySection, questionsOfSection } from "./section-links.ts";

const definition = parseQuestionnaire(smallQuestionnaireDefinition());

describe("section links", () => {
  it("cuts the definition down to the one section handed off", () => {
    const { definition: cut, title } = onlySection(definition, "incidents");
    expect(cut.sections.map((s) => s.id)).toEqual(["incidents"]);
    expect(title).toBe("Incidents");
    expect(onlySection(definition, "nope").definition.sections).toEqual([]);
  });

  it("lists a section's question ids, and none for a section that does not exist", () => {
    expect([...questionsOfSection(definition, "people")]).toEqual(["nda", "workspace", "turnover"]);
    expect(questionsOfSection(definition, "nope").size).toBe(0);
  });

  it("keeps the stored answers of the kept questions, even when the incoming ones drop or change them", () => {
    const stored = { nda: "yes", incident: "no", incidentDetails: "none" };
    const incoming = { nda: "no", incident: "yes", turnover: 5 };
    expect(mergeAnswers(stored, incoming, new Set(["incident", "incidentDetails", "policyDoc"]))).toEqual({
      nda: "no",
      turnover: 5,
      incident: "no",
      incidentDetails: "none",
    });
  });
});
