import { formatBytes } from "../../../domain/format-bytes.ts";
import { useApi } from "../../api/use-api.ts";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Link } from "../../router/link.tsx";
import { freshnessLabel, type OverviewRow } from "./custody-types.ts";
import "./custody.css";

/** Every mirrored vendor repository: how fresh, how big, and whether history was rewritten. */
export function CustodyPage() {
  const rows = useApi<OverviewRow[]>("/api/custody/repositories");
  return (
    <>
      <PageHeader
        title="Code custody"
        description="Every vendor repository mirrored to your storage, with every ref it ever had."
      />
      {rows.status === "loading" && !rows.data && <LoadingState />}
      {rows.status === "error" && <ErrorState error={rows.error} onRetry={rows.reload} />}
      {rows.data && rows.data.length === 0 && (
        <EmptyState title="No repositories mirrored yet">
          <p>
            Register a vendor repository on an engagement (<code>warden repo add</code> or the API) and Warden
            mirrors it on a schedule.
          </p>
        </EmptyState>
      )}
      {rows.data && rows.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Mirrored repositories</caption>
            <thead>
              <tr>
                <th scope="col">Repository</th>
                <th scope="col">Engagement</th>
                <th scope="col">Last successful sync</th>
                <th scope="col">Last sync</th>
                <th scope="col">Refs</th>
                <th scope="col">Size</th>
                <th scope="col">Open alerts</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/custody/engagements/${r.engagementId}`} className="table__primary">
                      {r.name}
                    </Link>
                    <div className="table__sub">{r.url}</div>
                  </td>
                  <td>{r.engagementName}</td>
                  <td>
                    <span className={`badge ${r.fresh ? "badge--neutral" : "badge--danger"}`}>
                      {freshnessLabel(r)}
                    </span>
                    <div className="table__sub">limit {r.freshnessHours} h</div>
                  </td>
                  <td>
                    {r.lastSync ? `${r.lastSync.status}, ${formatDateTime(r.lastSync.finishedAt)}` : "—"}
                    {r.lastSync?.error && <div className="table__sub">{r.lastSync.error}</div>}
                  </td>
                  <td>{r.lastSync?.refCount ?? "—"}</td>
                  <td>{formatBytes(r.lastSync?.sizeBytes ?? null)}</td>
                  <td>
                    {r.openAlerts > 0 ? <span className="badge badge--danger">{r.openAlerts}</span> : "none"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
