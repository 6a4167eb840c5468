import { describe, expect, it } from "vitest";
import { loadBuiltInQuestionnaire } from "./built-in-questionnaires.ts";
import { perfectSampleAnswers, sampleQuestionnaire } from "./fixtures/sample-questionnaire.ts";
import { scoreQuestionnaire } from "./score-questionnaire.ts";
import { parseQuestionnaire } from "./validate-questionnaire.ts";

const definition = parseQuestionnaire(sampleQuestionnaire());
const now = new Date("2026-11-01T00:00:00Z");
const reviewerGrades = { subsList: 1, insurance: 1 };

describe("scoreQuestionnaire", () => {
  it("gives 100 for answers meeting every expectation once the reviewer has graded text and files", () => {
    const result = scoreQuestionnaire(definition, perfectSampleAnswers(), { grades: reviewerGrades, now });
    expect(result.score).toBe(100);
    expect(result.points).toBe(result.maxPoints);
    expect(result.criticalFindings).toEqual([]);
  });

  it("leaves ungraded text and file questions out of the total until a reviewer grades them", () => {
    const ungraded = scoreQuestionnaire(definition, perfectSampleAnswers(), { now });
    expect(ungraded.excluded).toEqual(
      expect.arrayContaining([
        { question: "subsList", why: "awaiting review" },
        { question: "insurance", why: "awaiting review" },
      ]),
    );
    const graded = scoreQuestionnaire(definition, perfectSampleAnswers(), {
      now,
      grades: { subsList: { score: 0.5, note: "names only, no countries" }, insurance: 0 },
    });
    expect(graded.maxPoints).toBe(ungraded.maxPoints + 3);
    expect(graded.points).toBe(ungraded.points + 1);
    expect(graded.reasons.find((r) => r.question === "subsList")?.why).toBe(
      "reviewer grade 0.5: names only, no countries",
    );
  });

  it("explains every point it gives or withholds", () => {
    const answers = {
      ...perfectSampleAnswers(),
      nda: "no",
      seating: "zoned",
      restrictions: ["conf", "none"],
      turnover: 45,
      planTested: "2024-01-10",
    };
    const result = scoreQuestionnaire(definition, answers, { grades: reviewerGrades, now });
    const why = Object.fromEntries(result.reasons.map((r) => [r.question, r]));
    expect(why.nda).toMatchObject({ points: 0, max: 3, why: 'expected "yes", answered "no"' });
    expect(why.seating).toMatchObject({ points: 1, max: 2 });
    expect(why.seating?.why).toContain("Zoned floor, marked");
    // Proportional: "conf" chosen (met), "nonsolicit" missing, "none" chosen (unmet): 1 of 3.
    expect(why.restrictions?.points).toBeCloseTo(4 / 3, 2);
    expect(why.restrictions?.why).toMatch(/1 of 3 conditions met/);
    expect(why.turnover).toMatchObject({ points: 0, why: "answered 45; expected 0..30" });
    expect(why.planTested?.points).toBe(0);
    expect(why.planTested?.why).toMatch(/days old, more than 365/);
    expect(result.criticalFindings).toEqual([{ question: "nda", why: 'expected "yes", answered "no"' }]);
    const total = result.reasons.reduce((sum, r) => sum + r.points, 0);
    expect(result.points).toBeCloseTo(total, 2);
  });

  it("excludes hidden questions from points and maximum", () => {
    const answers = { ...perfectSampleAnswers(), usesSubs: "no" };
    const result = scoreQuestionnaire(definition, answers, { grades: { insurance: 1 }, now });
    for (const id of ["subsList", "subsFlowDown", "subsVetted", "subsReason"]) {
      expect(result.excluded).toContainEqual({ question: id, why: "hidden" });
      expect(result.reasons.some((r) => r.question === id)).toBe(false);
    }
    expect(result.score).toBe(100);
  });

  it("scores an unanswered shown question as zero and an invalid answer as zero with the reason", () => {
    const answers = perfectSampleAnswers();
    delete answers.nda;
    answers.turnover = "twelve";
    const result = scoreQuestionnaire(definition, answers, { grades: reviewerGrades, now });
    expect(result.reasons.find((r) => r.question === "nda")).toMatchObject({
      points: 0,
      why: "not answered",
    });
    expect(result.reasons.find((r) => r.question === "turnover")?.why).toMatch(
      /^invalid answer: expected a number/,
    );
  });

  it("totals sections separately", () => {
    const result = scoreQuestionnaire(
      definition,
      { ...perfectSampleAnswers(), nda: "no" },
      { grades: reviewerGrades, now },
    );
    const people = result.bySection.find((s) => s.section === "people");
    const subs = result.bySection.find((s) => s.section === "subs");
    expect(people).toMatchObject({ points: 7, maxPoints: 10, score: 70 });
    expect(subs?.score).toBe(100);
    expect(result.maxPoints).toBe((people?.maxPoints ?? 0) + (subs?.maxPoints ?? 0));
  });

  it("lets a reviewer override an automatic score and rejects grades out of range or for unknown questions", () => {
    const result = scoreQuestionnaire(
      definition,
      { ...perfectSampleAnswers(), nda: "no" },
      { grades: { ...reviewerGrades, nda: 1 }, now },
    );
    expect(result.reasons.find((r) => r.question === "nda")?.points).toBe(3);
    expect(() => scoreQuestionnaire(definition, {}, { grades: { nda: 2 } })).toThrow(/0 to 1/);
    expect(() => scoreQuestionnaire(definition, {}, { grades: { ghost: 1 } })).toThrow(
      /An unknown question \(ghost\) — not a question of this questionnaire/,
    );
  });

  it("is not fooled by question ids that are also names of object properties", () => {
    const def = parseQuestionnaire({
      id: "p",
      version: "1",
      title: "P",
      sections: [
        {
          id: "s",
          title: "S",
          questions: [
            { id: "constructor", text: "NDA?", type: "yes-no", weight: 2, expected: { answer: "yes" } },
          ],
        },
      ],
    });
    const result = scoreQuestionnaire(def, {}, { grades: {} });
    expect(result.reasons[0]).toMatchObject({ question: "constructor", points: 0, why: "not answered" });
  });

  it("gives a null score when nothing can be scored yet", () => {
    const onlyText = parseQuestionnaire({
      id: "t",
      version: "1",
      title: "T",
      sections: [{ id: "s", title: "S", questions: [{ id: "why", text: "Why?", type: "text" }] }],
    });
    expect(scoreQuestionnaire(onlyText, { why: "because" }).score).toBeNull();
  });

  it("scores the built-in questionnaire with option scores and conditions", () => {
    const ip = loadBuiltInQuestionnaire("ip-handling");
    const result = scoreQuestionnaire(ip, {
      dedicatedTeam: "no",
      sharedStaffControls: "separate accounts per client",
      separateRepositories: "yes",
      orgCertifications: ["iso27001", "soc2type2"],
      dataLossControls: ["webUploadBlocking", "emailDlp"],
      usesSubcontractors: "no",
      subcontractorFlowDown: "no",
    });
    const why = Object.fromEntries(result.reasons.map((r) => [r.question, r.points]));
    expect(why.orgCertifications).toBe(2); // 0.6 + 0.6 capped at the full weight
    expect(why.dataLossControls).toBeCloseTo(1.2, 5);
    expect(result.excluded).toContainEqual({ question: "subcontractorFlowDown", why: "hidden" });
    expect(result.excluded).toContainEqual({ question: "sharedStaffControls", why: "awaiting review" });
    expect(result.criticalFindings.map((f) => f.question)).toEqual(
      expect.arrayContaining(["ndaForAllStaff", "auditRights"]),
    );
  });

  it("fails the built-in questionnaire on a knock-out answer whatever the total", () => {
    const ip = loadBuiltInQuestionnaire("ip-handling");
    const answers = Object.fromEntries(
      ip.sections
        .flatMap((s) => s.questions)
        .filter((q) => q.type === "yes-no" && q.expected !== "any" && q.expected.answer)
        .map((q) => [q.id, (q.expected as { answer: string }).answer]),
    );
    // A vendor that lost a client's material, works on staff's own devices and does not block USB storage.
    const result = scoreQuestionnaire(ip, {
      ...answers,
      incidentLastThreeYears: "yes",
      deviceOwnership: "personal",
      removableMediaBlocked: "no",
    });
    expect(result.criticalFindings.map((f) => f.question)).toEqual(
      expect.arrayContaining(["deviceOwnership", "removableMediaBlocked", "incidentLastThreeYears"]),
    );
  });
});
