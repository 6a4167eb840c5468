import type { Dashboard } from "../../api/lifecycle-types.ts";
import { formatScore } from "../../components/risk-badge.tsx";
import { STAGES, stageLabel } from "../../components/stage-label.ts";
import { Link } from "../../router/link.tsx";

const LEVEL_WORD = { low: "Low", medium: "Medium", high: "High", critical: "Critical" } as const;

/** Vendors × stages as a real table: every cell says its level and score; colour only supplements. */
export function RiskHeatMap({ rows }: { rows: Dashboard["heatMap"] }) {
  if (rows.length === 0) return <p className="muted">No vendor has an engagement yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table table--dense heat-map">
        <caption className="visually-hidden">Risk by vendor and stage</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            {STAGES.map((stage) => (
              <th key={stage} scope="col">
                {stageLabel(stage)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.vendorId}>
              <th scope="row" className="table__primary">
                <Link to={`/vendors/${row.vendorId}`}>{row.vendorName}</Link>
              </th>
              {STAGES.map((stage) => {
                const cell = row.cells[stage];
                return cell ? (
                  <td key={stage} className={`heat-map__cell heat-map__cell--${cell.level}`}>
                    <span className="heat-map__level">{LEVEL_WORD[cell.level]}</span>{" "}
                    <span className="heat-map__score">{formatScore(cell.score)}</span>
                    <span className="heat-map__count">
                      {cell.engagements} engagement{cell.engagements === 1 ? "" : "s"}
                    </span>
                  </td>
                ) : (
                  <td key={stage} className="heat-map__cell heat-map__cell--none">
                    <span aria-hidden="true">—</span>
                    <span className="visually-hidden">No engagement</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
