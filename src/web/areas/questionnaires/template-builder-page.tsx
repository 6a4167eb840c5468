import { useState } from "react";
import { ApiError, api } from "../../api/api-client.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { Link } from "../../router/link.tsx";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { IdField, ItemActions } from "./builder-controls.tsx";
import { QuestionEditor } from "./question-editor.tsx";
import type { TemplateView } from "./questionnaire-api-types.ts";
import {
  conditionTargets,
  definitionFromDraft,
  draftFromDefinition,
  emptyTemplate,
  idFromText,
  maxPointsBySection,
  moveItem,
  newQuestion,
  newSection,
  type PlacedProblem,
  placeProblems,
  type QuestionDraft,
  questionIds,
  type SectionDraft,
  type StoredDefinition,
  type TemplateDraft,
} from "./template-draft.ts";
import "./questionnaires.css";

/**
 * Builds a questionnaire template: a new one, or (`?from=<template id>`) the next version of a
 * stored one with its ids kept. Templates are immutable: saving always stores a new one.
 */
export function TemplateBuilderPage() {
  const from = useLocation().search.get("from");
  if (!from) return <TemplateBuilder initial={emptyTemplate()} basedOn={null} />;
  return <NewVersionBuilder key={from} templateId={from} />;
}

function NewVersionBuilder({ templateId }: { templateId: string }) {
  const template = useApi<TemplateView & { definition: StoredDefinition }>(
    `/api/questionnaire-templates/${encodeURIComponent(templateId)}`,
  );
  if (template.status === "error") return <ErrorState error={template.error} onRetry={template.reload} />;
  if (template.status === "loading") return <LoadingState />;
  return (
    <TemplateBuilder
      initial={draftFromDefinition(template.data.definition)}
      basedOn={`${template.data.title} (v${template.data.version})`}
    />
  );
}

