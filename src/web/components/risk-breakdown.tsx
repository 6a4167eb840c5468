import type { Risk } from "../api/lifecycle-types.ts";
import { formatScore, RiskBadge } from "./risk-badge.tsx";

/** A risk score and every point of it, each with the reason it counts. */
export function RiskBreakdown({ risk, caption }: { risk: Risk; caption: string }) {
  const points = risk.points.filter((p) => p.points > 0);
  return (
    <div className="risk-breakdown">
      <p className="risk-breakdown__total">
        Score <RiskBadge level={risk.level} score={risk.score} />
        {points.length > 0 && (
          <span className="muted"> from {points.length} control(s); each point is explained below.</span>
        )}
      </p>
      {points.length === 0 ? (
        <p className="muted">No failing or unchecked control adds to the score.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col" className="numeric">
                  Points
                </th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.controlId}>
                  <th scope="row" className="table__primary">
                    {p.controlId}
                    <span className="table__sub">{p.title}</span>
                  </th>
                  <td className="numeric">{formatScore(p.points)}</td>
                  <td className="table__wrap table__details">{p.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
