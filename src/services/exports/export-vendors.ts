import { requireInternal, type ServiceContext } from "../context.ts";
import { listVendors } from "../vendors/list-vendors.ts";
import type { VendorView } from "../vendors/vendor-view.ts";
import { type ExportFile, exportPagedList } from "./table-export.ts";

/** The vendors list as CSV or XLSX (internal users; the list's own filters apply). */
export async function exportVendors(
  ctx: ServiceContext,
  query: Record<string, string> = {},
): Promise<ExportFile> {
  requireInternal(ctx);
  return exportPagedList<VendorView>(ctx, query, {
    table: "vendors",
    target: { type: "vendor", id: null },
    list: (q) => listVendors(ctx, q),
    columns: [
      { header: "Legal name", width: 32, value: (v) => v.legalName },
      { header: "Country", width: 8, value: (v) => v.country },
      { header: "Parent vendor id", width: 36, value: (v) => v.parentVendorId },
      { header: "Website", width: 28, value: (v) => v.website },
      {
        header: "Contacts",
        width: 40,
        value: (v) => v.contacts.map((c) => [c.name, c.email].filter(Boolean).join(" ")).join("; "),
      },
      { header: "Assessed on", value: (v) => v.assessedOn },
      { header: "Assessment expires on", value: (v) => v.assessmentExpiresOn },
      { header: "Assessment rating", value: (v) => v.assessmentRating },
      { header: "Chain disclosed on", value: (v) => v.chainDisclosedOn },
      { header: "Created at", width: 24, value: (v) => v.createdAt },
      { header: "Id", width: 36, value: (v) => v.id },
    ],
  });
}
