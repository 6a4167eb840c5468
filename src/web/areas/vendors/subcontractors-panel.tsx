import { useState } from "react";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { formatDate } from "../../components/format-date-time.ts";
import { SectionPanel } from "../../components/section-panel.tsx";
import { Link } from "../../router/link.tsx";
import { CreateVendorDialog } from "./create-vendor-dialog.tsx";

/** The vendor's subcontractors, each a vendor assessed the same way. */
export function SubcontractorsPanel(props: {
  vendor: Vendor;
  items: Vendor[];
  canWrite: boolean;
  onChanged(): void;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <SectionPanel
      title="Subcontractor chain"
      description={
        props.vendor.chainDisclosedOn
          ? `Disclosed on ${formatDate(props.vendor.chainDisclosedOn)}.`
          : "The vendor has not disclosed its chain yet: record the disclosure under Details."
      }
      actions={
        props.canWrite && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setAdding(true)}
          >
            Add subcontractor
          </button>
        )
      }
    >
      {props.items.length === 0 ? (
        <p className="muted">No subcontractor recorded.</p>
      ) : (
        <ul className="item-list">
          {props.items.map((s) => (
            <li key={s.id} className="item-list__item">
              <Link to={`/vendors/${s.id}`} className="item-list__title">
                {s.legalName}
              </Link>{" "}
              <span className="muted">({s.country})</span>
              <span className="item-list__due">
                {s.assessedOn
                  ? `Assessed ${formatDate(s.assessedOn)}${s.assessmentExpiresOn ? `, until ${formatDate(s.assessmentExpiresOn)}` : ""}`
                  : "Not assessed"}
              </span>
            </li>
          ))}
        </ul>
      )}
      <CreateVendorDialog
        open={adding}
        parent={{ id: props.vendor.id, legalName: props.vendor.legalName }}
        onClose={() => setAdding(false)}
        onCreated={() => {
          setAdding(false);
          props.onChanged();
        }}
      />
    </SectionPanel>
  );
}
