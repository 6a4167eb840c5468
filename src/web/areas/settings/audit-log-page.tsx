import { query } from "../../api/api-client.ts";
import type { AuditEntry, Page } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { AuditTable } from "./audit-table.tsx";
import { VerifyChain } from "./verify-chain.tsx";

export const AUDIT_PAGE_SIZE = 25;

/** Every change Warden recorded, newest first, and a check that the hash chain is intact. */
export function AuditLogPage() {
  const { search } = useLocation();
  const offset = Math.max(0, Number(search.get("offset")) || 0);
  const entries = useApi<Page<AuditEntry>>(`/api/audit${query({ limit: AUDIT_PAGE_SIZE, offset })}`);

  return (
    <>
      <PageHeader
        level={2}
        title="Audit log"
        description="Every write is recorded with who, what and when. Each entry carries the hash of the one before, so an edited, deleted or reordered entry breaks the chain."
      />
      <VerifyChain />
      {entries.status === "error" && <ErrorState error={entries.error} onRetry={entries.reload} />}
      {entries.status === "loading" && !entries.data && <LoadingState label="Loading the audit log…" />}
      {entries.data && (
        <div aria-busy={entries.status === "loading"}>
          {entries.data.items.length === 0 ? (
            <p className="muted">The audit log is empty.</p>
          ) : (
            <AuditTable entries={entries.data.items} />
          )}
          <Pagination
            total={entries.data.total}
            limit={entries.data.limit}
            offset={entries.data.offset}
            noun="entries"
            onChange={(next) => navigate(`/settings/audit-log${query({ offset: next || undefined })}`)}
          />
        </div>
      )}
    </>
  );
}
