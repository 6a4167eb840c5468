import { describe, expect, it } from "vitest";
import { validateQuestionnaire } from "../../../engines/questionnaire/validate-questionnaire.ts";
import {
  conditionTargets,
  definitionFromDraft,
  draftFromDefinition,
  emptyTemplate,
  idFromText,
  maxPointsBySection,
  moveItem,
  newOption,
  newQuestion,
  newSection,
  nextVersion,
  placeProblems,
  type QuestionDraft,
  type StoredDefinition,
  type TemplateDraft,
} from "./template-draft.ts";

const ID = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function question(patch: Partial<QuestionDraft>): QuestionDraft {
  return { ...newQuestion(new Set()), ...patch };
}

/** Two sections: a yes-no, a scored single choice, and a text question shown only for one answer. */
function sampleDraft(): TemplateDraft {
  const nda = question({
    id: "nda",
    text: "Does every person sign an NDA?",
    expected: { ...newQuestion(new Set()).expected, answer: "yes" },
  });
  const closed = { ...newOption(new Set()), id: "closed", label: "A closed room", score: "1" };
  const shared = { ...newOption(new Set()), id: "shared", label: "A shared floor", score: "0.25" };
  const site = question({
    id: "site",
    text: "Where does the team sit?",
    type: "single-choice",
    weight: "2",
    options: [closed, shared],
  });
  const why = question({
    id: "why-shared",
    text: "Why a shared floor?",
    type: "text",
    weight: "0",
    condition: { questionKey: site.key, values: [shared.key] },
  });
  const draft = emptyTemplate();
  draft.id = "vendor-ip";
  draft.title = "Vendor IP";
  draft.sections = [
    { ...newSection(new Set(), "Staff"), questions: [nda] },
    { ...newSection(new Set(["staff"]), "Premises"), questions: [site, why] },
  ];
  return draft;
}

describe("idFromText", () => {
  it("makes a kebab-case id of the first words that the schema accepts", () => {
    expect(idFromText("Does every person sign an NDA?", new Set())).toBe("does-every-person-sign-an-nda");
    const long = idFromText("A very long question text that goes on and on about many subjects", new Set());
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(ID);
  });

  it("starts with a letter and keeps only safe characters", () => {
    expect(idFromText("2FA on every account?", new Set())).toBe("q-2fa-on-every-account");
    expect(idFromText("Café & crème", new Set())).toBe("cafe-creme");
    expect(idFromText("¿?", new Set(), "section")).toBe("section");
  });

  it("adds a number when the id is taken", () => {
    expect(idFromText("Yes", new Set(["yes", "yes-2"]))).toBe("yes-3");
  });
});

describe("nextVersion", () => {
  it("counts the last number up, or adds one", () => {
    expect(nextVersion("1")).toBe("2");
    expect(nextVersion("2024.9")).toBe("2024.10");
    expect(nextVersion("draft")).toBe("draft-2");
  });
});

describe("definitionFromDraft", () => {
  it("assembles a definition the engine accepts, with option ids in expectations and conditions", () => {
    const definition = definitionFromDraft(sampleDraft());
    const result = validateQuestionnaire(definition);
    expect(result.problems).toEqual([]);
    const [staff, premises] = definition.sections;
    expect(staff?.questions[0]).toMatchObject({ id: "nda", type: "yes-no", expected: { answer: "yes" } });
    expect(premises?.questions[0]).toMatchObject({
      weight: 2,
      expected: "any",
      options: [
        { id: "closed", score: 1 },
        { id: "shared", score: 0.25 },
      ],
    });
    expect(premises?.questions[1]).toMatchObject({ showIf: { question: "site", equals: "shared" } });
    expect(premises?.questions[1]).not.toHaveProperty("options");
  });

  it("sends a condition on several answers as `in` and follows an option's edited id", () => {
    const draft = sampleDraft();
    const site = draft.sections[1]?.questions[0] as QuestionDraft;
    const why = draft.sections[1]?.questions[1] as QuestionDraft;
    (site.options[1] as { id: string }).id = "open-plan";
    why.condition = { questionKey: site.key, values: site.options.map((o) => o.key) };
    expect(definitionFromDraft(draft).sections[1]?.questions[1]?.showIf).toEqual({
      question: "site",
      in: ["closed", "open-plan"],
    });
  });

  it("sends no condition on a question that the form no longer offers as its target", () => {
    const draft = sampleDraft();
    const premises = draft.sections[1];
    if (!premises) throw new Error("no section");
    premises.questions = moveItem(premises.questions, 1, -1);
    expect(definitionFromDraft(draft).sections[1]?.questions[0]).not.toHaveProperty("showIf");
    premises.questions = moveItem(premises.questions, 0, 1);
    (premises.questions[0] as QuestionDraft).type = "text";
    expect(definitionFromDraft(draft).sections[1]?.questions[1]).not.toHaveProperty("showIf");
  });

  it("sends only the expectation fields of the question's type", () => {
    const q = question({
      id: "turnover",
      text: "Turnover?",
      type: "number",
      expected: { ...newQuestion(new Set()).expected, answer: "yes", max: "30", min: "" },
    });
    const draft = sampleDraft();
    draft.sections[0]?.questions.push(q);
    expect(definitionFromDraft(draft).sections[0]?.questions[1]?.expected).toEqual({ max: 30 });
  });

  it("sends a number that is not one as typed, so that the server names the field", () => {
    const draft = sampleDraft();
    (draft.sections[0]?.questions[0] as QuestionDraft).weight = "heavy";
    const result = validateQuestionnaire(definitionFromDraft(draft));
    expect(result.problems.map((p) => p.path)).toContain("sections[0].questions[0].weight");
  });
});

