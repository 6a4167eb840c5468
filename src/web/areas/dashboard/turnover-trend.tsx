import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Dashboard, RosterMetrics } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { Link } from "../../router/link.tsx";

function percent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)} %`;
}

/** The vendor with the highest risk in any stage (the dashboard's "riskiest"). */
export function riskiestVendor(heatMap: Dashboard["heatMap"]): { id: string; name: string } | null {
  let best: { id: string; name: string; score: number } | null = null;
  for (const row of heatMap) {
    for (const cell of Object.values(row.cells)) {
      if (cell && (!best || cell.score > best.score))
        best = { id: row.vendorId, name: row.vendorName, score: cell.score };
    }
  }
  return best && { id: best.id, name: best.name };
}

/** Annualised turnover month by month for the riskiest vendor, with the alert threshold; a table gives the same figures. */
export function TurnoverTrend({ heatMap }: { heatMap: Dashboard["heatMap"] }) {
  const vendor = riskiestVendor(heatMap);
  if (!vendor) return null;
  return <TurnoverTrendFor vendor={vendor} />;
}

function TurnoverTrendFor({ vendor }: { vendor: { id: string; name: string } }) {
  const metrics = useApi<RosterMetrics>(`/api/vendors/${encodeURIComponent(vendor.id)}/roster-metrics`);
  const data = metrics.data;
  const points =
    data?.trend.map((t) => ({ month: t.month, rate: t.rate === null ? null : t.rate * 100 })) ?? [];
  // Room above the higher of the data and the threshold, so the threshold line is always drawn.
  const highest = Math.max(data ? data.turnoverThreshold * 100 : 0, ...points.map((p) => p.rate ?? 0));
  const top = Math.max(5, Math.ceil((highest * 1.15) / 5) * 5);
  return (
    <SectionPanel
      title="Turnover trend"
      description={
        <>
          Annualised roster turnover of <Link to={`/vendors/${vendor.id}?tab=roster`}>{vendor.name}</Link>,
          the riskiest vendor, over the trailing 12 months.
        </>
      }
    >
      {metrics.status === "error" && <ErrorState error={metrics.error} onRetry={metrics.reload} />}
      {metrics.status === "loading" && !data && <LoadingState label="Loading turnover…" />}
      {data && (
        <>
          <p className={data.turnoverAlert ? "figure figure--alert" : "figure"}>
            Now {percent(data.turnover.rate)} (alert above {percent(data.turnoverThreshold)})
            {data.turnoverAlert && <strong> · above the threshold</strong>}
          </p>
          <div className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="#e4e7ec" vertical={false} />
                <XAxis dataKey="month" tick={{ fontSize: 12 }} />
                <YAxis unit=" %" tick={{ fontSize: 12 }} width={52} domain={[0, top]} allowDecimals={false} />
                <Tooltip formatter={(v) => `${Number(v).toFixed(1)} %`} />
                <ReferenceLine
                  y={data.turnoverThreshold * 100}
                  stroke="#b42318"
                  strokeDasharray="4 4"
                  label={{ value: "threshold", position: "insideTopRight", fontSize: 12, fill: "#b42318" }}
                />
                <Line
                  type="monotone"
                  dataKey="rate"
                  stroke="#1f4fbf"
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <details className="chart__data">
            <summary>The figures as a table</summary>
            <div className="table-wrap">
              <table className="table table--dense">
                <caption className="visually-hidden">Turnover by month for {vendor.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" className="numeric">
                      Turnover
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.trend.map((t) => (
                    <tr key={t.month}>
                      <th scope="row">{t.month}</th>
                      <td className="numeric">{percent(t.rate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </SectionPanel>
  );
}
