import type { Evidence } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useReloadOn } from "../../api/use-reload-on.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate, formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { FromVendorBadge } from "../vendors/from-vendor-badge.tsx";

function formatSize(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The engagement's evidence files; `version` changes whenever the engagement reloads. */
export function EvidenceList({ engagementId, version }: { engagementId: string; version: unknown }) {
  const list = useApi<Evidence[]>(`/api/engagements/${engagementId}/evidence`);
  const { reload } = list;
  // Re-read after any change on the page (an attestation or upload adds a file).
  useReloadOn(version, reload);
  return (
    <SectionPanel
      title="Evidence"
      description="Files on record for this engagement and the controls they support."
    >
      {list.status === "error" && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !list.data && <LoadingState label="Loading evidence…" />}
      {list.data && list.data.length === 0 && <p className="muted">No evidence uploaded yet.</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="table table--dense">
            <caption className="visually-hidden">Evidence</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Controls</th>
                <th scope="col">Effective</th>
                <th scope="col">Expires</th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((ev) => (
                <tr key={ev.id}>
                  <th scope="row" className="table__wrap">
                    {ev.filename ? (
                      <a href={`/api/evidence/${ev.id}/file`} download>
                        {ev.title}
                      </a>
                    ) : (
                      ev.title
                    )}
                    <span className="table__sub">
                      {ev.filename} {formatSize(ev.size)}
                    </span>
                  </th>
                  <td>{ev.controls.join(", ") || "—"}</td>
                  <td className="nowrap">{formatDate(ev.effectiveOn)}</td>
                  <td className="nowrap">{formatDate(ev.expiresOn)}</td>
                  <td className="nowrap">
                    {formatDateTime(ev.createdAt)}
                    {ev.source === "portal" && <FromVendorBadge by={ev.uploadedBy} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </SectionPanel>
  );
}
