import { lazy, Suspense } from "react";
import type { Dashboard } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { EmptyState } from "../../components/empty-state.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { BlockedGates, RegressedControls } from "./blocked-gates.tsx";
import { ExpiringList } from "./expiring-list.tsx";
import { LoadDemoButton } from "./load-demo-button.tsx";
import { RiskHeatMap } from "./risk-heat-map.tsx";
import { StageCounts } from "./stage-counts.tsx";

// The charting library is large: it loads only once there is a trend to draw.
const TurnoverTrend = lazy(() => import("./turnover-trend.tsx").then((m) => ({ default: m.TurnoverTrend })));

const UPCOMING = [
  "Engagements by stage",
  "A vendors × stage risk heat map",
  "What expires or falls due in the next 30 days: NDAs, certifications, insurance, attestations",
  "Gates that block an engagement, and why",
  "Roster turnover over time",
] as const;

/** The portfolio at a glance: stages, risk, what expires, what is blocked, turnover. */
export function DashboardPage() {
  const user = useCurrentUser();
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  const dashboard = useApi<Dashboard>("/api/dashboard");
  const data = dashboard.data;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome, ${firstName}. The state of your vendor engagements at a glance.`}
      />
      {dashboard.status === "error" && <ErrorState error={dashboard.error} onRetry={dashboard.reload} />}
      {dashboard.status === "loading" && !data && <LoadingState label="Loading the dashboard…" />}
      {data && data.totals.vendors === 0 && (
        <EmptyState
          title="Nothing to show yet"
          upcoming={UPCOMING}
          action={userCan(user, "vendors.write") ? <LoadDemoButton onLoaded={dashboard.reload} /> : undefined}
        >
          <p>
            There are no vendors or engagements in Warden yet, so there is nothing to summarise. Add a vendor
            under Vendors, or load a demo workspace to look around (an Indian vendor with a Vietnamese
            subcontractor, two engagements, a roster of 25). Once there is data, this page shows:
          </p>
        </EmptyState>
      )}
      {data && data.totals.vendors > 0 && (
        <div className="dashboard" aria-busy={dashboard.status === "loading"}>
          <p className="muted dashboard__totals">
            {data.totals.vendors} vendors · {data.totals.engagements} engagements · {data.totals.people}{" "}
            people
            {data.evaluatedAt && <> · controls evaluated {formatDateTime(data.evaluatedAt)}</>}
          </p>
          <SectionPanel title="Engagements by stage">
            <StageCounts counts={data.engagementsByStage} />
          </SectionPanel>
          <SectionPanel
            title="Risk by vendor and stage"
            description="The highest engagement risk of each vendor in each stage. Open a vendor for every point's reason."
          >
            <RiskHeatMap rows={data.heatMap} />
          </SectionPanel>
          <div className="dashboard__columns">
            <SectionPanel
              title="Blocked gates"
              description="Engagements that cannot move to their next stage."
            >
              <BlockedGates items={data.blocked} />
            </SectionPanel>
            <SectionPanel
              title="Regressed since the gate"
              description="Blocking controls of stages already passed that no longer hold: a contract analysed late, an NDA that expired."
            >
              <RegressedControls items={data.regressed} />
            </SectionPanel>
            <SectionPanel title="Expiring within 30 days" description="And what has already lapsed.">
              <ExpiringList items={data.expiring} />
            </SectionPanel>
          </div>
          <Suspense fallback={<LoadingState label="Loading the turnover chart…" />}>
            <TurnoverTrend heatMap={data.heatMap} />
          </Suspense>
        </div>
      )}
    </>
  );
}
