import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { PdfDownloadLink } from "../../components/download-links.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { Link } from "../../router/link.tsx";
import type { DeliveryReport } from "./custody-types.ts";
import "./custody.css";

/** A delivery's verification: the verdict with every reason, each check with its log, every finding. */
export function DeliveryReportPage({ id }: { id: string }) {
  const report = useApi<DeliveryReport>(`/api/custody/verifications/${id}`);
  if (report.status === "error") return <ErrorState error={report.error} onRetry={report.reload} />;
  if (!report.data) return <LoadingState />;
  const r = report.data;
  return (
    <>
      <PageHeader
        title={`Delivery report: ${r.milestoneTitle}`}
        description={`${r.repositoryName} @ ${r.ref}${r.commit ? ` (commit ${r.commit})` : ""}, verified from our mirror`}
        actions={
          <>
            <PdfDownloadLink
              path={`/api/custody/verifications/${r.id}/report.pdf`}
              label="Download report (PDF)"
            />
            <Link to={`/custody/engagements/${r.engagementId}`} className="button button--secondary">
              Custody
            </Link>
          </>
        }
      />
      {r.verdict === null ? (
        <Alert tone="info" title={`Verification ${r.status}`}>
          <p>The report appears here when the verification finishes.</p>
        </Alert>
      ) : (
        <Alert
          tone={r.verdict === "accepted" ? "success" : "error"}
          title={r.verdict === "accepted" ? "Accepted" : "Rejected"}
        >
          {r.reasons.length > 0 ? (
            <ul>
              {r.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : (
            <p>Every check passed.</p>
          )}
        </Alert>
      )}
      <p className="table__sub">
        Recorded by {r.requestedBy} on {formatDateTime(r.createdAt)}
        {r.finishedAt &&
          `, finished ${formatDateTime(r.finishedAt)} in ${Math.round((r.durationMs ?? 0) / 1000)} s`}
        {r.previousAcceptedCommit && `; history checked since ${r.previousAcceptedCommit.slice(0, 12)}`}
        {r.manifestFiles !== null && `; manifest of ${r.manifestFiles} files kept as evidence`}
      </p>
      <div className="custody-stack">
        {r.checks.map((check) => (
          <SectionPanel key={check.id} title={`${check.id}: ${check.status}`} description={check.summary}>
            {check.findings.length > 0 && (
              <div className="table-wrap">
                <table className="table table--dense">
                  <thead>
                    <tr>
                      <th scope="col">Rule</th>
                      <th scope="col">File and line</th>
                      <th scope="col">Commit and author</th>
                      <th scope="col">Message</th>
                    </tr>
                  </thead>
                  <tbody>
                    {check.findings.map((f) => (
                      <tr key={`${f.rule}:${f.file}:${f.line}:${f.column}:${f.commit}:${f.fingerprint}`}>
                        <td>
                          <span
                            className={`badge ${f.severity === "error" ? "badge--danger" : "badge--neutral"}`}
                          >
                            {f.rule}
                          </span>
                        </td>
                        <td className="custody-oid">
                          {f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : "—"}
                        </td>
                        <td>
                          <span className="custody-oid">{f.commit?.slice(0, 12) ?? "—"}</span>
                          {f.author && <div className="table__sub">{f.author}</div>}
                        </td>
                        <td>{f.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {check.log && (
              <details>
                <summary>Log</summary>
                <pre className="custody-log">{check.log}</pre>
              </details>
            )}
          </SectionPanel>
        ))}
      </div>
      {r.error && (
        <Alert tone="error" title="The verification could not run">
          <p>{r.error}</p>
        </Alert>
      )}
    </>
  );
}
