import type { Person } from "../../api/lifecycle-types.ts";
import { formatDate } from "../../components/format-date-time.ts";

export type RosterSort = "name" | "start" | "end" | "nda_expiry";
export type SortDirection = "asc" | "desc";

const NDA_LABELS = { valid: "Valid", expired: "Expired", missing: "None" } as const;

function SortHeader(props: {
  column: RosterSort;
  label: string;
  sort: RosterSort;
  direction: SortDirection;
  onSort(column: RosterSort): void;
}) {
  const active = props.sort === props.column;
  return (
    <th scope="col" aria-sort={active ? (props.direction === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="sort-button" onClick={() => props.onSort(props.column)}>
        {props.label}
        <span aria-hidden="true" className="sort-button__arrow">
          {active ? (props.direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

/** The roster; the name, start, end and NDA-expiry headers sort (aria-sort says how). */
export function RosterTable(props: {
  people: readonly Person[];
  sort: RosterSort;
  direction: SortDirection;
  onSort(column: RosterSort): void;
}) {
  const header = (column: RosterSort, label: string) => (
    <SortHeader
      column={column}
      label={label}
      sort={props.sort}
      direction={props.direction}
      onSort={props.onSort}
    />
  );
  return (
    <div className="table-wrap">
      <table className="table table--dense">
        <caption className="visually-hidden">Roster</caption>
        <thead>
          <tr>
            {header("name", "Name")}
            <th scope="col">Role</th>
            {header("start", "Start")}
            {header("end", "End")}
            {header("nda_expiry", "NDA")}
            <th scope="col">Training</th>
            <th scope="col">Certifications</th>
          </tr>
        </thead>
        <tbody>
          {props.people.map((p) => (
            <tr key={p.id}>
              <th scope="row" className="table__primary roster__person">
                {p.fullName}
                {p.email && <span className="table__sub">{p.email}</span>}
              </th>
              <td className="table__wrap">{p.roleTitle ?? "—"}</td>
              <td className="nowrap">{formatDate(p.startDate)}</td>
              <td className="nowrap">
                {p.endDate ? formatDate(p.endDate) : "—"}
                {p.status === "leaver" && (
                  <span className="table__sub">
                    <span className="badge badge--neutral">Leaver</span>
                  </span>
                )}
              </td>
              <td className="nowrap">
                <span className={`nda nda--${p.ndaStatus}`}>{NDA_LABELS[p.ndaStatus]}</span>
                {p.ndaExpiresOn && <span className="table__sub">to {formatDate(p.ndaExpiresOn)}</span>}
              </td>
              <td className="nowrap">
                {p.trainingCompletedOn ? (
                  formatDate(p.trainingCompletedOn)
                ) : (
                  <span className="muted">Not done</span>
                )}
              </td>
              <td className="table__wrap roster__certifications">
                {p.certifications.length === 0 ? (
                  "—"
                ) : (
                  <ul className="plain-list">
                    {p.certifications.map((c) => (
                      <li key={`${c.name}-${c.expiresOn ?? ""}`}>
                        {c.name}
                        {c.expiresOn && <span className="table__sub">to {formatDate(c.expiresOn)}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
