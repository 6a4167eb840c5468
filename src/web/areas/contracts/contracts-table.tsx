import { formatDateTime } from "../../components/format-date-time.ts";
import { Link } from "../../router/link.tsx";
import { ContractStatusBadge } from "./contract-status-badge.tsx";
import { type ContractListItem, KIND_SHORT } from "./contract-types.ts";

/** Contracts with their engagement, analysis status and how their checks came out. */
export function ContractsTable({ contracts }: { contracts: readonly ContractListItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Contracts</caption>
        <thead>
          <tr>
            <th scope="col">Contract</th>
            <th scope="col">Kind</th>
            <th scope="col">Engagement</th>
            <th scope="col">Status</th>
            <th scope="col">Checks</th>
            <th scope="col">Uploaded</th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="table__primary table__wrap">
                <Link to={`/contracts/${c.id}`}>{c.title}</Link>
                <span className="table__sub">{c.filename}</span>
              </th>
              <td>{KIND_SHORT[c.kind]}</td>
              <td className="table__wrap">
                <Link to={`/engagements/${c.engagementId}`}>{c.engagementName}</Link>
                <span className="table__sub">{c.vendorName}</span>
              </td>
              <td>
                <ContractStatusBadge status={c.status} />
              </td>
              <td className="nowrap">
                {c.status === "analysed" ? (
                  <span>
                    {c.checkCounts.fail} fail · {c.checkCounts.warn} warn · {c.checkCounts.pass} pass
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="nowrap">{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
