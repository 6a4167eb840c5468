import type { VendorDetail } from "../../api/lifecycle-types.ts";
import { RiskBadge } from "../../components/risk-badge.tsx";
import { stageLabel } from "../../components/stage-label.ts";
import { Link } from "../../router/link.tsx";

/** The vendor's engagements with their stage, risk and gate. */
export function VendorEngagements({ engagements }: { engagements: VendorDetail["engagements"] }) {
  if (engagements.length === 0) return <p className="muted">No engagement with this vendor yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Engagements of this vendor</caption>
        <thead>
          <tr>
            <th scope="col">Engagement</th>
            <th scope="col">Stage</th>
            <th scope="col">Risk</th>
            <th scope="col">Gate</th>
          </tr>
        </thead>
        <tbody>
          {engagements.map((e) => (
            <tr key={e.id}>
              <th scope="row" className="table__primary">
                <Link to={`/engagements/${e.id}`}>{e.name}</Link>
              </th>
              <td>{stageLabel(e.stage)}</td>
              <td>{e.risk ? <RiskBadge level={e.risk.level} score={e.risk.score} /> : "Not evaluated"}</td>
              <td>
                <span className={`status ${e.gateOpen ? "status--on" : "status--blocked"}`}>
                  {e.gateOpen ? "Open" : "Blocked"}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
