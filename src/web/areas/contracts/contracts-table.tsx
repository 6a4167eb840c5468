import { formatDate } from "../../components/format-date-time.ts";
import { Link } from "../../router/link.tsx";
import { ContractStatusBadge } from "./contract-status-badge.tsx";
import { type ContractListItem, KIND_SHORT } from "./contract-types.ts";

const COUNT_LABELS = { fail: "fail", needs_review: "need review", warn: "warn", pass: "pass" } as const;

/** Contracts with their engagement, analysis status and how their checks came out. */
export function ContractsTable({ contracts }: { contracts: readonly ContractListItem[] }) {
  return (
    <div className="contract-table-wrap">
      <table className="contract-table">
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
              <th scope="row" className="contract-table__primary">
                <Link to={`/contracts/${c.id}`}>{c.title}</Link>
                <span className="contract-table__sub">{c.filename}</span>
              </th>
              <td>{KIND_SHORT[c.kind]}</td>
              <td>
                <Link to={`/engagements/${c.engagementId}`}>{c.engagementName}</Link>
                <span className="contract-table__sub">{c.vendorName}</span>
              </td>
              <td>
                <ContractStatusBadge status={c.status} />
              </td>
              <td>
                {c.status === "analysed" ? (
                  <span className="contract-counts">
                    {(["fail", "needs_review", "warn", "pass"] as const).map((status) =>
                      c.checkCounts[status] > 0 ? (
                        <span key={status} className={`contract-badge contract-badge--${status}`}>
                          {c.checkCounts[status]} {COUNT_LABELS[status]}
                        </span>
                      ) : null,
                    )}
                  </span>
                ) : c.status === "failed" ? (
                  <span className="contract-table__sub">{c.failureReason}</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="contract-nowrap">
                {formatDate(c.createdAt)}
                <span className="contract-table__sub">{c.uploadedBy}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
