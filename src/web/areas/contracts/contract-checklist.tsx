import { formatDateTime } from "../../components/format-date-time.ts";
import { CHECK_STATUS_LABELS, CONTRACT_CONTROL_TITLES } from "./contract-controls.ts";
import { type ContractCheck, type ContractClause, clauseTypeLabel } from "./contract-types.ts";

/**
 * What the contract does for each control: pass, warning, fail or needs review
 * with the reason, legal's decision when there is one, and links to the
 * clauses behind it. "Needs review" says what Warden could not read.
 */
export function ContractChecklist({
  checks,
  clauses,
  missing,
  onSelectClause,
}: {
  checks: readonly ContractCheck[];
  clauses: readonly ContractClause[];
  missing: readonly { type: string; control: string }[];
  onSelectClause(position: number): void;
}) {
  const byPosition = new Map(clauses.map((c) => [c.position, c]));
  return (
    <>
      <ul className="checklist" aria-label="Controls checked">
        {checks.map((check) => {
          const overridden = check.review?.decision === "override";
          return (
            <li key={check.control} className={`checklist__item checklist__item--${check.status}`}>
              <div className="checklist__head">
                <span className="checklist__control">{check.control}</span>
                <span className="checklist__title">
                  {CONTRACT_CONTROL_TITLES[check.control] ?? check.control}
                </span>
                <span
                  className={`contract-badge contract-badge--${check.status}`}
                  data-testid={`check-status-${check.control}`}
                >
                  {CHECK_STATUS_LABELS[check.status]}
                </span>
              </div>
              <p className="checklist__reason">{check.engineReason}</p>
              {check.status === "needs_review" && (
                <p className="checklist__hint">
                  Warden could not read this term, so the control is not satisfied until legal reads the
                  clause and records pass, warning or fail below.
                </p>
              )}
              {check.review && (
                <p className="checklist__review">
                  <strong>
                    {overridden
                      ? `Overridden by legal (${CHECK_STATUS_LABELS[check.review.status ?? check.status]}; analysis said ${CHECK_STATUS_LABELS[check.engineStatus]})`
                      : "Confirmed by legal"}
                  </strong>
                  : “{check.review.comment}” — {check.review.reviewedBy},{" "}
                  {formatDateTime(check.review.reviewedAt)}
                </p>
              )}
              {check.clausePositions.length > 0 && (
                <p className="checklist__clauses">
                  Clauses:{" "}
                  {check.clausePositions.map((p, i) => {
                    const clause = byPosition.get(p);
                    if (!clause) return null;
                    return (
                      <span key={p}>
                        {i > 0 && ", "}
                        <button type="button" className="link-button" onClick={() => onSelectClause(p)}>
                          {clause.section ? `§${clause.section} ` : ""}
                          {clauseTypeLabel(clause.type)}
                        </button>
                      </span>
                    );
                  })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {missing.length > 0 && (
        <div className="missing-clauses">
          <h3 className="contract-subtitle">Clause types not found</h3>
          <ul className="contract-plain-list">
            {missing.map((m) => (
              <li key={m.type}>
                {clauseTypeLabel(m.type)} <span className="muted">({m.control})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
