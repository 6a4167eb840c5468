import type { QuestionType } from "../../../engines/questionnaire/questionnaire-schema.ts";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { IdField, ItemActions } from "./builder-controls.tsx";
import {
  CHOICE_TYPES,
  type ExpectedDraft,
  idFromText,
  newOption,
  type PlacedProblem,
  QUESTION_TYPE_LABELS,
  type QuestionDraft,
} from "./template-draft.ts";

export interface QuestionEditorProps {
  question: QuestionDraft;
  /** "Question 2" (in its section). */
  name: string;
  /** Ids of every other question (ids are unique across the questionnaire). */
  takenIds: ReadonlySet<string>;
  /** Earlier yes-no and choice questions, which a condition may refer to. */
  conditionTargets: readonly QuestionDraft[];
  problems: readonly PlacedProblem[];
  onChange(update: (q: QuestionDraft) => QuestionDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  first: boolean;
  last: boolean;
}

const TYPE_OPTIONS = Object.entries(QUESTION_TYPE_LABELS).map(([value, label]) => ({ value, label }));

/** One question of the builder: text, id, type, weight, options, expected answer and condition. */
export function QuestionEditor({
  question: q,
  name,
  takenIds,
  conditionTargets,
  problems,
  onChange,
  onMove,
  onRemove,
  first,
  last,
}: QuestionEditorProps) {
  const problemFor = (field: string) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join("; ") || undefined;
  const optionProblem = (index: number, key: "id" | "label" | "score") =>
    problems
      .filter((p) => p.rest === `options[${index}].${key}`)
      .map((p) => p.message)
      .join("; ") || undefined;
  const shown = new Set(["id", "text", "type", "weight", "options", "expected", "showIf"]);
  const otherProblems = problems.filter((p) => !shown.has(p.field));
  // Problems of one option's field are shown beside it; the rest (too few, duplicates) above the list.
  const optionsProblem =
    problems
      .filter((p) => p.field === "options" && !/^options\[\d+\]\.(id|label|score)$/.test(p.rest))
      .map((p) => (p.rest === "options" ? p.message : `${p.rest}: ${p.message}`))
      .join("; ") || undefined;
  const setExpected = (patch: Partial<ExpectedDraft>) =>
    onChange((x) => ({ ...x, expected: { ...x.expected, ...patch } }));
  const optionIds = (exceptKey: string) =>
    new Set(q.options.filter((o) => o.key !== exceptKey).map((o) => o.id));
  const target = conditionTargets.find((t) => t.key === q.condition?.questionKey);
  const targetAnswers = target
    ? target.type === "yes-no"
      ? [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]
      : target.options.map((o) => ({ value: o.key, label: o.label || o.id }))
    : [];

  return (
    <fieldset className={`builder-question${problems.length > 0 ? " builder-question--invalid" : ""}`}>
      <legend className="builder-question__legend">{name}</legend>
      <div className="builder-row">
        <TextField
          label="Question text"
          className="builder-row__wide"
          value={q.text}
          maxLength={2000}
          error={problemFor("text")}
          onChange={(e) => {
            const text = e.target.value;
            onChange((x) => ({ ...x, text, id: x.idFixed ? x.id : idFromText(text, takenIds, "question") }));
          }}
        />
        <IdField label="Question id" value={q.id} error={problemFor("id")} onChange={onChange} />
      </div>
      <div className="builder-row">
        <SelectField
          label="Type"
          options={TYPE_OPTIONS}
          value={q.type}
          error={problemFor("type")}
          onChange={(e) => {
            const type = e.target.value as QuestionType;
            onChange((x) => ({
              ...x,
              type,
              // A choice question starts with two options to fill in.
              options:
                CHOICE_TYPES.has(type) && x.options.length === 0
                  ? [newOption(new Set()), newOption(new Set(["option"]))]
                  : x.options,
            }));
          }}
        />
        <TextField
          label="Weight"
          inputMode="decimal"
          value={q.weight}
          error={problemFor("weight")}
          hint="0 to 100; the points it gives."
          onChange={(e) => {
            const weight = e.target.value;
            onChange((x) => ({ ...x, weight }));
          }}
        />
        <CheckboxField
          label="Required"
          checked={q.required}
          onChange={(e) => {
            const required = e.target.checked;
            onChange((x) => ({ ...x, required }));
          }}
        />
        <CheckboxField
          label="Knock-out"
          hint="An answer short of the expected one fails the questionnaire whatever its score."
          checked={q.critical}
          onChange={(e) => {
            const critical = e.target.checked;
            onChange((x) => ({ ...x, critical }));
          }}
        />
      </div>

      {CHOICE_TYPES.has(q.type) && (
        <fieldset className="builder-options">
          <legend>Options</legend>
          {optionsProblem && <p className="field__error">{optionsProblem}</p>}
          {q.options.length === 0 && <p>No options yet: a choice question needs at least two.</p>}
          {q.options.map((o, i) => (
            <div className="builder-row" key={o.key}>
              <TextField
                label={`Option ${i + 1} label`}
                value={o.label}
                error={optionProblem(i, "label")}
                maxLength={500}
                onChange={(e) => {
                  const label = e.target.value;
                  onChange((x) => ({
                    ...x,
                    options: x.options.map((y) =>
                      y.key === o.key
                        ? {
                            ...y,
                            label,
                            id: y.idFixed ? y.id : idFromText(label, optionIds(o.key), "option"),
                          }
                        : y,
                    ),
                  }));
                }}
              />
              <TextField
                label={`Option ${i + 1} id`}
                value={o.id}
                error={optionProblem(i, "id")}
                maxLength={64}
                onChange={(e) => {
                  const id = e.target.value;
                  onChange((x) => ({
                    ...x,
                    options: x.options.map((y) => (y.key === o.key ? { ...y, id, idFixed: true } : y)),
                  }));
                }}
              />
              <TextField
                label={`Option ${i + 1} score`}
                hint="0 to 1 of the weight; optional."
                inputMode="decimal"
                className="builder-row__narrow"
                value={o.score}
                error={optionProblem(i, "score")}
                onChange={(e) => {
                  const score = e.target.value;
                  onChange((x) => ({
                    ...x,
                    options: x.options.map((y) => (y.key === o.key ? { ...y, score } : y)),
                  }));
                }}
              />
              <button
                type="button"
                className="button button--small button--danger-quiet"
                aria-label={`Remove option ${i + 1}`}
                onClick={() =>
                  onChange((x) => ({
                    ...x,
                    options: x.options.filter((y) => y.key !== o.key),
                    expected: {
                      ...x.expected,
                      oneOf: x.expected.oneOf.filter((k) => k !== o.key),
                      includes: x.expected.includes.filter((k) => k !== o.key),
                      excludes: x.expected.excludes.filter((k) => k !== o.key),
                    },
                  }))
                }
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() =>
              onChange((x) => ({
                ...x,
                options: [...x.options, newOption(new Set(x.options.map((y) => y.id)))],
              }))
            }
          >
            Add option
          </button>
        </fieldset>
      )}

      <ExpectedEditor question={q} error={problemFor("expected")} onChange={setExpected} />

      <div className="builder-row">
        <SelectField
          label="Show only if"
          value={target ? target.key : ""}
          error={problemFor("showIf")}
          options={[
            { value: "", label: "Always shown" },
            ...conditionTargets.map((t) => ({
              value: t.key,
              label: `${t.id}: ${t.text || "(no text yet)"}`,
            })),
          ]}
          hint={
            conditionTargets.length === 0 ? "No earlier yes-no or choice question to depend on." : undefined
          }
          onChange={(e) => {
            const questionKey = e.target.value;
            onChange((x) => ({ ...x, condition: questionKey ? { questionKey, values: [] } : null }));
          }}
        />
        {target && (
          <fieldset className="builder-checks">
            <legend>is one of</legend>
            {targetAnswers.map((a) => (
              <CheckboxField
                key={a.value}
                label={a.label}
                checked={q.condition?.values.includes(a.value) ?? false}
                onChange={(e) => {
                  const on = e.target.checked;
                  onChange((x) =>
                    x.condition
                      ? {
                          ...x,
                          condition: {
                            ...x.condition,
                            values: on
                              ? [...x.condition.values, a.value]
                              : x.condition.values.filter((v) => v !== a.value),
                          },
                        }
                      : x,
                  );
                }}
              />
            ))}
          </fieldset>
        )}
      </div>

      {otherProblems.length > 0 && (
        <ul className="field__error">
          {otherProblems.map((p) => (
            <li key={`${p.path}-${p.message}`}>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      )}

      <ItemActions
        name={name.toLowerCase()}
        first={first}
        last={last}
        removeText="Remove question"
        onMove={onMove}
        onRemove={onRemove}
      />
    </fieldset>
  );
}

/** The expected answer in the form the question's type needs; nothing set means "any" (a reviewer grades). */
function ExpectedEditor({
  question: q,
  error,
  onChange,
}: {
  question: QuestionDraft;
  error: string | undefined;
  onChange(patch: Partial<ExpectedDraft>): void;
}) {
  const e = q.expected;
  const toggle = (list: readonly string[], key: string, on: boolean) =>
    on ? [...list, key] : list.filter((k) => k !== key);
  const errorLine = error && <p className="field__error">{error}</p>;
  switch (q.type) {
    case "yes-no":
      return (
        <SelectField
          label="Expected answer"
          value={e.answer}
          error={error}
          options={[
            { value: "", label: "Any (graded by a reviewer)" },
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          onChange={(ev) => onChange({ answer: ev.target.value as ExpectedDraft["answer"] })}
        />
      );
    case "single-choice":
      return (
        <fieldset className="builder-checks">
          <legend>Expected answer: one of (none ticked: any, or by option scores)</legend>
          {errorLine}
          {q.options.map((o, i) => (
            <CheckboxField
              key={o.key}
              label={`Expect ${o.label || `option ${i + 1}`}`}
              checked={e.oneOf.includes(o.key)}
              onChange={(ev) => onChange({ oneOf: toggle(e.oneOf, o.key, ev.target.checked) })}
            />
          ))}
        </fieldset>
      );
    case "multiple-choice":
      return (
        <fieldset className="builder-checks">
          <legend>Expected answer (nothing set: any, or by option scores)</legend>
          {errorLine}
          {q.options.map((o, i) => (
            <SelectField
              key={o.key}
              label={o.label || `Option ${i + 1}`}
              value={e.includes.includes(o.key) ? "includes" : e.excludes.includes(o.key) ? "excludes" : ""}
              options={[
                { value: "", label: "No expectation" },
                { value: "includes", label: "Must be chosen" },
                { value: "excludes", label: "Must not be chosen" },
              ]}
              onChange={(ev) =>
                onChange({
                  includes: toggle(e.includes, o.key, ev.target.value === "includes"),
                  excludes: toggle(e.excludes, o.key, ev.target.value === "excludes"),
                })
              }
            />
          ))}
        </fieldset>
      );
    case "number":
      return (
        <fieldset className="builder-checks">
          <legend>Expected answer (both empty: any)</legend>
          {errorLine}
          <div className="builder-row">
            <TextField
              label="At least"
              inputMode="decimal"
              value={e.min}
              onChange={(ev) => onChange({ min: ev.target.value })}
            />
            <TextField
              label="At most"
              inputMode="decimal"
              value={e.max}
              onChange={(ev) => onChange({ max: ev.target.value })}
            />
          </div>
        </fieldset>
      );
    case "date":
      return (
        <fieldset className="builder-checks">
          <legend>Expected answer (all empty: any)</legend>
          {errorLine}
          <div className="builder-row">
            <TextField
              label="Not before"
              type="date"
              value={e.notBefore}
              onChange={(ev) => onChange({ notBefore: ev.target.value })}
            />
            <TextField
              label="Not after"
              type="date"
              value={e.notAfter}
              onChange={(ev) => onChange({ notAfter: ev.target.value })}
            />
            <TextField
              label="At most this many days old"
              inputMode="numeric"
              value={e.maxAgeDays}
              onChange={(ev) => onChange({ maxAgeDays: ev.target.value })}
            />
          </div>
        </fieldset>
      );
    default:
      return (
        <p className="field__hint">
          Expected answer: any ({QUESTION_TYPE_LABELS[q.type]} answers are graded by a reviewer).
        </p>
      );
  }
}
