import type { RosterRequest } from "../../api/portal-types.ts";

const LABELS: Record<RosterRequest["status"], { label: string; tone: string }> = {
  pending: { label: "Waiting for review", tone: "" },
  approved: { label: "Approved", tone: " badge--neutral" },
  rejected: { label: "Rejected", tone: " badge--danger" },
  withdrawn: { label: "Withdrawn", tone: " badge--neutral" },
};

/** A roster change request's status, in words. */
export function RosterRequestStatus({ status }: { status: RosterRequest["status"] }) {
  const { label, tone } = LABELS[status];
  return <span className={`badge${tone}`}>{label}</span>;
}

/** What a request changes, in one line: "Joins 1 Jul 2026" or "Leaves 30 Jun 2026". */
export function describeRosterRequest(r: RosterRequest, formatDate: (d: string) => string): string {
  if (r.joiner) {
    const role = r.joiner.person.roleTitle ? `${r.joiner.person.roleTitle}, ` : "";
    const on = r.joiner.engagements.length ? ` on ${r.joiner.engagements.map((e) => e.name).join(", ")}` : "";
    return `${role}joins ${formatDate(r.joiner.person.startDate)}${on}`;
  }
  return `Leaves ${formatDate(r.leaver?.endDate ?? "")}`;
}
