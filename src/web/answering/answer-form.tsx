import { useMemo, useState } from "react";
import type { Questionnaire } from "../../engines/questionnaire/questionnaire-schema.ts";
import { resolveVisibility } from "../../engines/questionnaire/resolve-visibility.ts";
import { ApiError } from "../api/api-client.ts";
import { Alert } from "../components/alert.tsx";
import { QuestionInput } from "./question-input.tsx";
import type { Answers, AnswerValue, FileAnswer, HandOff, RespondentView } from "./questionnaire-types.ts";
import { questionProblems, type RespondentApi } from "./respondent-api.ts";
import { SectionHandOff } from "./section-hand-off.tsx";
import "./answer-form.css";

export interface AnswerFormProps {
  /** How this respondent reaches the server (a link's token, or the signed-in session). */
  respondent: RespondentApi;
  /** The questionnaire as first loaded; the form keeps its own answers from then on. */
  view: RespondentView;
  /** Said after "Draft saved.": where the respondent comes back to carry on. */
  savedNote: string;
  onSubmitted(): void;
  /** The questionnaire can no longer be reached (403/404): the page shows this message instead. */
  onRefused(message: string): void;
}

/**
 * Answering a questionnaire: its sections and questions (with their show-if rules), draft saving,
 * file attachments, replies to clarification requests, handing a section to a colleague, and
 * submission. A colleague's section view (`view.section`) shows that one section, without
 * hand-offs or submission. The public link page and the vendor portal both render it, each with
 * its own {@link RespondentApi}.
 */
export function AnswerForm({ respondent, view, savedNote, onSubmitted, onRefused }: AnswerFormProps) {
  const [answers, setAnswers] = useState<Answers>(view.answers);
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [handOffs, setHandOffs] = useState<HandOff[]>(view.handOffs);

  const visible = useMemo(
    () => resolveVisibility(view.definition as unknown as Questionnaire, answers),
    [view, answers],
  );

  const fail = (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 403 || error.status === 404) {
        onRefused(error.detail);
        return;
      }
      const byQuestion: Record<string, string> = {};
      for (const p of questionProblems(error)) if (p.question) byQuestion[p.question] = p.message;
      setProblems(byQuestion);
      setMessage({ tone: "error", text: error.detail });
    } else {
      setMessage({ tone: "error", text: "Something went wrong: try again." });
    }
  };

  /** Answers to questions hidden by a show-if rule are not sent. */
  const shownAnswers = (): Answers => {
    const out: Answers = {};
    for (const [id, value] of Object.entries(answers)) if (visible.get(id)) out[id] = value;
    return out;
  };

  const clearProblem = (id: string) =>
    setProblems((p) => {
      const { [id]: _, ...rest } = p;
      return rest;
    });

  const setAnswer = (id: string, value: AnswerValue | undefined) => {
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });
    clearProblem(id);
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const upload = (questionId: string, file: File) =>
    run(async () => {
      try {
        const stored = await respondent.attachFile(questionId, file);
        setAnswers((current) => ({
          ...current,
          [questionId]: [...((current[questionId] as FileAnswer[] | undefined) ?? []), stored],
        }));
        clearProblem(questionId);
      } catch (error) {
        // A refused file (too large, wrong type) is the question's problem, not the page's.
        if (error instanceof ApiError && error.status !== 403 && error.status !== 404) {
          setProblems((p) => ({ ...p, [questionId]: error.detail }));
        } else throw error;
      }
    });

  const save = () =>
    run(async () => {
      await respondent.saveDraft(shownAnswers());
      setProblems({});
      setMessage({ tone: "success", text: `Draft saved. ${savedNote}` });
    });

  const submit = () =>
    run(async () => {
      await respondent.submit({ answers: shownAnswers(), clarificationResponses: replies });
      onSubmitted();
    });

  /** After a hand-off changed: the server's answers replace the local ones of that section only. */
  const handOffChanged = (sectionId: string) => (fresh: RespondentView | null, added?: HandOff) => {
    if (added) setHandOffs((list) => [added, ...list]);
    if (!fresh) return;
    setHandOffs(fresh.handOffs);
    const ids = view.definition.sections.find((s) => s.id === sectionId)?.questions.map((q) => q.id) ?? [];
    setAnswers((current) => {
      const next = { ...current };
      for (const id of ids) {
        const value = fresh.answers[id];
        if (value === undefined) delete next[id];
        else next[id] = value;
      }
      return next;
    });
  };
  const liveHandOff = (sectionId: string) =>
    handOffs.find((h) => h.section === sectionId && h.state === "active");

  const questionText = (id: string) =>
    view.definition.sections.flatMap((s) => s.questions).find((q) => q.id === id)?.text ?? id;
  const open = view.clarifications.filter((c) => !c.respondedAt);
  return (
    <div className="answer-form">
      {view.section && open.length > 0 && (
        <section className="answer-form__section" aria-labelledby="clarifications-title">
          <h2 id="clarifications-title">Clarifications requested</h2>
          <ul>
            {open.map((c) => (
              <li key={c.id}>
                On “{questionText(c.question)}”: {c.request}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!view.section && open.length > 0 && (
        <section className="answer-form__section" aria-labelledby="clarifications-title">
          <h2 id="clarifications-title">Clarifications requested</h2>
          {open.map((c) => (
            <div key={c.id} className="field">
              <label className="field__label" htmlFor={`reply-${c.id}`}>
                On “{questionText(c.question)}”: {c.request}
              </label>
              <textarea
                id={`reply-${c.id}`}
                className="input textarea"
                rows={3}
                value={replies[c.id] ?? ""}
                onChange={(e) => setReplies((r) => ({ ...r, [c.id]: e.target.value }))}
              />
            </div>
          ))}
        </section>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {view.definition.sections.map((section) => (
          <section key={section.id} className="answer-form__section" aria-labelledby={`s-${section.id}`}>
            <h2 id={`s-${section.id}`}>{section.title}</h2>
            {section.description && <p>{section.description}</p>}
            {!view.section && (
              <SectionHandOff
                respondent={respondent}
                section={section}
                handOff={liveHandOff(section.id)}
                disabled={busy}
                onChanged={handOffChanged(section.id)}
              />
            )}
            {section.questions
              .filter((q) => visible.get(q.id))
              .map((q) => (
                <QuestionInput
                  key={q.id}
                  question={q}
                  value={answers[q.id]}
                  error={problems[q.id]}
                  disabled={busy || liveHandOff(section.id) !== undefined}
                  onChange={(value) => setAnswer(q.id, value)}
                  onUpload={(file) => upload(q.id, file)}
                />
              ))}
          </section>
        ))}
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <div className="answer-form__actions">
          <button type="button" className="button" disabled={busy} onClick={() => void save()}>
            Save draft
          </button>
          {!view.section && (
            <button type="submit" className="button button--primary" disabled={busy}>
              Submit answers
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
