import { useState } from "react";
import { query } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
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
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { CreateVendorDialog } from "./create-vendor-dialog.tsx";
import { VendorsTable } from "./vendors-table.tsx";

export const VENDORS_PAGE_SIZE = 20;

const KINDS = [
  { value: "all", label: "Vendors and subcontractors" },
  { value: "principal", label: "Vendors only" },
  { value: "subcontractor", label: "Subcontractors only" },
] as const;

/** Every vendor, searchable and paged; the search, filter and page live in the address. */
export function VendorsPage() {
  const user = useCurrentUser();
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const kind = search.get("kind") ?? "all";
  const offset = Math.max(0, Number(search.get("offset")) || 0);
  const vendors = useApi<Page<Vendor>>(
    `/api/vendors${query({ q, kind: kind === "all" ? undefined : kind, limit: VENDORS_PAGE_SIZE, offset })}`,
  );
  const [creating, setCreating] = useState(false);
  const go = (next: { q?: string; kind?: string; offset?: number }, replace = false) => {
    const k = next.kind ?? kind;
    navigate(
      `/vendors${query({ q: next.q ?? q, kind: k === "all" ? undefined : k, offset: next.offset || undefined })}`,
      { replace },
    );
  };
  const canWrite = userCan(user, "vendors.write");

  return (
    <>
      <PageHeader
        title="Vendors"
        description="The companies you outsource to, and the subcontractors they bring."
        actions={
          <>
            {userCan(user, "internal.read") && (
              <ExportLinks
                path={`/api/vendors/export${query({ q, kind: kind === "all" ? undefined : kind })}`}
                what="the vendors"
              />
            )}
            {canWrite && (
              <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
                New vendor
              </button>
            )}
          </>
        }
      />
      <div className="filters">
        <SearchBox
          label="Search vendors"
          placeholder="Legal name"
          value={q}
          onSearch={(text) => go({ q: text, offset: 0 }, true)}
        />
        <SelectField
          label="Show"
          options={KINDS}
          value={kind}
          onChange={(e) => go({ kind: e.target.value, offset: 0 }, true)}
        />
      </div>
      {vendors.status === "error" && <ErrorState error={vendors.error} onRetry={vendors.reload} />}
      {vendors.status === "loading" && !vendors.data && <LoadingState label="Loading vendors…" />}
      {vendors.data && (
        <div aria-busy={vendors.status === "loading"}>
          {vendors.data.items.length === 0 ? (
            q || kind !== "all" ? (
              <p className="muted">No vendor matches these filters.</p>
            ) : (
              <EmptyState title="No vendors yet">
                <p>
                  Record the companies you outsource to: legal name, country, contacts, certifications and
                  insurance, and the subcontractors they bring.
                  {canWrite ? " Start with “New vendor”." : ""}
                </p>
              </EmptyState>
            )
          ) : (
            <VendorsTable vendors={vendors.data.items} />
          )}
          <Pagination
            total={vendors.data.total}
            limit={vendors.data.limit}
            offset={vendors.data.offset}
            noun="vendors"
            onChange={(next) => go({ offset: next })}
          />
        </div>
      )}
      <CreateVendorDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(vendor) => {
          setCreating(false);
          navigate(`/vendors/${vendor.id}`);
        }}
      />
    </>
  );
}
