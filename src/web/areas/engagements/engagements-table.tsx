import type { EngagementListItem } from "../../api/lifecycle-types.ts";
import { formatDate } from "../../components/format-date-time.ts";
import { stageLabel } from "../../components/stage-label.ts";
import { Link } from "../../router/link.tsx";

export function EngagementsTable({ engagements }: { engagements: readonly EngagementListItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Engagements</caption>
        <thead>
          <tr>
            <th scope="col">Engagement</th>
            <th scope="col">Vendor</th>
            <th scope="col">Stage</th>
            <th scope="col">Offshore</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
          </tr>
        </thead>
        <tbody>
          {engagements.map((e) => (
            <tr key={e.id}>
              <th scope="row" className="table__primary">
                <Link to={`/engagements/${e.id}`}>{e.name}</Link>
              </th>
              <td className="table__wrap">
                <Link to={`/vendors/${e.vendorId}`}>{e.vendorName}</Link>
              </td>
              <td>
                <span className="badge">{stageLabel(e.stage)}</span>
              </td>
              <td>{e.offshore ? "Yes" : "No"}</td>
              <td className="nowrap">{formatDate(e.startDate)}</td>
              <td className="nowrap">{formatDate(e.endDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
