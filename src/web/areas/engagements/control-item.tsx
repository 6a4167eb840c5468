import type { Asset, ControlResult, PlaybookControl } from "../../api/lifecycle-types.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { formatDate } from "../../components/format-date-time.ts";
import { Link } from "../../router/link.tsx";
import { FrameworkReferences } from "../playbook/framework-references.tsx";
import { ControlStatusBadge } from "./control-status-badge.tsx";

const RECORD_LABELS: Record<string, string> = {
  asset: "Asset",
  vendor: "Vendor",
  vendor_certification: "Certification",
  insurance_certificate: "Insurance",
  milestone: "Milestone",
  policy: "Policy",
  person: "Person",
  grant: "Grant",
  attestation: "Attestation",
  evidence: "Evidence",
  audit: "Audit",
  finding: "Finding",
};

export interface ControlItemProps {
  result: ControlResult;
  assets: Asset[];
  /** The control's ISO/IEC 27001, SOC 2 and NIST CSF references, once the playbook is loaded. */
  frameworks?: PlaybookControl["frameworks"] | undefined;
  onAttest(): void;
  onUpload(): void;
  onException(): void;
}

/** One control: status, blocking marker, reasons, the records it read, its exception and actions. */
export function ControlItem({ result: r, frameworks, onAttest, onUpload, onException }: ControlItemProps) {
  const user = useCurrentUser();
  const titleId = `control-${r.id}-title`;
  return (
    <li id={`control-${r.id}`} className={`control control--${r.status}`} aria-labelledby={titleId}>
      <div className="control__head">
        <h3 id={titleId} className="control__title">
          <span className="control__id">{r.id}</span> {r.title}
        </h3>
        <div className="control__badges">
          <ControlStatusBadge status={r.status} />
          {r.blocking && <span className="badge badge--blocking">Blocking</span>}
          <span className="badge badge--neutral">
            {r.checkKind === "attestation"
              ? "Attestation"
              : r.checkKind === "engine"
                ? "Automatic (engine)"
                : "Automatic"}
          </span>
        </div>
      </div>
      {r.reasons.length > 0 && (
        <ul className="control__reasons">
          {r.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {r.records.length > 0 && (
        <p className="control__records">
          <span className="muted">Records: </span>
          {r.records.map((rec, i) => (
            <span key={`${rec.type}-${rec.id}`}>
              {i > 0 && ", "}
              {rec.type === "vendor" ? (
                <Link to={`/vendors/${rec.id}`}>{rec.label ?? rec.id.slice(0, 8)}</Link>
              ) : (
                <>
                  <span className="muted">{RECORD_LABELS[rec.type] ?? rec.type}</span>{" "}
                  {rec.label ?? rec.id.slice(0, 8)}
                </>
              )}
            </span>
          ))}
        </p>
      )}
      {frameworks && (
        <p className="control__frameworks muted">
          <FrameworkReferences frameworks={frameworks} />
        </p>
      )}
      {r.exception && (
        <p className="control__exception">
          Exception by {r.exception.approvedBy} until {formatDate(r.exception.expiresOn)}:{" "}
          {r.exception.reason}
        </p>
      )}
      <div className="control__actions">
        {r.checkKind === "attestation" && userCan(user, "controls.attest") && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onAttest}
            aria-label={`Attest ${r.id}`}
          >
            Attest
          </button>
        )}
        {userCan(user, "evidence.write") && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onUpload}
            aria-label={`Upload evidence for ${r.id}`}
          >
            Upload evidence
          </button>
        )}
        {!["pass", "attested", "na"].includes(r.status) &&
          !r.exception &&
          userCan(user, "exceptions.approve") && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onException}
              aria-label={`Record an exception for ${r.id}`}
            >
              Record exception
            </button>
          )}
      </div>
    </li>
  );
}
