import type { Coverage, RosterMetrics } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useReloadOn } from "../../api/use-reload-on.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";

function percent(ratio: number | null): string {
  return ratio === null ? "—" : `${(ratio * 100).toFixed(1)} %`;
}

function coverageText(c: Coverage): string {
  return c.total === 0 ? "nobody with access" : `${c.covered} of ${c.total} people with access`;
}

/** Headcount, NDA and certification coverage, and annualised turnover with its alert. */
export function RosterMetricsPanel({ vendorId, version }: { vendorId: string; version: number }) {
  const metrics = useApi<RosterMetrics>(`/api/vendors/${vendorId}/roster-metrics`);
  useReloadOn(version, metrics.reload);
  const m = metrics.data;
  return (
    <SectionPanel title="Roster figures">
      {metrics.status === "error" && <ErrorState error={metrics.error} onRetry={metrics.reload} />}
      {metrics.status === "loading" && !m && <LoadingState label="Loading the figures…" />}
      {m && (
        <>
          {m.turnoverAlert && (
            <Alert tone="warning" title="Turnover above the threshold">
              Annualised turnover is {percent(m.turnover.rate)}, above the {percent(m.turnoverThreshold)}{" "}
              threshold (OG-7).
            </Alert>
          )}
          <dl className="figures">
            <div>
              <dt>Headcount</dt>
              <dd>{m.headcount}</dd>
            </div>
            <div>
              <dt>NDA coverage</dt>
              <dd>
                {percent(m.ndaCoverage.ratio)}
                <span className="figures__sub">{coverageText(m.ndaCoverage)}</span>
              </dd>
            </div>
            <div>
              <dt>Certification coverage</dt>
              <dd>
                {percent(m.certificationCoverage.ratio)}
                <span className="figures__sub">{coverageText(m.certificationCoverage)}</span>
              </dd>
            </div>
            <div>
              <dt>Turnover (12 months)</dt>
              <dd className={m.turnoverAlert ? "figures__alert" : undefined}>
                {percent(m.turnover.rate)}
                <span className="figures__sub">
                  {m.turnover.leavers} leaver(s), average headcount {m.turnover.averageHeadcount.toFixed(1)},
                  alert above {percent(m.turnoverThreshold)}
                </span>
              </dd>
            </div>
          </dl>
        </>
      )}
    </SectionPanel>
  );
}
