import { useEffect, useMemo, useState } from "react";
import { AnswerForm } from "../answering/answer-form.tsx";
import type { RespondentView } from "../answering/questionnaire-types.ts";
import { ApiError } from "../api/api-client.ts";
import { Alert } from "../components/alert.tsx";
import { LoadingState } from "../components/loading-state.tsx";
import { linkRespondentApi } from "./link-api.ts";
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
  const respondent = useMemo(() => linkRespondentApi(token), [token]);
  const [load, setLoad] = useState<Load>({ status: "loading" });

  useEffect(() => {
    document.title = "Questionnaire · Warden";
    if (!token) {
      setLoad({
        status: "refused",
        message: "This address has no questionnaire link in it: open the link you were sent.",
      });
      return;
    }
    respondent
      .load()
      .then((view) => setLoad({ status: "ready", view }))
      .catch((error: unknown) =>
        setLoad({
          status: "refused",
          message: error instanceof ApiError ? error.detail : "The questionnaire could not be opened.",
        }),
      );
  }, [token, respondent]);

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
  const v = load.view;
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
      <AnswerForm
        respondent={respondent}
        view={v}
        savedNote="You can come back to this link until it expires."
        onSubmitted={() => {
          sessionStorage.removeItem(STORAGE_KEY);
          setLoad({ status: "submitted", title: v.title });
        }}
        onRefused={(message) => setLoad({ status: "refused", message })}
      />
    </main>
  );
}
