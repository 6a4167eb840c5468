import { useCallback, useEffect, useMemo, useState } from "react";
import type { Questionnaire } from "../../engines/questionnaire/questionnaire-schema.ts";
import { resolveVisibility } from "../../engines/questionnaire/resolve-visibility.ts";
import { ApiError } from "../api/api-client.ts";
import { Alert } from "../components/alert.tsx";
import { LoadingState } from "../components/loading-state.tsx";
import { linkApi, questionProblems } from "./link-api.ts";
import { QuestionInput } from "./question-input.tsx";
import type { Answers, AnswerValue, FileAnswer, HandOff, RespondentView } from "./questionnaire-types.ts";
import { SectionHandOff } from "./section-hand-off.tsx";
import "./answer-link.css";

const STORAGE_KEY = "warden.questionnaire-link";

/** The token arrives in the fragment (never sent to a server); it is then kept for this tab only and cleared from the address. */
function takeToken(): string {
  const fromHash = window.location.hash.slice(1);
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash);
    window.history.replaceState(null, "", window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? "";
}

type Load =
  | { status: "loading" }
  | { status: "refused"; message: string }
  | { status: "ready"; view: RespondentView }
  | { status: "submitted"; title: string };

/**
 * The page a vendor opens from a questionnaire link, without an account: answer, attach files,
 * save a draft, reply to clarification requests, hand a section to a colleague and submit. A
 * colleague's section link opens the same page with that one section, without submission.
 * Outside the signed-in shell.
 */
