import type { Selectable } from "kysely";
import type { RosterChangeRequestsTable } from "../../store/schema.ts";
import type { JoinerDetails, LeaverDetails } from "./roster-request-input.ts";

export interface RosterRequestView {
  id: string;
  vendorId: string;
  vendorName: string;
  kind: "joiner" | "leaver";
  status: "pending" | "approved" | "rejected" | "withdrawn";
  /** The leaver; for a joiner, the person created on approval. */
  personId: string | null;
  fullName: string;
  joiner: (JoinerDetails & { engagements: { id: string; name: string }[] }) | null;
  leaver: { endDate: string } | null;
  requestedBy: string;
  requestedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  /** Why it was rejected: shown to the vendor. */
  reviewReason: string | null;
}

export function toRosterRequestView(
  row: Selectable<RosterChangeRequestsTable>,
  vendorName: string,
  engagementNames: ReadonlyMap<string, string>,
): RosterRequestView {
  const joiner = row.kind === "joiner" ? (row.details as unknown as JoinerDetails) : null;
  const leaver = row.kind === "leaver" ? (row.details as unknown as LeaverDetails) : null;
  return {
    id: row.id,
    vendorId: row.vendor_id,
    vendorName,
    kind: row.kind,
    status: row.status,
    personId: row.person_id,
    fullName: joiner?.person.fullName ?? leaver?.fullName ?? "",
    joiner: joiner
      ? {
          ...joiner,
          engagements: joiner.engagementIds.map((id) => ({ id, name: engagementNames.get(id) ?? id })),
        }
      : null,
    leaver: leaver ? { endDate: leaver.endDate } : null,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
    reviewReason: row.review_reason,
  };
}
