import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { AuditRecord } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { ExportLinks } from "../../components/download-links.tsx";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { AuditCard } from "./audit-card.tsx";

/** Audits of vendors (internal and third-party) with their findings, which can be closed. */
export function AuditsPage() {
  const user = useCurrentUser();
  const audits = useApi<AuditRecord[]>("/api/audits");
  const [error, setError] = useState<string | null>(null);
  const canClose = userCan(user, "vendors.write");

  const closeFinding = async (findingId: string) => {
    setError(null);
    try {
      await api(`/api/findings/${findingId}/close`, { method: "POST" });
      audits.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The finding could not be closed.");
    }
  };

  return (
    <>
      <PageHeader
        title="Audits"
        description="Audits of your vendors' controls and the findings they raise."
        actions={<ExportLinks path="/api/audit-findings/export" what="the audit findings" />}
      />
      {error && <Alert tone="error">{error}</Alert>}
      {audits.status === "error" && <ErrorState error={audits.error} onRetry={audits.reload} />}
      {audits.status === "loading" && !audits.data && <LoadingState label="Loading audits…" />}
      {audits.data && audits.data.length === 0 && (
        <EmptyState title="No audits yet">
          <p>
            Audits recorded through the API or the CLI appear here with their findings. The playbook expects
            an audit on schedule (OG-5) and an independent one at least yearly (OG-6).
          </p>
        </EmptyState>
      )}
      {audits.data && audits.data.length > 0 && (
        <ul className="cards" aria-busy={audits.status === "loading"}>
          {audits.data.map((a) => (
            <AuditCard key={a.id} audit={a} canClose={canClose} onClose={closeFinding} />
          ))}
        </ul>
      )}
    </>
  );
}
