import type {
  Expected,
  QuestionnaireInput,
  QuestionType,
  ShowIf,
} from "../../../engines/questionnaire/questionnaire-schema.ts";

/**
 * The questionnaire builder's form state and its two translations: from a stored definition (a new
 * version) and to the definition the API validates. Every row has a local `key` that never changes,
 * so that conditions, expected answers and the server's problems follow a question or an option
 * while its id is edited or it is moved.
 */

export interface OptionDraft {
  key: string;
  id: string;
  /** False while the id follows the label; true once typed by hand or taken from a stored version. */
  idFixed: boolean;
  label: string;
  /** As typed: "" for none. */
  score: string;
}

/** What a good answer looks like, in the fields of every type (only those of the question's type are sent). */
export interface ExpectedDraft {
  answer: "" | "yes" | "no";
  /** Option keys. */
  oneOf: string[];
  includes: string[];
  excludes: string[];
  min: string;
  max: string;
  notBefore: string;
  notAfter: string;
  maxAgeDays: string;
}

/** "Show only if <question> is one of <values>": option keys, or "yes"/"no" for a yes-no question. */
export interface ConditionDraft {
  questionKey: string;
  values: string[];
}

export interface QuestionDraft {
  key: string;
  id: string;
  idFixed: boolean;
  text: string;
  help: string;
  type: QuestionType;
  required: boolean;
  weight: string;
  options: OptionDraft[];
  expected: ExpectedDraft;
  condition: ConditionDraft | null;
  critical: boolean;
  /** How a multiple-choice answer earns credit, kept as stored ("" for the default). */
  scoringMode: "" | "all-or-nothing" | "proportional";
}

export interface SectionDraft {
  key: string;
  id: string;
  idFixed: boolean;
  title: string;
  description: string;
  questions: QuestionDraft[];
}

export interface TemplateDraft {
  id: string;
  idFixed: boolean;
  version: string;
  title: string;
  description: string;
  sections: SectionDraft[];
}

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  "yes-no": "Yes / no",
  "single-choice": "Single choice",
  "multiple-choice": "Multiple choice",
  text: "Text",
  number: "Number",
  date: "Date",
  file: "File upload",
};

export const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set(["single-choice", "multiple-choice"]);

let counter = 0;
/** A key for a new row, unique in this page's life (never sent to the server). */
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

/**
 * An id from a text, valid for the schema's `idSchema` (a letter first, then letters, digits, '-',
 * '_' or '.', at most 64) and not among `taken`: the first words in kebab case, a number added on a clash.
 *
 * @example
 * idFromText("Does every person sign an NDA?", new Set()) // "does-every-person-sign-an-nda"
 * idFromText("2FA on every account", new Set())           // "q-2fa-on-every-account"
 * idFromText("Yes", new Set(["yes"]))                     // "yes-2"
 */
