import { useState } from "react";
import type { AnswerValue, FileAnswer, Question } from "../../answering/questionnaire-types.ts";
import { ApiError, api } from "../../api/api-client.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { Link } from "../../router/link.tsx";
import { type ReviewView, STATUS_LABELS } from "./questionnaire-api-types.ts";
import "./questionnaires.css";

function formatAnswer(question: Question, value: AnswerValue | undefined): string {
  if (value === undefined) return "(not answered)";
  if (question.type === "yes-no") return value === "yes" ? "Yes" : "No";
  const label = (id: string) => question.options?.find((o) => o.id === id)?.label ?? id;
  if (question.type === "single-choice") return label(String(value));
  if (question.type === "multiple-choice") return (value as string[]).map(label).join("; ") || "(none)";
  if (question.type === "file") return (value as FileAnswer[]).map((f) => f.name).join(", ");
  return String(value);
}

/**
 * The security team's review of a questionnaire: each answer with its points, grades for text and
 * file answers, clarification requests, internal notes (never shown to the vendor), and acceptance.
 */
export function QuestionnaireReviewPage({ id }: { id: string }) {
  const review = useApi<ReviewView>(`/api/questionnaires/${id}/review`);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [grades, setGrades] = useState<Record<string, string>>({});
  const [clarify, setClarify] = useState<Record<string, string>>({});
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);

  if (review.status === "error") return <ErrorState error={review.error} onRetry={review.reload} />;
  if (review.status === "loading") return <LoadingState />;
  const r = review.data;
  const submitted = r.status === "submitted";

  const act = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await api<{ link?: { url: string } }>(`/api/questionnaires/${id}/${path}`, {
        method: "POST",
        body,
      });
      setNotice(result.link ? `${done} Send the vendor this new link: ${result.link.url}` : done);
      review.reload();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const points = new Map((r.score?.reasons ?? []).map((x) => [x.question, x]));
  const excluded = new Map((r.score?.excluded ?? []).map((x) => [x.question, x.why]));
  const textOf = new Map(r.definition.sections.flatMap((s) => s.questions.map((q) => [q.id, q.text])));
  // Text and file answers a reviewer has not graded yet: the questionnaire cannot be accepted before.
  const ungraded = (r.score?.excluded ?? [])
    .filter((x) => x.why === "awaiting review")
    .map((x) => x.question);
  return (
    <>
      <PageHeader
        title={`Review: ${r.title}`}
        description={
          <>
            {STATUS_LABELS[r.status]} ·{" "}
            {r.recipient.kind === "link" ? `link (${r.recipient.label})` : r.recipient.label} ·{" "}
            <Link to={`/engagements/${r.engagementId}`}>Open the engagement</Link>
          </>
        }
      />
      <SectionPanel title="Score">
        {r.score?.score === null || !r.score ? (
          <p>Nothing scored yet.</p>
        ) : (
          <p className="review-score">
            Score <strong>{r.score.score.toFixed(1)}</strong> / 100 ({r.score.points} of {r.score.maxPoints}{" "}
            points)
            {r.status === "accepted"
              ? ` · accepted by ${r.acceptedBy}, valid until ${r.validUntil}`
              : " · provisional until accepted"}
          </p>
        )}
        {(r.score?.criticalFindings ?? []).length > 0 && (
          <Alert tone="warning" title="Knock-out answers: the questionnaire fails whatever its score">
            <ul>
              {r.score?.criticalFindings.map((c) => (
                <li key={c.question}>
                  “{textOf.get(c.question) ?? c.question}”: {c.why}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {submitted && ungraded.length > 0 && (
          <p className="muted">
            Grade {ungraded.length === 1 ? "the answer" : `the ${ungraded.length} answers`} awaiting review
            below before accepting: {ungraded.map((q) => `“${textOf.get(q) ?? q}”`).join(", ")}.
          </p>
        )}
        {submitted && ungraded.length === 0 && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void act("accept", {}, "Accepted: the score now feeds DD-2.")}
          >
            Accept questionnaire
          </button>
        )}
      </SectionPanel>
      {error && <Alert tone="error">{error.detail}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      {r.definition.sections.map((section) => (
        <SectionPanel key={section.id} title={section.title}>
          {section.questions
            .filter((q) => r.answers[q.id] !== undefined || excluded.get(q.id) !== "hidden")
            .map((q) => {
              const reason = points.get(q.id);
              const files = r.files.filter((f) => f.question === q.id);
              const gradable = q.type === "text" || q.type === "file";
              return (
                <article key={q.id} className="review-answer" aria-label={q.text}>
                  <h3 className="review-answer__question">{q.text}</h3>
                  <p className="review-answer__value">{formatAnswer(q, r.answers[q.id])}</p>
                  {files.length > 0 && (
                    <ul>
                      {files.map((f) => (
                        <li key={f.evidenceId}>
                          <a href={`/api/evidence/${f.evidenceId}/file`}>Download {f.name}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                  <p className="review-answer__points">
                    {reason
                      ? `${reason.points} / ${reason.max} points: ${reason.why}`
                      : (excluded.get(q.id) ?? "")}
                  </p>
                  {submitted && gradable && (
                    <div className="review-answer__action">
                      <label htmlFor={`grade-${q.id}`}>Grade (0 to 1)</label>{" "}
                      <input
                        id={`grade-${q.id}`}
                        className="input input--narrow"
                        type="number"
                        min={0}
                        max={1}
                        step={0.25}
                        value={grades[q.id] ?? ""}
                        onChange={(e) => setGrades((g) => ({ ...g, [q.id]: e.target.value }))}
                      />{" "}
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Save grade for “${q.text}”`}
                        disabled={busy || grades[q.id] === undefined || grades[q.id] === ""}
                        onClick={() =>
                          void act(
                            "grades",
                            { grades: { [q.id]: Number(grades[q.id]) } },
                            `Graded “${q.text}”.`,
                          )
                        }
                      >
                        Save grade
                      </button>
                    </div>
                  )}
                  {submitted && (
                    <details className="review-answer__action">
                      <summary>Ask for clarification</summary>
                      <label htmlFor={`clarify-${q.id}`}>What needs clarifying</label>
                      <textarea
                        id={`clarify-${q.id}`}
                        className="input textarea"
                        rows={2}
                        value={clarify[q.id] ?? ""}
                        onChange={(e) => setClarify((c) => ({ ...c, [q.id]: e.target.value }))}
                      />
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy || !clarify[q.id]}
                        onClick={() =>
                          void act(
                            "clarifications",
                            { question: q.id, request: clarify[q.id] },
                            "Clarification requested.",
                          )
                        }
                      >
                        Send the request
                      </button>
                    </details>
                  )}
                  {r.clarifications
                    .filter((c) => c.question === q.id)
                    .map((c) => (
                      <p key={c.id} className="review-answer__clarification">
                        Asked: {c.request} — {c.response ? `Vendor: ${c.response}` : "awaiting the vendor"}
                      </p>
                    ))}
                </article>
              );
            })}
        </SectionPanel>
      ))}
      <SectionPanel title="Internal review notes" description="Never shown to the vendor.">
        <ul>
          {r.notes.map((n) => (
            <li key={n.id}>
              {n.note} — {n.author}, {n.createdAt.slice(0, 10)}
            </li>
          ))}
        </ul>
        <label htmlFor="review-note">Add a note</label>
        <textarea
          id="review-note"
          className="input textarea"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="button"
          className="button button--small"
          disabled={busy || !note.trim()}
          onClick={() => void act("notes", { note }, "Note added.").then((ok) => ok && setNote(""))}
        >
          Add note
        </button>
      </SectionPanel>
    </>
  );
}
