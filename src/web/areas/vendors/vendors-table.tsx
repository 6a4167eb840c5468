import type { Vendor } from "../../api/lifecycle-types.ts";
import { formatDate } from "../../components/format-date-time.ts";
import { Link } from "../../router/link.tsx";

export function VendorsTable({ vendors }: { vendors: readonly Vendor[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Vendors</caption>
        <thead>
          <tr>
            <th scope="col">Legal name</th>
            <th scope="col">Country</th>
            <th scope="col">Kind</th>
            <th scope="col">Assessed</th>
            <th scope="col">Chain disclosed</th>
          </tr>
        </thead>
        <tbody>
          {vendors.map((v) => (
            <tr key={v.id}>
              <th scope="row" className="table__primary">
                <Link to={`/vendors/${v.id}`}>{v.legalName}</Link>
              </th>
              <td>{v.country}</td>
              <td>
                {v.parentVendorId ? <Link to={`/vendors/${v.parentVendorId}`}>Subcontractor</Link> : "Vendor"}
              </td>
              <td>
                {v.assessedOn ? formatDate(v.assessedOn) : <span className="muted">Not assessed</span>}
                {v.assessmentRating && <span className="muted"> · {v.assessmentRating}</span>}
              </td>
              <td>
                {v.chainDisclosedOn ? formatDate(v.chainDisclosedOn) : <span className="muted">No</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
