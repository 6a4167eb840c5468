import type { Evidence } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useReloadOn } from "../../api/use-reload-on.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { FromVendorBadge } from "../vendors/from-vendor-badge.tsx";
import { EvidenceTable } from "./evidence-table.tsx";

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
        <EvidenceTable
          items={list.data}
          uploaded={(ev) => (
            <>
              {formatDateTime(ev.createdAt)}
              {ev.source === "portal" && <FromVendorBadge by={ev.uploadedBy} />}
            </>
          )}
        />
      )}
    </SectionPanel>
  );
}
