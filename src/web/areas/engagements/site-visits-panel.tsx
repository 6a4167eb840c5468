import { useState } from "react";
import type { Evidence } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useReloadOn } from "../../api/use-reload-on.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { SiteVisitDialog } from "./site-visit-dialog.tsx";
import { type ChecklistTemplateItem, RESULT_LABELS, type SiteVisit } from "./site-visit-types.ts";
import "./site-visits.css";

/**
 * The engagement's site visits (DD-3): each with its concerns and photos; drafts can be continued,
 * and a completed visit attests DD-3. `version` changes whenever the engagement reloads.
 */
export function SiteVisitsPanel(props: { engagementId: string; version: unknown; onChanged(): void }) {
  const user = useCurrentUser();
  const visits = useApi<SiteVisit[]>(`/api/engagements/${props.engagementId}/site-visits`);
  const template = useApi<ChecklistTemplateItem[]>("/api/site-visits/checklist");
  const evidence = useApi<Evidence[]>(`/api/engagements/${props.engagementId}/evidence`);
  useReloadOn(props.version, evidence.reload);
  const [open, setOpen] = useState<SiteVisit | "new" | null>(null);
  const mayRecord = userCan(user, "controls.attest");
  const fileName = (id: string) => evidence.data?.find((e) => e.id === id)?.filename ?? "photo";

  return (
    <SectionPanel
      title="Site visits"
      description="DD-3: what was seen at the vendor's site, including the signs of casual treatment of clients' IP. Completing a visit attests DD-3."
      actions={
        mayRecord &&
        template.data && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setOpen("new")}
          >
            Record a site visit
          </button>
        )
      }
    >
      {visits.status === "error" && <ErrorState error={visits.error} onRetry={visits.reload} />}
      {template.status === "error" && <ErrorState error={template.error} onRetry={template.reload} />}
      {visits.status === "loading" && !visits.data && <LoadingState label="Loading site visits…" />}
      {visits.data && visits.data.length === 0 && <p className="muted">No site visit recorded yet.</p>}
      {visits.data && visits.data.length > 0 && (
        <ul className="item-list site-visits">
          {visits.data.map((v) => (
            <li key={v.id} className="item-list__item site-visit">
              <p className="item-list__title">
                Visit on {formatDate(v.visitedOn)} by {v.visitors}{" "}
                <span className={`badge ${v.status === "draft" ? "badge--neutral" : "badge--success"}`}>
                  {v.status === "draft" ? "Draft" : "Completed"}
                </span>
              </p>
              {v.concerns.length > 0 ? (
                <ul className="site-visit__concerns" aria-label={`Concerns of the visit on ${v.visitedOn}`}>
                  {v.checklist
                    .filter((c) => c.result === "concern")
                    .map((c) => (
                      <li key={c.item}>
                        <strong>{RESULT_LABELS.concern}:</strong> {c.text}
                        {c.note ? ` (${c.note})` : ""}
                      </li>
                    ))}
                </ul>
              ) : (
                <p className="muted">
                  {v.status === "completed" ? "No concern." : `${v.checklist.length} items checked so far.`}
                </p>
              )}
              {v.observations && <p className="pre-line">{v.observations}</p>}
              {v.photoEvidenceIds.length > 0 && (
                <p>
                  Photos:{" "}
                  {v.photoEvidenceIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ", "}
                      <a href={`/api/evidence/${id}/file`}>{fileName(id)}</a>
                    </span>
                  ))}
                </p>
              )}
              {v.status === "draft" && mayRecord && template.data && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setOpen(v)}
                >
                  Continue the visit of {formatDate(v.visitedOn)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {template.data && (
        <SiteVisitDialog
          engagementId={props.engagementId}
          template={template.data}
          visit={open}
          evidence={evidence.data ?? []}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            visits.reload();
            props.onChanged();
          }}
        />
      )}
    </SectionPanel>
  );
}