export function AnswerLinkPage() {
  const [token] = useState(takeToken);
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [answers, setAnswers] = useState<Answers>({});
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [handOffs, setHandOffs] = useState<HandOff[]>([]);

  useEffect(() => {
    document.title = "Questionnaire · Warden";
    if (!token) {
      setLoad({
        status: "refused",
        message: "This address has no questionnaire link in it: open the link you were sent.",
      });
      return;
    }
    linkApi<RespondentView>(token, "")
      .then((view) => {
        setLoad({ status: "ready", view });
        setAnswers(view.answers);
        setHandOffs(view.handOffs);
      })
      .catch((error: unknown) =>
        setLoad({
          status: "refused",
          message: error instanceof ApiError ? error.detail : "The questionnaire could not be opened.",
        }),
      );
  }, [token]);

  const view = load.status === "ready" ? load.view : null;
  const visible = useMemo(
    () =>
      view
        ? resolveVisibility(view.definition as unknown as Questionnaire, answers)
        : new Map<string, boolean>(),
    [view, answers],
  );

  const fail = useCallback((error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 403 || error.status === 404) {
        setLoad({ status: "refused", message: error.detail });
        return;
      }
      const byQuestion: Record<string, string> = {};
      for (const p of questionProblems(error)) if (p.question) byQuestion[p.question] = p.message;
      setProblems(byQuestion);
      setMessage({ tone: "error", text: error.detail });
    } else {
      setMessage({ tone: "error", text: "Something went wrong: try again." });
    }
  }, []);

  if (load.status === "loading") {
    return (
      <main className="answer-link">
        <LoadingState label="Opening the questionnaire…" />
      </main>
    );
  }
  if (load.status === "refused") {
    return (
      <main className="answer-link">
        <h1>Questionnaire</h1>
        <Alert tone="error" title="This link cannot be used">
          {load.message}
        </Alert>
      </main>
    );
  }
  if (load.status === "submitted") {
    return (
      <main className="answer-link">
        <h1>{load.title}</h1>
        <Alert tone="success" title="Thank you: your answers were submitted">
          The security team will review them and may ask you to clarify an answer. This link no longer works.
        </Alert>
      </main>
    );
  }
  const v = view as RespondentView;

  const shownAnswers = (): Answers => {
    const out: Answers = {};
    for (const [id, value] of Object.entries(answers)) if (visible.get(id)) out[id] = value;
    return out;
  };

  const setAnswer = (id: string, value: AnswerValue | undefined) => {
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });
    setProblems((p) => {
      const { [id]: _, ...rest } = p;
      return rest;
    });
  };

  const upload = async (questionId: string, file: File) => {
    setBusy(true);
    setMessage(null);
    try {
      const form = new FormData();
      form.set("question", questionId);
      form.set("file", file);
      const stored = await linkApi<FileAnswer>(token, "/files", { method: "POST", body: form });
      setAnswers((current) => ({
        ...current,
        [questionId]: [...((current[questionId] as FileAnswer[] | undefined) ?? []), stored],
      }));
      setProblems((p) => {
        const { [questionId]: _, ...rest } = p;
        return rest;
      });
    } catch (error) {
      if (error instanceof ApiError && error.status !== 403 && error.status !== 404) {
        setProblems((p) => ({ ...p, [questionId]: error.detail }));
      } else fail(error);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await linkApi(token, "/answers", { method: "PUT", body: { answers: shownAnswers() } });
      setProblems({});
      setMessage({ tone: "success", text: "Draft saved. You can come back to this link until it expires." });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await linkApi(token, "/submit", {
        method: "POST",
        body: { answers: shownAnswers(), clarificationResponses: replies },
      });
      sessionStorage.removeItem(STORAGE_KEY);
      setLoad({ status: "submitted", title: v.title });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  /** After a hand-off changed: the server's answers replace the local ones of that section only. */
  const handOffChanged = (sectionId: string) => (fresh: RespondentView | null, added?: HandOff) => {
    if (added) setHandOffs((list) => [added, ...list]);
    if (!fresh) return;
    setHandOffs(fresh.handOffs);
    const ids = v.definition.sections.find((s) => s.id === sectionId)?.questions.map((q) => q.id) ?? [];
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

  const open = v.clarifications.filter((c) => !c.respondedAt);
  return (
    <main className="answer-link">
      <header className="answer-link__header">
        <p className="answer-link__brand">Warden · questionnaire for {v.vendorName}</p>
        <h1>{v.title}</h1>
        {v.definition.description && <p>{v.definition.description}</p>}
        {v.section && (
          <Alert tone="info" title={`Section “${v.section.title}” was handed to you`}>
            {v.section.handedOffBy} asked you to answer this section. Save your draft: they see your answers
            and submit the whole questionnaire.
          </Alert>
        )}
        <p className="answer-link__meta">
          {v.dueOn && <>Due {v.dueOn}. </>}
          {v.linkExpiresAt &&
            (v.section ? (
              <>This link works until {v.linkExpiresAt.slice(0, 10)}, or until the section is taken back. </>
            ) : (
              <>This link works until {v.linkExpiresAt.slice(0, 10)} or until you submit. </>
            ))}
          Nobody else can open it: do not forward it.
        </p>
      </header>
      {v.section && open.length > 0 && (
        <section className="answer-link__section" aria-labelledby="clarifications-title">
          <h2 id="clarifications-title">Clarifications requested</h2>
          <ul>
            {open.map((c) => (
              <li key={c.id}>
                On “
                {v.definition.sections.flatMap((s) => s.questions).find((q) => q.id === c.question)?.text ??
                  c.question}
                ”: {c.request}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!v.section && open.length > 0 && (
        <section className="answer-link__section" aria-labelledby="clarifications-title">
          <h2 id="clarifications-title">Clarifications requested</h2>
          {open.map((c) => (
            <div key={c.id} className="field">
              <label className="field__label" htmlFor={`reply-${c.id}`}>
                On “
                {v.definition.sections.flatMap((s) => s.questions).find((q) => q.id === c.question)?.text ??
                  c.question}
                ”: {c.request}
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
        {v.definition.sections.map((section) => (
          <section key={section.id} className="answer-link__section" aria-labelledby={`s-${section.id}`}>
            <h2 id={`s-${section.id}`}>{section.title}</h2>
            {section.description && <p>{section.description}</p>}
            {!v.section && (
              <SectionHandOff
                token={token}
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
        <div className="answer-link__actions">
          <button type="button" className="button" disabled={busy} onClick={() => void save()}>
            Save draft
          </button>
          {!v.section && (
            <button type="submit" className="button button--primary" disabled={busy}>
              Submit answers
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
