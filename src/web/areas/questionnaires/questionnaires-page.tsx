import { useState } from "react";
import { ApiError, api } from "../../api/api-client.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { Link } from "../../router/link.tsx";
import { useLocation } from "../../router/use-location.ts";
import { DueQuestionnaires, DueReminder } from "./due-questionnaires.tsx";
import { type AssignmentSummary, STATUS_LABELS, type TemplateView } from "./questionnaire-api-types.ts";
import { SendQuestionnaireForm } from "./send-questionnaire-form.tsx";

/** Questionnaires due soon or overdue, templates (import, export), sending, and the questionnaires of an engagement. */
export function QuestionnairesPage() {
  const templates = useApi<TemplateView[]>("/api/questionnaire-templates");
  const mayWrite = userCan(useCurrentUser(), "questionnaires.write");
  const savedId = useLocation().search.get("saved");
  const [engagementId, setEngagementId] = useState("");
  const [version, setVersion] = useState(0);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const [imported, setImported] = useState<string | null>(null);

  if (templates.status === "error") return <ErrorState error={templates.error} onRetry={templates.reload} />;
  if (templates.status === "loading") return <LoadingState />;

  const importFile = async (file: File) => {
    setImportError(null);
    setImported(null);
    const form = new FormData();
    form.set("file", file);
    try {
      const t = await api<TemplateView>("/api/questionnaire-templates/upload", {
        method: "POST",
        body: form,
      });
      setImported(`Imported “${t.title}” version ${t.version} (${t.questions} questions).`);
      templates.reload();
    } catch (e) {
      setImportError(e instanceof ApiError ? e : null);
    }
  };
  const problems = (importError?.problem.problems ?? []) as {
    path?: string;
    place?: string;
    message: string;
  }[];

  const saved = savedId ? templates.data.find((t) => t.id === savedId) : undefined;

  return (
    <>
      <PageHeader
        title="Questionnaires"
        description="Ask vendors how they treat their clients' IP (DD-2), and review their answers."
        actions={
          mayWrite && (
            <Link to="/questionnaires/templates/new" className="button button--primary">
              New template
            </Link>
          )
        }
      />
      {saved && (
        <Alert tone="success">{`Saved “${saved.title}” version ${saved.version} (${saved.questions} questions).`}</Alert>
      )}
      <SectionPanel
        title="Due soon or overdue"
        description="Questionnaires not yet submitted within their reminder window or past their due date (checked daily)."
      >
        <DueQuestionnaires key={version} />
      </SectionPanel>
      <SectionPanel title="Send a questionnaire">
        <SendQuestionnaireForm
          templates={templates.data}
          engagementId={engagementId}
          onEngagement={setEngagementId}
          onSent={() => setVersion((v) => v + 1)}
        />
      </SectionPanel>
      {engagementId && (
        <SectionPanel title="Questionnaires of this engagement">
          <EngagementQuestionnaires key={`${engagementId}-${version}`} engagementId={engagementId} />
        </SectionPanel>
      )}
      <SectionPanel title="Templates">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Title</th>
                <th>Version</th>
                <th>Questions</th>
                <th>Export</th>
                {mayWrite && <th>Change</th>}
              </tr>
            </thead>
            <tbody>
              {templates.data.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.title}
                    {t.builtIn ? " (built in)" : ""}
                  </td>
                  <td>{t.version}</td>
                  <td>{t.questions}</td>
                  <td>
                    <a href={`/api/questionnaire-templates/${t.id}/export?format=json`}>JSON</a> ·{" "}
                    <a href={`/api/questionnaire-templates/${t.id}/export?format=xlsx`}>XLSX</a>
                  </td>
                  {mayWrite && (
                    <td>
                      <Link to={`/questionnaires/templates/new?from=${encodeURIComponent(t.id)}`}>
                        New version
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="import-questionnaire">
            Import a questionnaire (JSON or XLSX)
          </label>
          <input
            id="import-questionnaire"
            type="file"
            className="input"
            accept=".json,.xlsx"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = "";
            }}
          />
        </div>
        {imported && <Alert tone="success">{imported}</Alert>}
        {importError && (
          <Alert tone="error" title="Nothing was imported">
            <p>{importError.detail}</p>
            {problems.length > 0 && (
              <ul>
                {problems.map((p) => (
                  <li key={`${p.place ?? p.path}-${p.message}`}>
                    <strong>{p.place ?? p.path}</strong>: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </SectionPanel>
    </>
  );
}

function EngagementQuestionnaires({ engagementId }: { engagementId: string }) {
  const assignments = useApi<AssignmentSummary[]>(`/api/engagements/${engagementId}/questionnaires`);
  if (assignments.status === "error")
    return <ErrorState error={assignments.error} onRetry={assignments.reload} />;
  if (assignments.status === "loading") return <LoadingState />;
  if (assignments.data.length === 0) return <p>None sent yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>Questionnaire</th>
            <th>Recipient</th>
            <th>Status</th>
            <th>Due</th>
            <th>Sent</th>
          </tr>
        </thead>
        <tbody>
          {assignments.data.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/questionnaires/${a.id}`}>{a.title}</Link>
              </td>
              <td>{a.recipient.kind === "link" ? `Link · ${a.recipient.label}` : a.recipient.label}</td>
              <td>{STATUS_LABELS[a.status]}</td>
              <td>
                {a.dueOn ?? ""} <DueReminder reminder={a.reminder} />
              </td>
              <td>{a.createdAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
