import { useState } from "react";
import type { Page } from "../../api/api-types.ts";
import type { EngagementListItem, Vendor, VendorDetail } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { ExpiryDate } from "../../components/expiry-date.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { stageLabel } from "../../components/stage-label.ts";
import { RosterPanel } from "../roster/roster-panel.tsx";
import { PolicyAcknowledgementsPanel } from "./policy-acknowledgements-panel.tsx";
import { PortalEvidencePanel } from "./portal-evidence-panel.tsx";
import { PortalQuestionnairesPanel } from "./portal-questionnaires-panel.tsx";
import { RosterRequestsPanel } from "./roster-requests-panel.tsx";
import { type CertificateKind, SubmitCertificateDialog } from "./submit-certificate-dialog.tsx";

/**
 * A vendor contact's view: their own organisation's questionnaires to answer, engagements, roster
 * changes for review, certificates, policy acknowledgements, evidence and roster (the server
 * confines every read and write to their vendor).
 */
export function VendorPortalPage() {
  const vendors = useApi<Page<Vendor>>("/api/vendors?limit=1&kind=principal");
  const vendor = vendors.data?.items[0];
  return (
    <>
      <PageHeader
        title="Vendor portal"
        description={
          vendor
            ? `${vendor.legalName}: your part in the engagements you work on.`
            : "Your organisation's part in the engagements you work on."
        }
      />
      {vendors.status === "error" && <ErrorState error={vendors.error} onRetry={vendors.reload} />}
      {vendors.status === "loading" && !vendors.data && <LoadingState label="Loading your organisation…" />}
      {vendors.data && !vendor && (
        <EmptyState title="No organisation linked">
          <p>Your account is not linked to a vendor yet. Ask your contact at the client to link it.</p>
        </EmptyState>
      )}
      {vendor && <PortalSections vendor={vendor} />}
    </>
  );
}

function PortalSections({ vendor }: { vendor: Vendor }) {
  const engagements = useApi<Page<EngagementListItem>>(`/api/engagements?limit=50&vendorId=${vendor.id}`);
  const detail = useApi<VendorDetail>(`/api/vendors/${vendor.id}`);
  const [uploading, setUploading] = useState<CertificateKind | null>(null);
  return (
    <div className="page-sections">
      <PortalQuestionnairesPanel />
      <SectionPanel title="Your engagements">
        {engagements.status === "error" && (
          <ErrorState error={engagements.error} onRetry={engagements.reload} />
        )}
        {engagements.data && engagements.data.items.length === 0 && (
          <p className="muted">No engagement yet.</p>
        )}
        {engagements.data && engagements.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Your engagements</caption>
              <thead>
                <tr>
                  <th scope="col">Engagement</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Start</th>
                  <th scope="col">End</th>
                </tr>
              </thead>
              <tbody>
                {engagements.data.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row" className="table__primary">
                      {e.name}
                    </th>
                    <td>{stageLabel(e.stage)}</td>
                    <td className="nowrap">{formatDate(e.startDate)}</td>
                    <td className="nowrap">{formatDate(e.endDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </SectionPanel>
      {detail.status === "error" && <ErrorState error={detail.error} onRetry={detail.reload} />}
      {detail.data && (
        <>
          <RosterRequestsPanel
            vendor={vendor}
            subcontractors={detail.data.subcontractors}
            engagements={detail.data.engagements}
          />
          <SectionPanel
            title="Certificates on file"
            description="Certifications and insurance your client holds for you."
            actions={
              <>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setUploading("certification")}
                >
                  Upload certification
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setUploading("insurance")}
                >
                  Upload insurance certificate
                </button>
              </>
            }
          >
            <ul className="item-list">
              {detail.data.certifications.map((c) => (
                <li key={c.id} className="item-list__item">
                  <span className="item-list__title">{c.kind}</span>
                  {c.source === "portal" && <span className="badge badge--neutral">uploaded by you</span>}
                  <ExpiryDate date={c.expiresOn} />
                </li>
              ))}
              {detail.data.insurance.map((i) => (
                <li key={i.id} className="item-list__item">
                  <span className="item-list__title">Insurance: {i.insurer}</span>
                  {i.source === "portal" && <span className="badge badge--neutral">uploaded by you</span>}
                  <ExpiryDate date={i.expiresOn} />
                </li>
              ))}
            </ul>
            {detail.data.certifications.length + detail.data.insurance.length === 0 && (
              <p className="muted">Nothing on file yet.</p>
            )}
          </SectionPanel>
          <SubmitCertificateDialog
            kind={uploading}
            onClose={() => setUploading(null)}
            onDone={() => {
              setUploading(null);
              detail.reload();
            }}
          />
          <PolicyAcknowledgementsPanel />
          <PortalEvidencePanel engagements={detail.data.engagements} />
        </>
      )}
      <RosterPanel vendorId={vendor.id} vendorName={vendor.legalName} />
    </div>
  );
}
