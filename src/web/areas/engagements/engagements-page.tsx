import { useState } from "react";
import { query } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { EngagementListItem } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ExportLinks } from "../../components/download-links.tsx";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { SearchBox } from "../../components/search-box.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { STAGES, stageLabel } from "../../components/stage-label.ts";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { CreateEngagementDialog } from "./create-engagement-dialog.tsx";
import { EngagementsTable } from "./engagements-table.tsx";

export const ENGAGEMENTS_PAGE_SIZE = 20;

const STAGE_OPTIONS = [
  { value: "", label: "Every stage" },
  ...STAGES.map((s) => ({ value: s, label: stageLabel(s) })),
];

/** Every engagement, newest first: search by name, filter by stage, paged (all in the address). */
export function EngagementsPage() {
  const user = useCurrentUser();
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const stage = search.get("stage") ?? "";
  const vendorId = search.get("vendorId") ?? "";
  const offset = Math.max(0, Number(search.get("offset")) || 0);
  const list = useApi<Page<EngagementListItem>>(
    `/api/engagements${query({ q, stage, vendorId, limit: ENGAGEMENTS_PAGE_SIZE, offset })}`,
  );
  const [creating, setCreating] = useState(false);
  const go = (next: { q?: string; stage?: string; offset?: number }, replace = false) =>
    navigate(
      `/engagements${query({ q: next.q ?? q, stage: next.stage ?? stage, vendorId, offset: next.offset || undefined })}`,
      { replace },
    );
  const canWrite = userCan(user, "engagements.write");

  return (
    <>
      <PageHeader
        title="Engagements"
        description="Each outsourcing engagement, run through the playbook stage by stage."
        actions={
          <>
            {userCan(user, "internal.read") && (
              <ExportLinks
                path={`/api/engagements/export${query({ q, stage, vendorId })}`}
                what="the engagements"
              />
            )}
            {canWrite && (
              <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
                New engagement
              </button>
            )}
          </>
        }
      />
      <div className="filters">
        <SearchBox
          label="Search engagements"
          placeholder="Name"
          value={q}
          onSearch={(text) => go({ q: text, offset: 0 }, true)}
        />
        <SelectField
          label="Stage"
          options={STAGE_OPTIONS}
          value={stage}
          onChange={(e) => go({ stage: e.target.value, offset: 0 }, true)}
        />
      </div>
      {list.status === "error" && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !list.data && <LoadingState label="Loading engagements…" />}
      {list.data && (
        <div aria-busy={list.status === "loading"}>
          {list.data.items.length === 0 ? (
            q || stage || vendorId ? (
              <p className="muted">No engagement matches these filters.</p>
            ) : (
              <EmptyState title="No engagements yet">
                <p>
                  An engagement is one piece of outsourced work with one vendor. Warden checks every playbook
                  control of its stage and says what blocks the next one.
                  {canWrite ? " Start with “New engagement”." : ""}
                </p>
              </EmptyState>
            )
          ) : (
            <EngagementsTable engagements={list.data.items} />
          )}
          <Pagination
            total={list.data.total}
            limit={list.data.limit}
            offset={list.data.offset}
            noun="engagements"
            onChange={(next) => go({ offset: next })}
          />
        </div>
      )}
      <CreateEngagementDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(engagement) => {
          setCreating(false);
          navigate(`/engagements/${engagement.id}`);
        }}
      />
    </>
  );
}
