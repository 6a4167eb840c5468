import { useState } from "react";
import type { VendorDetail } from "../../api/lifecycle-types.ts";
import type { RosterRequestPage } from "../../api/portal-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RiskBreakdown } from "../../components/risk-breakdown.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { Link } from "../../router/link.tsx";
import { navigate } from "../../router/navigation.ts";
import { useLocation } from "../../router/use-location.ts";
import { CreateEngagementDialog } from "../engagements/create-engagement-dialog.tsx";
import { RosterPanel } from "../roster/roster-panel.tsx";
import { RosterReviewQueue } from "../roster/roster-review-queue.tsx";
import { CertificationsPanel } from "./certifications-panel.tsx";
import { InsurancePanel } from "./insurance-panel.tsx";
import { JurisdictionPanel } from "./jurisdiction-panel.tsx";
import { SubcontractorsPanel } from "./subcontractors-panel.tsx";
import { VendorDetails } from "./vendor-details.tsx";
import { VendorEngagements } from "./vendor-engagements.tsx";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "roster", label: "Roster" },
] as const;

/** One vendor: details, certificates, chain, engagements, risk with its reasons, jurisdiction advice, roster. */
export function VendorPage({ id }: { id: string }) {
  const user = useCurrentUser();
  const { search } = useLocation();
  const tab = search.get("tab") === "roster" ? "roster" : "overview";
  const detail = useApi<VendorDetail>(`/api/vendors/${encodeURIComponent(id)}`);
  const [opening, setOpening] = useState(false);
  const [rosterVersion, setRosterVersion] = useState(0);
  const reviewQueue = useApi<RosterRequestPage>(
    `/api/roster-requests?vendorId=${encodeURIComponent(id)}&status=pending&limit=100`,
  );
  const pendingChanges = reviewQueue.data?.pending ?? 0;
  const data = detail.data;
  const canWrite = userCan(user, "vendors.write");

  if (detail.status === "error" && !data) {
    return (
      <>
        <PageHeader title="Vendor" />
        <ErrorState error={detail.error} onRetry={detail.reload} />
      </>
    );
  }
  if (!data) return <LoadingState label="Loading the vendor…" />;
  const v = data.vendor;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/vendors">Vendors</Link>
        {v.parentVendorId && (
          <>
            {" › "}
            <Link to={`/vendors/${v.parentVendorId}`}>Principal vendor</Link>
          </>
        )}
      </p>
      <PageHeader
        title={v.legalName}
        description={
          v.parentVendorId ? "A subcontractor, assessed like any vendor." : "A vendor you outsource to."
        }
        actions={
          userCan(user, "engagements.write") && !v.parentVendorId ? (
            <button type="button" className="button button--primary" onClick={() => setOpening(true)}>
              New engagement
            </button>
          ) : undefined
        }
      />
      <nav className="tabs" aria-label="Vendor sections">
        {TABS.map((t) => (
          <Link
            key={t.id}
            to={`/vendors/${id}${t.id === "overview" ? "" : `?tab=${t.id}`}`}
            replace
            className={`tabs__tab${tab === t.id ? " tabs__tab--current" : ""}`}
            aria-current={tab === t.id ? "page" : undefined}
          >
            {t.label}
            {t.id === "roster" && pendingChanges > 0 && (
              <>
                {" "}
                <span className="badge">{pendingChanges}</span>
                <span className="visually-hidden"> roster changes to review</span>
              </>
            )}
          </Link>
        ))}
      </nav>
      {detail.status === "error" && <ErrorState error={detail.error} onRetry={detail.reload} />}
      {tab === "roster" ? (
        <div className="page-sections">
          <RosterReviewQueue
            queue={reviewQueue}
            onDecided={() => {
              reviewQueue.reload();
              setRosterVersion((n) => n + 1);
            }}
          />
          <RosterPanel key={rosterVersion} vendorId={v.id} vendorName={v.legalName} />
        </div>
      ) : (
        <div className="page-sections" aria-busy={detail.status === "loading"}>
          <VendorDetails vendor={v} canWrite={canWrite} onChanged={detail.reload} />
          <SectionPanel title="Engagements">
            <VendorEngagements engagements={data.engagements} />
          </SectionPanel>
          <SectionPanel
            title="Risk"
            description="The vendor's score is the worst of its engagements; every point is traceable to a control and its reason."
          >
            {data.risk ? (
              <>
                {data.risk.fromEngagementId && (
                  <p className="muted">
                    From{" "}
                    <Link to={`/engagements/${data.risk.fromEngagementId}`}>its riskiest engagement</Link>.
                  </p>
                )}
                <RiskBreakdown risk={data.risk} caption={`Risk points of ${v.legalName}`} />
              </>
            ) : (
              <p className="muted">No engagement yet, so no risk score.</p>
            )}
          </SectionPanel>
          <div className="two-columns">
            <CertificationsPanel
              vendorId={v.id}
              items={data.certifications}
              canWrite={canWrite}
              onChanged={detail.reload}
            />
            <InsurancePanel
              vendorId={v.id}
              items={data.insurance}
              canWrite={canWrite}
              onChanged={detail.reload}
            />
          </div>
          <SubcontractorsPanel
            vendor={v}
            items={data.subcontractors}
            canWrite={canWrite}
            onChanged={detail.reload}
          />
          {data.jurisdiction && <JurisdictionPanel advice={data.jurisdiction} />}
        </div>
      )}
      <CreateEngagementDialog
        open={opening}
        vendor={{ id: v.id, legalName: v.legalName }}
        onClose={() => setOpening(false)}
        onCreated={(engagement) => {
          setOpening(false);
          navigate(`/engagements/${engagement.id}`);
        }}
      />
    </>
  );
}
