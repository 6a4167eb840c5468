import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { Link } from "../../router/link.tsx";
import { DueReminder } from "../questionnaires/due-questionnaires.tsx";
import type { PortalQuestionnaire } from "../questionnaires/questionnaire-api-types.ts";

/** The statuses a vendor contact can still act on, in its own words. */
const VENDOR_STATUS_LABELS: Partial<Record<PortalQuestionnaire["status"], string>> = {
  sent: "Not started",
  in_progress: "Draft saved",
  clarification: "Clarification requested",
};

/**
 * The questionnaires the vendor contact's organisation still has to answer, soonest due first,
 * each opening its answer screen.
 */
export function PortalQuestionnairesPanel() {
  const list = useApi<PortalQuestionnaire[]>("/api/portal/questionnaires");
  return (
    <SectionPanel
      title="Questionnaires to answer"
      description="Sent to your organisation by the security team. Save a draft as you go; submit when every required answer is in."
    >
      {list.status === "error" && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === "loading" && <LoadingState label="Loading your questionnaires…" />}
      {list.data && list.data.length === 0 && (
        <p className="muted">No questionnaire is waiting for your answers.</p>
      )}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Questionnaires to answer</caption>
            <thead>
              <tr>
                <th scope="col">Questionnaire</th>
                <th scope="col">Engagement</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Open clarifications</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((q) => (
                <tr key={q.id}>
                  <th scope="row" className="table__primary">
                    <Link to={`/portal/questionnaires/${q.id}`}>{q.title}</Link>
                  </th>
                  <td>{q.engagementName}</td>
                  <td className="nowrap">
                    {q.dueOn ? formatDate(q.dueOn) : "No due date"} <DueReminder reminder={q.reminder} />
                  </td>
                  <td>{VENDOR_STATUS_LABELS[q.status] ?? q.status}</td>
                  <td>{q.openClarifications}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SectionPanel>
  );
}
