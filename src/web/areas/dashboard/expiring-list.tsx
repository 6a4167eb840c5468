import type { Dashboard } from "../../api/lifecycle-types.ts";
import { formatDate } from "../../components/format-date-time.ts";
import { Link } from "../../router/link.tsx";

const KIND_LABELS: Record<string, string> = {
  nda: "NDA",
  certification: "Certification",
  insurance: "Insurance",
  attestation: "Attestation",
  audit: "Audit",
  evidence: "Evidence",
  assessment: "Assessment",
  "staff-certification": "Staff certification",
  milestone: "Milestone",
  finding: "Finding",
  questionnaire: "Questionnaire",
};

/** Kinds that fall due rather than expire: past their date they are overdue. */
const DUE_KINDS = new Set(["milestone", "questionnaire"]);

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What expires or falls due within 30 days, soonest first; lapsed items say so. */
export function ExpiringList({ items }: { items: Dashboard["expiring"] }) {
  if (items.length === 0) return <p className="muted">Nothing expires in the next 30 days.</p>;
  const now = today();
  const sorted = [...items].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <ul className="item-list">
      {sorted.map((item) => {
        const lapsed = item.dueOn < now;
        const to = item.engagementId
          ? `/engagements/${item.engagementId}`
          : item.vendorId
            ? `/vendors/${item.vendorId}`
            : null;
        return (
          <li key={`${item.kind}-${item.subject}-${item.dueOn}`} className="item-list__item">
            <span className="badge badge--neutral">{KIND_LABELS[item.kind] ?? item.kind}</span>{" "}
            {to ? <Link to={to}>{item.subject}</Link> : item.subject}
            <span className={lapsed ? "item-list__due item-list__due--lapsed" : "item-list__due"}>
              {lapsed ? (DUE_KINDS.has(item.kind) ? "Overdue since " : "Expired ") : "Due "}
              {formatDate(item.dueOn)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