function TemplateBuilder({ initial, basedOn }: { initial: TemplateDraft; basedOn: string | null }) {
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<PlacedProblem[]>([]);
  const [busy, setBusy] = useState(false);

  const updateSection = (key: string, update: (s: SectionDraft) => SectionDraft) =>
    setDraft((d) => ({ ...d, sections: d.sections.map((s) => (s.key === key ? update(s) : s)) }));
  const updateQuestion = (key: string, update: (q: QuestionDraft) => QuestionDraft) =>
    setDraft((d) => ({
      ...d,
      sections: d.sections.map((s) => ({
        ...s,
        questions: s.questions.map((q) => (q.key === key ? update(q) : q)),
      })),
    }));
  const removeQuestion = (key: string) =>
    setDraft((d) => ({
      ...d,
      sections: d.sections.map((s) => ({
        ...s,
        // A condition on the removed question would point nowhere: it goes with it.
        questions: s.questions
          .filter((q) => q.key !== key)
          .map((q) => (q.condition?.questionKey === key ? { ...q, condition: null } : q)),
      })),
    }));
  const sectionIds = (exceptKey?: string) =>
    new Set(draft.sections.filter((s) => s.key !== exceptKey).map((s) => s.id));

  const save = async () => {
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const saved = await api<TemplateView>("/api/questionnaire-templates", {
        method: "POST",
        body: definitionFromDraft(draft),
      });
      navigate(`/questionnaires?saved=${encodeURIComponent(saved.id)}`);
    } catch (e) {
      const apiError =
        e instanceof ApiError
          ? e
          : new ApiError({ status: 0, code: "client", detail: "Saving failed. Try again." });
      setError(apiError);
      const raw = Array.isArray(apiError.problem.problems)
        ? (apiError.problem.problems as { path?: string; message: string }[])
        : [];
      setProblems(placeProblems(draft, raw));
    } finally {
      setBusy(false);
    }
  };

  const topProblem = (field: string) =>
    problems
      .filter((p) => p.sectionKey === null && p.field === field)
      .map((p) => p.message)
      .join("; ") || undefined;
  const unplaced = problems.filter(
    (p) => p.sectionKey === null && !["id", "version", "title", "description"].includes(p.field),
  );
  const points = maxPointsBySection(draft);
  const totalPoints = points.reduce((n, s) => n + s.points, 0);

  return (
    <>
      <PageHeader
        title={basedOn ? "New version of a questionnaire" : "New questionnaire template"}
        description={
          basedOn
            ? `Based on ${basedOn}. The stored version stays as it is; saving adds this one beside it.`
            : "Sections of questions, their weights and expected answers: the score the vendor's answers earn for DD-2."
        }
        actions={
          <Link to="/questionnaires" className="button button--secondary">
            Back to questionnaires
          </Link>
        }
      />
      <form
        className="builder"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <SectionPanel title="Questionnaire">
          <div className="builder-row">
            <TextField
              label="Title"
              className="builder-row__wide"
              value={draft.title}
              maxLength={300}
              error={topProblem("title")}
              onChange={(e) => {
                const title = e.target.value;
                setDraft((d) => ({
                  ...d,
                  title,
                  id: d.idFixed ? d.id : idFromText(title, new Set(), "questionnaire"),
                }));
              }}
            />
            <TextField
              label="Template id"
              value={draft.id}
              maxLength={64}
              hint="Versions of one questionnaire share it."
              error={topProblem("id")}
              onChange={(e) => {
                const id = e.target.value;
                setDraft((d) => ({ ...d, id, idFixed: true }));
              }}
            />
            <TextField
              label="Version"
              className="builder-row__narrow"
              value={draft.version}
              maxLength={32}
              error={topProblem("version")}
              onChange={(e) => {
                const version = e.target.value;
                setDraft((d) => ({ ...d, version }));
                // "already exists" is about the old value: it goes once the version is changed.
                setProblems((ps) => ps.filter((p) => !(p.sectionKey === null && p.field === "version")));
              }}
            />
          </div>
          <TextAreaField
            label="Description (optional)"
            value={draft.description}
            maxLength={4000}
            rows={2}
            error={topProblem("description")}
            onChange={(e) => {
              const description = e.target.value;
              setDraft((d) => ({ ...d, description }));
            }}
          />
        </SectionPanel>

        {draft.sections.length === 0 ? (
          <EmptyState
            title="No sections yet"
            action={
              <button
                type="button"
                className="button button--primary"
                onClick={() => setDraft((d) => ({ ...d, sections: [newSection(sectionIds())] }))}
              >
                Add a section
              </button>
            }
          >
            <p>
              A questionnaire is sections of questions, for example “Staff agreements” or “Devices and media”.
            </p>
          </EmptyState>
        ) : (
          draft.sections.map((section, si) => (
            <SectionEditor
              key={section.key}
              section={section}
              index={si}
              count={draft.sections.length}
              draft={draft}
              problems={problems.filter((p) => p.sectionKey === section.key)}
              otherSectionIds={sectionIds(section.key)}
              onChange={(update) => updateSection(section.key, update)}
              onMove={(by) => setDraft((d) => ({ ...d, sections: moveItem(d.sections, si, by) }))}
              onRemove={() =>
                setDraft((d) => {
                  const removed = new Set(section.questions.map((q) => q.key));
                  return {
                    ...d,
                    sections: d.sections
                      .filter((s) => s.key !== section.key)
                      .map((s) => ({
                        ...s,
                        questions: s.questions.map((q) =>
                          q.condition && removed.has(q.condition.questionKey) ? { ...q, condition: null } : q,
                        ),
                      })),
                  };
                })
              }
              onAddQuestion={() =>
                updateSection(section.key, (s) => ({
                  ...s,
                  questions: [...s.questions, newQuestion(questionIds(draft))],
                }))
              }
              onQuestion={updateQuestion}
              onRemoveQuestion={removeQuestion}
            />
          ))
        )}

        {draft.sections.length > 0 && (
          <div className="builder-actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setDraft((d) => ({ ...d, sections: [...d.sections, newSection(sectionIds())] }))}
            >
              Add a section
            </button>
          </div>
        )}

        {draft.sections.length > 0 && (
          <SectionPanel
            title="Scoring preview"
            description="The most points each section can give: the sum of its questions' weights."
          >
            <table className="table">
              <tbody>
                {points.map((s, i) => (
                  <tr key={s.key}>
                    <td>{s.title || `Section ${i + 1}`}</td>
                    <td>{s.points} points</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Total</th>
                  <td>{totalPoints} points</td>
                </tr>
              </tbody>
            </table>
          </SectionPanel>
        )}

        {error && (
          <Alert tone="error" title="Nothing was saved">
            <p>{problems.length > 0 ? "Check the highlighted fields; your work is kept." : error.detail}</p>
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map((p) => (
                  <li key={`${p.path}-${p.message}`}>
                    <strong>{p.path}</strong>: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <div className="builder-actions">
          <BusyButton className="button button--primary" busy={busy} busyLabel="Saving…">
            Save template
          </BusyButton>
        </div>
      </form>
    </>
  );
}

interface SectionEditorProps {
  section: SectionDraft;
  index: number;
  count: number;
  draft: TemplateDraft;
  problems: readonly PlacedProblem[];
  otherSectionIds: ReadonlySet<string>;
  onChange(update: (s: SectionDraft) => SectionDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  onAddQuestion(): void;
  onQuestion(key: string, update: (q: QuestionDraft) => QuestionDraft): void;
  onRemoveQuestion(key: string): void;
}

function SectionEditor({
  section,
  index,
  count,
  draft,
  problems,
  otherSectionIds,
  onChange,
  onMove,
  onRemove,
  onAddQuestion,
  onQuestion,
  onRemoveQuestion,
}: SectionEditorProps) {
  const name = `Section ${index + 1}`;
  const own = problems.filter((p) => p.questionKey === null);
  const problemFor = (field: string) =>
    own
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join("; ") || undefined;
  return (
    <fieldset className="builder-section">
      <legend className="builder-section__legend">{name}</legend>
      <div className="builder-row">
        <TextField
          label="Section title"
          className="builder-row__wide"
          value={section.title}
          maxLength={300}
          error={problemFor("title")}
          onChange={(e) => {
            const title = e.target.value;
            onChange((s) => ({
              ...s,
              title,
              id: s.idFixed ? s.id : idFromText(title, otherSectionIds, "section"),
            }));
          }}
        />
        <IdField label="Section id" value={section.id} error={problemFor("id")} onChange={onChange} />
      </div>
      <ItemActions
        name={`section ${index + 1}`}
        first={index === 0}
        last={index === count - 1}
        removeText="Remove section"
        onMove={onMove}
        onRemove={onRemove}
      />
      {section.questions.length === 0 ? (
        <p className={problemFor("questions") ? "field__error" : undefined}>
          {problemFor("questions") ?? "No questions in this section yet."}
        </p>
      ) : (
        section.questions.map((q, qi) => (
          <QuestionEditor
            key={q.key}
            question={q}
            name={`Question ${qi + 1}`}
            takenIds={questionIds(draft, q.key)}
            conditionTargets={conditionTargets(draft, q.key)}
            problems={problems.filter((p) => p.questionKey === q.key)}
            first={qi === 0}
            last={qi === section.questions.length - 1}
            onChange={(update) => onQuestion(q.key, update)}
            onMove={(by) => onChange((s) => ({ ...s, questions: moveItem(s.questions, qi, by) }))}
            onRemove={() => onRemoveQuestion(q.key)}
          />
        ))
      )}
      <button type="button" className="button button--secondary button--small" onClick={onAddQuestion}>
        Add a question
      </button>
    </fieldset>
  );
}