describe("draftFromDefinition", () => {
  it("gives back the same definition with the version counted up and every id kept", () => {
    const definition = definitionFromDraft(sampleDraft());
    const parsed = validateQuestionnaire(definition);
    if (!parsed.ok) throw new Error("sample is invalid");
    const again = draftFromDefinition(parsed.questionnaire as StoredDefinition);
    expect(again.version).toBe("2");
    expect(again.sections.every((s) => s.idFixed && s.questions.every((q) => q.idFixed))).toBe(true);
    expect(definitionFromDraft(again)).toEqual({ ...definition, version: "2" });
  });

  it("keeps what the builder does not show: help text and a multiple-choice scoring mode", () => {
    const stored: StoredDefinition = {
      id: "kept",
      version: "3",
      title: "Kept",
      sections: [
        {
          id: "s",
          title: "S",
          questions: [
            {
              id: "media",
              text: "Which media are allowed?",
              help: "Tick every kind of device staff may use.",
              type: "multiple-choice",
              options: [
                { id: "usb", label: "USB" },
                { id: "cloud", label: "Cloud" },
              ],
              required: true,
              weight: 2,
              expected: { excludes: ["usb"] },
              scoring: { mode: "proportional" },
            },
          ],
        },
      ],
    };
    const question = definitionFromDraft(draftFromDefinition(stored)).sections[0]?.questions[0];
    expect(question).toMatchObject({
      help: "Tick every kind of device staff may use.",
      scoring: { mode: "proportional" },
    });
  });

  it("turns notEquals into 'is one of' the other answers", () => {
    const definition = {
      id: "x",
      version: "1",
      title: "X",
      sections: [
        {
          id: "s",
          title: "S",
          questions: [
            { id: "a", text: "A?", type: "yes-no", required: false, weight: 1, expected: "any" },
            {
              id: "b",
              text: "B",
              type: "text",
              required: false,
              weight: 1,
              expected: "any",
              showIf: { question: "a", notEquals: "no" },
            },
          ],
        },
      ],
    } satisfies StoredDefinition;
    const draft = draftFromDefinition(definition);
    expect(definitionFromDraft(draft).sections[0]?.questions[1]?.showIf).toEqual({
      question: "a",
      equals: "yes",
    });
  });
});

describe("placeProblems", () => {
  it("puts each problem on its section or question by key, with the field it names", () => {
    const draft = sampleDraft();
    const placed = placeProblems(draft, [
      { path: "sections[1].questions[1].showIf.equals", message: "bad" },
      { path: "sections[0].title", message: "empty" },
      { path: "version", message: "already exists" },
      { path: "sections[7].questions[0].text", message: "gone" },
    ]);
    expect(placed[0]).toMatchObject({
      sectionKey: draft.sections[1]?.key,
      questionKey: draft.sections[1]?.questions[1]?.key,
      field: "showIf",
      rest: "showIf.equals",
    });
    expect(placed[1]).toMatchObject({
      sectionKey: draft.sections[0]?.key,
      questionKey: null,
      field: "title",
    });
    expect(placed[2]).toMatchObject({ sectionKey: null, questionKey: null, field: "version" });
    expect(placed[3]).toMatchObject({ sectionKey: null, questionKey: null });
  });
});

describe("the builder's small helpers", () => {
  it("offers only earlier yes-no and choice questions as condition targets", () => {
    const draft = sampleDraft();
    const why = draft.sections[1]?.questions[1] as QuestionDraft;
    expect(conditionTargets(draft, why.key).map((q) => q.id)).toEqual(["nda", "site"]);
    expect(conditionTargets(draft, draft.sections[0]?.questions[0]?.key ?? "")).toEqual([]);
  });

  it("sums the weights of each section", () => {
    expect(maxPointsBySection(sampleDraft()).map((s) => s.points)).toEqual([1, 2]);
  });

  it("moves an item one place and leaves the ends alone", () => {
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});
