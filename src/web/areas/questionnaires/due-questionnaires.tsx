import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { Link } from "../../router/link.tsx";
import { type AssignmentSummary, type DueQuestionnaire, STATUS_LABELS } from "./questionnaire-api-types.ts";

/** "Overdue" or "Due soon", as recorded by the daily reminders; nothing when no reminder is due. */
export function DueReminder({ reminder }: { reminder: AssignmentSummary["reminder"] }) {
  if (!reminder) return null;
  return reminder.kind === "overdue" ? (
    <span className="badge badge--danger">Overdue</span>
  ) : (
    <span className="badge badge--severity-medium">Due soon</span>
  );
}

/** Questionnaires not yet submitted whose due date is near or past, soonest first. */
export function DueQuestionnaires() {
  const due = useApi<DueQuestionnaire[]>("/api/questionnaires/due");
  if (due.status === "error") return <ErrorState error={due.error} onRetry={due.reload} />;
  if (due.status === "loading") return <LoadingState label="Loading reminders…" />;
  if (due.data.length === 0) return <p className="muted">No questionnaire is due soon or overdue.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Questionnaires due soon or overdue</caption>
        <thead>
          <tr>
            <th scope="col">Questionnaire</th>
            <th scope="col">Engagement</th>
            <th scope="col">Recipient</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {due.data.map((q) => (
            <tr key={q.id}>
              <td>
                <Link to={`/questionnaires/${q.id}`}>{q.title}</Link>
              </td>
              <td>
                <Link to={`/engagements/${q.engagementId}`}>{q.engagementName}</Link> · {q.vendorName}
              </td>
              <td>{q.recipient.label}</td>
              <td>{STATUS_LABELS[q.status]}</td>
              <td>
                {q.dueOn ? formatDate(q.dueOn) : ""} <DueReminder reminder={q.reminder} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
