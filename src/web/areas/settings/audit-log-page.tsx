import { type FormEvent, useState } from "react";
import { query } from "../../api/api-client.ts";
import type { AuditEntry, Page } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ExportLinks } from "../../components/download-links.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { TextField } from "../../components/text-field.tsx";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { AuditTable } from "./audit-table.tsx";
import { VerifyChain } from "./verify-chain.tsx";

export const AUDIT_PAGE_SIZE = 25;

/** The filters the list and its export share, as the address holds them. */
const FILTERS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** Every change Warden recorded, newest first, filtered, exportable, and a check that the hash chain is intact. */
export function AuditLogPage() {
  const { search } = useLocation();
  const offset = Math.max(0, Number(search.get("offset")) || 0);
  const filters: Filters = Object.fromEntries(
    FILTERS.map((f) => [f, search.get(f) ?? undefined]).filter(([, v]) => v),
  );
  const entries = useApi<Page<AuditEntry>>(
    `/api/audit${query({ ...filters, limit: AUDIT_PAGE_SIZE, offset })}`,
  );
  const [draft, setDraft] = useState<Filters>(filters);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/settings/audit-log${query(draft)}`, { replace: true });
  };
  const field = (name: keyof Filters, label: string, type = "text", placeholder?: string) => (
    <TextField
      label={label}
      type={type}
      value={draft[name] ?? ""}
      {...(placeholder ? { placeholder } : {})}
      onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
    />
  );

  return (
    <>
      <PageHeader
        level={2}
        title="Audit log"
        description="Every write is recorded with who, what and when. Each entry carries the hash of the one before, so an edited, deleted or reordered entry breaks the chain."
        actions={<ExportLinks path={`/api/audit/export${query(filters)}`} what="the audit log" />}
      />
      <VerifyChain />
      <form className="filters" onSubmit={apply} aria-label="Filter the audit log">
        {field("actor", "Who", "text", "Name or email")}
        {field("action", "Action", "text", "e.g. contract.review")}
        {field("targetType", "Target type", "text", "e.g. engagement")}
        {field("from", "From", "date")}
        {field("to", "To", "date")}
        <button type="submit" className="button button--secondary">
          Filter
        </button>
      </form>
      {entries.status === "error" && <ErrorState error={entries.error} onRetry={entries.reload} />}
      {entries.status === "loading" && !entries.data && <LoadingState label="Loading the audit log…" />}
      {entries.data && (
        <div aria-busy={entries.status === "loading"}>
          {entries.data.items.length === 0 ? (
            <p className="muted">No entry matches.</p>
          ) : (
            <AuditTable entries={entries.data.items} />
          )}
          <Pagination
            total={entries.data.total}
            limit={entries.data.limit}
            offset={entries.data.offset}
            noun="entries"
            onChange={(next) =>
              navigate(`/settings/audit-log${query({ ...filters, offset: next || undefined })}`)
            }
          />
        </div>
      )}
    </>
  );
}
