import { useState } from "react";
import { query } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { Person } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useReloadOn } from "../../api/use-reload-on.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ExportLinks } from "../../components/download-links.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { SearchBox } from "../../components/search-box.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { RosterImport } from "./roster-import.tsx";
import { RosterMetricsPanel } from "./roster-metrics-panel.tsx";
import { type RosterSort, RosterTable, type SortDirection } from "./roster-table.tsx";

export const ROSTER_PAGE_SIZE = 25;

const STATUS_OPTIONS = [
  { value: "all", label: "Everyone" },
  { value: "active", label: "Active" },
  { value: "leaver", label: "Leavers" },
] as const;
const NDA_OPTIONS = [
  { value: "all", label: "Any NDA state" },
  { value: "valid", label: "Valid NDA" },
  { value: "expired", label: "Expired NDA" },
  { value: "missing", label: "No NDA" },
] as const;
const SORTS: readonly RosterSort[] = ["name", "start", "end", "nda_expiry"];

/** A vendor's roster: figures, filters, sortable table, import and export. Filters live in the address. */
export function RosterPanel({ vendorId, vendorName }: { vendorId: string; vendorName: string }) {
  const user = useCurrentUser();
  const { search, pathname } = useLocation();
  const q = search.get("q") ?? "";
  const status = search.get("status") ?? "all";
  const nda = search.get("nda") ?? "all";
  const askedSort = search.get("sort") as RosterSort | null;
  const sort: RosterSort = askedSort && SORTS.includes(askedSort) ? askedSort : "name";
  const direction: SortDirection = search.get("direction") === "desc" ? "desc" : "asc";
  const offset = Math.max(0, Number(search.get("offset")) || 0);
  const [version, setVersion] = useState(0);

  const people = useApi<Page<Person>>(
    `/api/vendors/${vendorId}/people${query({
      q,
      status: status === "all" ? undefined : status,
      nda: nda === "all" ? undefined : nda,
      sort: sort === "name" ? undefined : sort,
      direction: direction === "asc" ? undefined : direction,
      limit: ROSTER_PAGE_SIZE,
      offset,
    })}`,
  );
  useReloadOn(version, people.reload);

  const go = (
    next: Partial<{
      q: string;
      status: string;
      nda: string;
      sort: RosterSort;
      direction: SortDirection;
      offset: number;
    }>,
    replace = false,
  ) => {
    const merged = { q, status, nda, sort, direction, offset: 0, ...next };
    navigate(
      `${pathname}${query({
        tab: "roster",
        q: merged.q,
        status: merged.status === "all" ? undefined : merged.status,
        nda: merged.nda === "all" ? undefined : merged.nda,
        sort: merged.sort === "name" ? undefined : merged.sort,
        direction: merged.direction === "asc" ? undefined : merged.direction,
        offset: merged.offset || undefined,
      })}`,
      { replace },
    );
  };

  return (
    <div className="page-sections">
      <RosterMetricsPanel vendorId={vendorId} version={version} />
      <SectionPanel
        title="People"
        description={`Everyone ${vendorName} and its subcontractors put on your work.`}
        actions={<ExportLinks path={`/api/vendors/${vendorId}/roster/export`} what="the roster" />}
      >
        <div className="filters">
          <SearchBox
            label="Search people"
            placeholder="Name or email"
            value={q}
            onSearch={(text) => go({ q: text }, true)}
          />
          <SelectField
            label="Status"
            options={STATUS_OPTIONS}
            value={status}
            onChange={(e) => go({ status: e.target.value }, true)}
          />
          <SelectField
            label="NDA"
            options={NDA_OPTIONS}
            value={nda}
            onChange={(e) => go({ nda: e.target.value }, true)}
          />
        </div>
        {people.status === "error" && <ErrorState error={people.error} onRetry={people.reload} />}
        {people.status === "loading" && !people.data && <LoadingState label="Loading the roster…" />}
        {people.data && (
          <div aria-busy={people.status === "loading"}>
            {people.data.items.length === 0 ? (
              <p className="muted">
                {q || status !== "all" || nda !== "all"
                  ? "Nobody matches these filters."
                  : userCan(user, "roster.write")
                    ? "Nobody on the roster yet: import a CSV below."
                    : "Nobody on the roster yet."}
              </p>
            ) : (
              <RosterTable
                people={people.data.items}
                sort={sort}
                direction={direction}
                onSort={(column) =>
                  go(
                    { sort: column, direction: column === sort && direction === "asc" ? "desc" : "asc" },
                    true,
                  )
                }
              />
            )}
            <Pagination
              total={people.data.total}
              limit={people.data.limit}
              offset={people.data.offset}
              noun="people"
              onChange={(next) => go({ offset: next })}
            />
          </div>
        )}
      </SectionPanel>
      {userCan(user, "roster.write") && (
        <RosterImport
          vendorId={vendorId}
          onImported={() => {
            setVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}