export function idFromText(text: string, taken: ReadonlySet<string>, fallback = "item"): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  let base = "";
  for (const word of words) {
    const next = base === "" ? word : `${base}-${word}`;
    if (next.length > 40) break;
    base = next;
  }
  if (base === "") base = (words[0] ?? fallback).slice(0, 40) || fallback;
  if (!/^[a-z]/.test(base)) base = `q-${base}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The version after `version`: its last number counted up ("1" → "2", "2024.3" → "2024.4"), or "-2" added. */
export function nextVersion(version: string): string {
  const match = /^(.*?)(\d+)$/.exec(version.trim());
  if (!match) return `${version.trim() || "1"}-2`;
  return `${match[1]}${Number(match[2]) + 1}`;
}

export function emptyExpected(): ExpectedDraft {
  return {
    answer: "",
    oneOf: [],
    includes: [],
    excludes: [],
    min: "",
    max: "",
    notBefore: "",
    notAfter: "",
    maxAgeDays: "",
  };
}

export function emptyTemplate(): TemplateDraft {
  return { id: "", idFixed: false, version: "1", title: "", description: "", sections: [] };
}

export function newSection(taken: ReadonlySet<string>, title = ""): SectionDraft {
  return {
    key: newKey("s"),
    id: idFromText(title, taken, "section"),
    idFixed: false,
    title,
    description: "",
    questions: [],
  };
}

export function newQuestion(taken: ReadonlySet<string>): QuestionDraft {
  return {
    key: newKey("q"),
    id: idFromText("", taken, "question"),
    idFixed: false,
    text: "",
    help: "",
    type: "yes-no",
    required: false,
    weight: "1",
    options: [],
    expected: emptyExpected(),
    condition: null,
    critical: false,
    scoringMode: "",
  };
}

export function newOption(taken: ReadonlySet<string>): OptionDraft {
  return { key: newKey("o"), id: idFromText("", taken, "option"), idFixed: false, label: "", score: "" };
}

/** Every question id in the draft, except the one with `exceptKey` (ids are unique across sections). */
export function questionIds(draft: TemplateDraft, exceptKey?: string): Set<string> {
  const ids = new Set<string>();
  for (const s of draft.sections) for (const q of s.questions) if (q.key !== exceptKey) ids.add(q.id);
  return ids;
}

/** Questions before `questionKey` (in reading order) that a condition may refer to: yes-no and choice. */
export function conditionTargets(draft: TemplateDraft, questionKey: string): QuestionDraft[] {
  const out: QuestionDraft[] = [];
  for (const s of draft.sections) {
    for (const q of s.questions) {
      if (q.key === questionKey) return out;
      if (q.type === "yes-no" || CHOICE_TYPES.has(q.type)) out.push(q);
    }
  }
  return out;
}

/** A number typed in a field: the number, or the text itself so that the server names the field. */
function numberOrText(value: string): number | string | undefined {
  const t = value.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function optionIdsFor(q: QuestionDraft, keys: readonly string[]): string[] {
  return keys.flatMap((k) => {
    const o = q.options.find((x) => x.key === k);
    return o ? [o.id] : [];
  });
}

function expectedFor(q: QuestionDraft): Expected {
  const e = q.expected;
  const out: Record<string, unknown> = {};
  switch (q.type) {
    case "yes-no":
      if (e.answer) out.answer = e.answer;
      break;
    case "single-choice": {
      const oneOf = optionIdsFor(q, e.oneOf);
      if (oneOf.length > 0) out.oneOf = oneOf;
      break;
    }
    case "multiple-choice": {
      const includes = optionIdsFor(q, e.includes);
      const excludes = optionIdsFor(q, e.excludes);
      if (includes.length > 0) out.includes = includes;
      if (excludes.length > 0) out.excludes = excludes;
      break;
    }
    case "number":
      out.min = numberOrText(e.min);
      out.max = numberOrText(e.max);
      break;
    case "date":
      if (e.notBefore) out.notBefore = e.notBefore;
      if (e.notAfter) out.notAfter = e.notAfter;
      out.maxAgeDays = numberOrText(e.maxAgeDays);
      break;
    default:
      break;
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  // Nothing set is "any": the answer is graded by a reviewer (always so for text and file).
  return Object.keys(out).length === 0 ? "any" : (out as Expected);
}

function showIfFor(draft: TemplateDraft, q: QuestionDraft): ShowIf | undefined {
  const c = q.condition;
  if (!c) return undefined;
  // Only what the form shows is sent: a condition on a question that is no longer an earlier
  // yes-no or choice one reads "Always shown" there (and comes back if the question does).
  const target = conditionTargets(draft, q.key).find((x) => x.key === c.questionKey);
  if (!target) return undefined;
  const values = target.type === "yes-no" ? c.values : optionIdsFor(target, c.values);
  if (values.length === 0) return { question: target.id };
  if (values.length === 1) return { question: target.id, equals: values[0] as string };
  return { question: target.id, in: values };
}

/**
 * The definition to post: only the fields a question's type uses, option keys turned into the
 * options' current ids, numbers parsed (a number that is not one is sent as typed, for the server
 * to name the field). It is not validated here: the server does that, once, with paths.
 */
export function definitionFromDraft(draft: TemplateDraft): QuestionnaireInput {
  return {
    id: draft.id,
    version: draft.version,
    title: draft.title,
    ...(draft.description.trim() ? { description: draft.description } : {}),
    sections: draft.sections.map((s) => ({
      id: s.id,
      title: s.title,
      ...(s.description.trim() ? { description: s.description } : {}),
      questions: s.questions.map((q) => {
        const weight = numberOrText(q.weight);
        const showIf = showIfFor(draft, q);
        return {
          id: q.id,
          text: q.text,
          ...(q.help.trim() ? { help: q.help } : {}),
          type: q.type,
          ...(CHOICE_TYPES.has(q.type)
            ? {
                options: q.options.map((o) => {
                  const score = numberOrText(o.score);
                  return { id: o.id, label: o.label, ...(score !== undefined ? { score } : {}) };
                }),
              }
            : {}),
          required: q.required,
          ...(weight !== undefined ? { weight } : {}),
          expected: expectedFor(q),
          ...(showIf ? { showIf } : {}),
          ...(q.critical || q.scoringMode
            ? {
                scoring: {
                  ...(q.critical ? { critical: true } : {}),
                  ...(q.scoringMode && q.type === "multiple-choice" ? { mode: q.scoringMode } : {}),
                },
              }
            : {}),
        } as QuestionnaireInput["sections"][number]["questions"][number];
      }),
    })),
  };
}

/** The stored definition's shape as the API sends it (defaults applied). */
export interface StoredDefinition {
  id: string;
  version: string;
  title: string;
  description?: string;
  sections: {
    id: string;
    title: string;
    description?: string;
    questions: {
      id: string;
      text: string;
      help?: string;
      type: QuestionType;
      options?: { id: string; label: string; score?: number }[];
      required: boolean;
      weight: number;
      expected: Expected;
      showIf?: ShowIf;
      scoring?: { critical?: boolean; mode?: "all-or-nothing" | "proportional" };
    }[];
  }[];
}

/**
 * A draft of the next version of a stored template: every id kept (answers and conditions refer
 * to them), the version counted up.
 */
export function draftFromDefinition(definition: StoredDefinition): TemplateDraft {
  const byId = new Map<string, QuestionDraft>();
  const sections = definition.sections.map((s) => ({
    key: newKey("s"),
    id: s.id,
    idFixed: true,
    title: s.title,
    description: s.description ?? "",
    questions: s.questions.map((q) => {
      const options: OptionDraft[] = (q.options ?? []).map((o) => ({
        key: newKey("o"),
        id: o.id,
        idFixed: true,
        label: o.label,
        score: o.score === undefined ? "" : String(o.score),
      }));
      const keysOf = (ids: readonly string[] | undefined) =>
        (ids ?? []).flatMap((id) => {
          const o = options.find((x) => x.id === id);
          return o ? [o.key] : [];
        });
      const e = q.expected === "any" ? {} : q.expected;
      const draft: QuestionDraft = {
        key: newKey("q"),
        id: q.id,
        idFixed: true,
        text: q.text,
        help: q.help ?? "",
        type: q.type,
        required: q.required,
        weight: String(q.weight),
        options,
        expected: {
          answer: e.answer ?? "",
          oneOf: keysOf(e.oneOf),
          includes: keysOf(e.includes),
          excludes: keysOf(e.excludes),
          min: e.min === undefined ? "" : String(e.min),
          max: e.max === undefined ? "" : String(e.max),
          notBefore: e.notBefore ?? "",
          notAfter: e.notAfter ?? "",
          maxAgeDays: e.maxAgeDays === undefined ? "" : String(e.maxAgeDays),
        },
        condition: null,
        critical: q.scoring?.critical === true,
        scoringMode: q.scoring?.mode ?? "",
      };
      const sif = q.showIf;
      const target = sif ? byId.get(sif.question) : undefined;
      if (sif && target) {
        // notEquals has no form of its own: it becomes "is one of" every other answer.
        const all = target.type === "yes-no" ? ["yes", "no"] : target.options.map((o) => o.id);
        const ids =
          sif.equals !== undefined
            ? [sif.equals]
            : sif.in !== undefined
              ? sif.in
              : all.filter((v) => v !== sif.notEquals);
        draft.condition = {
          questionKey: target.key,
          values:
            target.type === "yes-no"
              ? ids
              : ids.flatMap((id) => {
                  const o = target.options.find((x) => x.id === id);
                  return o ? [o.key] : [];
                }),
        };
      }
      byId.set(q.id, draft);
      return draft;
    }),
  }));
  return {
    id: definition.id,
    idFixed: true,
    version: nextVersion(definition.version),
    title: definition.title,
    description: definition.description ?? "",
    sections,
  };
}

/** A problem the server reported, placed on the row it concerns (by key), with the field it names. */
export interface PlacedProblem {
  sectionKey: string | null;
  questionKey: string | null;
  /** The field under the row: "id", "text", "weight", "options", "expected", "showIf"…; "" for the row itself. */
  field: string;
  /** The path under the row: "options[1].score", "showIf.equals"… */
  rest: string;
  path: string;
  message: string;
}

/**
 * Places the server's problems (`sections[1].questions[0].showIf.equals`) on the draft's rows, so
 * that they stay beside their question when it is moved or its id edited.
 *
 * @example
 * placeProblems(draft, [{ path: "sections[0].questions[1].text", message: "too short" }])
 * // [{ sectionKey: "s1", questionKey: "q2", field: "text", … }]
 */
export function placeProblems(
  draft: TemplateDraft,
  problems: readonly { path?: string; message: string }[],
): PlacedProblem[] {
  return problems.map((p) => {
    const path = p.path ?? "";
    const m = /^sections\[(\d+)\](?:\.questions\[(\d+)\])?(?:\.?(.*))?$/.exec(path);
    if (!m) return { sectionKey: null, questionKey: null, field: path, rest: path, path, message: p.message };
    const section = draft.sections[Number(m[1])];
    const question = m[2] !== undefined ? section?.questions[Number(m[2])] : undefined;
    const rest = m[3] ?? "";
    const field = /^([A-Za-z]+)/.exec(rest)?.[1] ?? "";
    return {
      sectionKey: section?.key ?? null,
      questionKey: question?.key ?? null,
      field,
      rest,
      path,
      message: p.message,
    };
  });
}

/** The most points each section can give: the sum of its questions' weights (conditional ones included). */
export function maxPointsBySection(draft: TemplateDraft): { key: string; title: string; points: number }[] {
  return draft.sections.map((s) => ({
    key: s.key,
    title: s.title,
    points: s.questions.reduce((sum, q) => {
      const w = Number(q.weight.trim() === "" ? 1 : q.weight);
      return sum + (Number.isFinite(w) && w > 0 ? w : 0);
    }, 0),
  }));
}

/** Moves the item at `index` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const out = [...items];
  [out[index], out[to]] = [out[to] as T, out[index] as T];
  return out;
}
