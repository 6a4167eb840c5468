import { useCallback, useEffect, useMemo, useState } from "react";
import { AnswerForm } from "../../answering/answer-form.tsx";
import type { RespondentView } from "../../answering/questionnaire-types.ts";
import { ApiError } from "../../api/api-client.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate, formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Link } from "../../router/link.tsx";
import { accountRespondentApi } from "./account-respondent-api.ts";

type Load =
  | { status: "loading" }
  | { status: "failed"; error: ApiError }
  | { status: "refused"; message: string }
  | { status: "ready"; view: RespondentView }
  | { status: "submitted"; title: string };

const OPEN_STATUSES = new Set(["sent", "in_progress", "clarification"]);

/**
 * A vendor contact answers one of its organisation's questionnaires inside the portal, with the
 * same form as a link holder: drafts, files, clarification replies, section hand-offs, submission.
 * The server refuses other vendors' questionnaires as not found.
 */
export function PortalQuestionnairePage({ id }: { id: string }) {
  const respondent = useMemo(() => accountRespondentApi(id), [id]);
  const [load, setLoad] = useState<Load>({ status: "loading" });

  const open = useCallback(() => {
    setLoad({ status: "loading" });
    respondent
      .load()
      .then((view) => setLoad({ status: "ready", view }))
      .catch((error: unknown) =>
        setLoad({
          status: "failed",
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ status: 0, code: "client", detail: "The questionnaire could not be opened." }),
        }),
      );
  }, [respondent]);
  useEffect(open, [open]);

  const back = <Link to="/portal">Back to the vendor portal</Link>;
  if (load.status === "loading") return <LoadingState label="Opening the questionnaire…" />;
  if (load.status === "failed") {
    return (
      <>
        <PageHeader title="Questionnaire" actions={back} />
        <ErrorState error={load.error} onRetry={load.error.status === 404 ? undefined : open} />
      </>
    );
  }
  if (load.status === "refused") {
    return (
      <>
        <PageHeader title="Questionnaire" actions={back} />
        <Alert tone="error" title="This questionnaire cannot be answered">
          {load.message}
        </Alert>
      </>
    );
  }
  if (load.status === "submitted") {
    return (
      <>
        <PageHeader title={load.title} actions={back} />
        <Alert tone="success" title="Thank you: your answers were submitted">
          The security team will review them and may ask you to clarify an answer; it would then appear again
          under “Questionnaires to answer”.
        </Alert>
      </>
    );
  }
  const v = load.view;
  return (
    <>
      <PageHeader
        title={v.title}
        description={
          <>
            Questionnaire for {v.vendorName}
            {v.dueOn ? `, due ${formatDate(v.dueOn)}` : ""}.
            {v.definition.description && <> {v.definition.description}</>}
          </>
        }
        actions={back}
      />
      {!OPEN_STATUSES.has(v.status) ? (
        <Alert tone="info" title="Nothing left to answer">
          This questionnaire was submitted{v.submittedAt ? ` on ${formatDateTime(v.submittedAt)}` : ""}; the
          security team is reviewing it.
        </Alert>
      ) : (
        <>
          {v.status === "clarification" && (
            <Alert tone="warning" title="Clarification requested">
              The security team asked you to clarify some answers: reply below, change answers if needed, and
              submit again.
            </Alert>
          )}
          <AnswerForm
            respondent={respondent}
            view={v}
            savedNote="You can come back to it from the vendor portal until you submit."
            onSubmitted={() => setLoad({ status: "submitted", title: v.title })}
            onRefused={(message) =>
              setLoad({
                status: "failed",
                error: new ApiError({ status: 404, code: "not_found", detail: message }),
              })
            }
          />
        </>
      )}
    </>
  );
}
