import { useState } from "react";
import { countryName } from "../../../domain/countries.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { formatDate } from "../../components/format-date-time.ts";
import { SectionPanel } from "../../components/section-panel.tsx";
import { EditAssessmentDialog } from "./edit-assessment-dialog.tsx";

/** Country, website, contacts, notes, the assessment and the chain disclosure. */
export function VendorDetails({
  vendor,
  canWrite,
  onChanged,
}: {
  vendor: Vendor;
  canWrite: boolean;
  onChanged(): void;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <SectionPanel
      title="Details"
      actions={
        canWrite && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing(true)}
          >
            Record assessment
          </button>
        )
      }
    >
      <dl className="facts">
        <div>
          <dt>Country</dt>
          <dd>
            {countryName(vendor.country)} ({vendor.country})
          </dd>
        </div>
        <div>
          <dt>Website</dt>
          <dd>
            {vendor.website && /^https?:\/\//i.test(vendor.website) ? (
              <a href={vendor.website} rel="noreferrer noopener" target="_blank">
                {vendor.website}
              </a>
            ) : (
              (vendor.website ?? "—")
            )}
          </dd>
        </div>
        <div>
          <dt>Assessment</dt>
          <dd>
            {vendor.assessedOn
              ? `${formatDate(vendor.assessedOn)}${vendor.assessmentRating ? ` · ${vendor.assessmentRating} risk` : ""}${
                  vendor.assessmentExpiresOn ? ` · valid until ${formatDate(vendor.assessmentExpiresOn)}` : ""
                }`
              : "Not assessed"}
          </dd>
        </div>
        <div>
          <dt>Subcontractor chain</dt>
          <dd>
            {vendor.chainDisclosedOn
              ? `Disclosed on ${formatDate(vendor.chainDisclosedOn)}`
              : "Not disclosed"}
          </dd>
        </div>
        <div className="facts__wide">
          <dt>Contacts</dt>
          <dd>
            {vendor.contacts.length === 0 ? (
              "—"
            ) : (
              <ul className="plain-list">
                {vendor.contacts.map((c) => (
                  <li key={`${c.name}-${c.email ?? ""}`}>
                    {c.name}
                    {c.role && <span className="muted"> · {c.role}</span>}
                    {c.email && (
                      <>
                        {" · "}
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </>
                    )}
                    {c.phone && <span className="muted"> · {c.phone}</span>}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {vendor.internalNotes && (
          <div className="facts__wide">
            <dt>Internal notes</dt>
            <dd className="pre-line">{vendor.internalNotes}</dd>
          </div>
        )}
      </dl>
      <EditAssessmentDialog
        open={editing}
        vendor={vendor}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          onChanged();
        }}
      />
    </SectionPanel>
  );
}
