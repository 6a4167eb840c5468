import type { AuditRecord } from "../../api/lifecycle-types.ts";
import { formatDate } from "../../components/format-date-time.ts";
import { Link } from "../../router/link.tsx";

/** One audit with its findings; open findings can be closed. */
export function AuditCard(props: {
  audit: AuditRecord;
  canClose: boolean;
  onClose(findingId: string): void;
}) {
  const a = props.audit;
  return (
    <li className="card">
      <h2 className="card__title">
        {a.kind === "third_party" ? "Third-party audit" : "Internal audit"} of{" "}
        <Link to={`/vendors/${a.vendorId}`}>{a.vendorName}</Link>
      </h2>
      <p className="muted">
        By {a.auditorOrg} on {formatDate(a.performedOn)}
        {a.nextDueOn && ` · next due ${formatDate(a.nextDueOn)}`}
        {a.engagementId && (
          <>
            {" · "}
            <Link to={`/engagements/${a.engagementId}`}>engagement</Link>
          </>
        )}
      </p>
      {a.summary && <p>{a.summary}</p>}
      {a.findings.length > 0 && (
        <ul className="item-list">
          {a.findings.map((f) => (
            <li key={f.id} className="item-list__item">
              <span className={`badge badge--severity-${f.severity}`}>{f.severity}</span> {f.title}
              <span className="item-list__due">
                {f.status === "closed"
                  ? `Closed ${formatDate(f.closedOn)}`
                  : f.dueOn
                    ? `Open, due ${formatDate(f.dueOn)}`
                    : "Open"}
              </span>
              {f.status === "open" && props.canClose && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={`Close finding: ${f.title}`}
                  onClick={() => props.onClose(f.id)}
                >
                  Close
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
