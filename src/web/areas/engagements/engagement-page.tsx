import type { EngagementDetail } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { PdfDownloadLink } from "../../components/download-links.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RiskBreakdown } from "../../components/risk-breakdown.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { stageLabel } from "../../components/stage-label.ts";
import { Link } from "../../router/link.tsx";
import { AssetsPanel } from "./assets-panel.tsx";
import { EvidenceList } from "./evidence-list.tsx";
import { ExceptionsList } from "./exceptions-list.tsx";
import { GatePanel } from "./gate-panel.tsx";
import { MilestonesBoard } from "./milestones-board.tsx";
import { SiteVisitsPanel } from "./site-visits-panel.tsx";
import { StageControls } from "./stage-controls.tsx";
import { StageProgress } from "./stage-progress.tsx";

/**
 * One engagement: where it stands in the stage machine, what blocks the gate and
 * why, every control by stage, its assets, site visits, milestones, evidence and risk.
 */
export function EngagementPage({ id }: { id: string }) {
  const detail = useApi<EngagementDetail>(`/api/engagements/${encodeURIComponent(id)}`);
  const data = detail.data;
  const user = useCurrentUser();

  if (detail.status === "error" && !data) {
    return (
      <>
        <PageHeader title="Engagement" />
        <ErrorState error={detail.error} onRetry={detail.reload} />
      </>
    );
  }
  if (!data) return <LoadingState label="Loading the engagement…" />;
  const e = data.engagement;
  // Every write below changes what the playbook says: reload the evaluation after each.
  const changed = detail.reload;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/engagements">Engagements</Link>
      </p>
      <PageHeader
        title={e.name}
        description={
          <>
            With <Link to={`/vendors/${data.vendor.id}`}>{data.vendor.legalName}</Link> ({data.vendor.country}
            ){e.offshore ? " · offshore" : " · onshore"}
            {e.startDate && ` · ${formatDate(e.startDate)} to ${formatDate(e.endDate)}`}
          </>
        }
        actions={
          userCan(user, "audit.read") && (
            <PdfDownloadLink
              path={`/api/engagements/${encodeURIComponent(e.id)}/report.pdf`}
              label="Download audit pack (PDF)"
            />
          )
        }
      />
      {detail.status === "error" && <ErrorState error={detail.error} onRetry={detail.reload} />}
      <StageProgress stage={e.stage} />
      <div className="page-sections" aria-busy={detail.status === "loading"}>
        <GatePanel
          engagementId={e.id}
          stage={e.stage}
          gate={data.evaluation.gate}
          detail={data}
          onAdvanced={changed}
        />
        {e.scope && (
          <SectionPanel title="Scope">
            <p className="pre-line">{e.scope}</p>
          </SectionPanel>
        )}
        <StageControls detail={data} onChanged={changed} />
        <AssetsPanel engagementId={e.id} assets={data.assets} onChanged={changed} />
        <SiteVisitsPanel engagementId={e.id} version={data} onChanged={changed} />
        <MilestonesBoard engagementId={e.id} onChanged={changed} />
        <EvidenceList engagementId={e.id} version={data} />
        <SectionPanel
          title="Risk"
          description={`Failing and unchecked controls, weighted by the most sensitive asset touched${
            data.evaluation.risk.classification
              ? ` (${data.evaluation.risk.classification.replace("_", " ")})`
              : ""
          }. Stage: ${stageLabel(e.stage)}.`}
        >
          <RiskBreakdown risk={data.evaluation.risk} caption={`Risk points of ${e.name}`} />
        </SectionPanel>
        <ExceptionsList exceptions={data.exceptions} onChanged={changed} />
      </div>
    </>
  );
}
