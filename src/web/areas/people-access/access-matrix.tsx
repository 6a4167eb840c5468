import type { AccountState, MatrixRow } from "./access-types.ts";

const STATE_LABELS: Record<AccountState, string> = {
  enabled: "Enabled",
  disabled: "Disabled",
  missing: "Missing",
  "not-read": "Not read",
};

/** People in rows, systems in columns, each cell the person's accounts there and their state. */
export function AccessMatrix({ rows, systems }: { rows: readonly MatrixRow[]; systems: readonly string[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--dense access-matrix">
        <caption className="visually-hidden">
          Roster by system: each person's accounts and their state
        </caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            {systems.map((system) => (
              <th scope="col" key={system}>
                {system}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.personId}>
              <th scope="row" className="table__primary">
                {row.name}
                <span className="table__sub">
                  {row.end ? `Left ${row.end}` : "Current"} ·{" "}
                  {row.ndaSigned ? `NDA ${row.ndaSigned}` : "No NDA"}
                </span>
              </th>
              {systems.map((system) => {
                const accounts = row.cells[system] ?? [];
                return (
                  <td key={system}>
                    {accounts.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      accounts.map((cell) => (
                        <span key={cell.account} className="access-cell">
                          <span className={`access-state access-state--${cell.state}`}>
                            {STATE_LABELS[cell.state]}
                          </span>{" "}
                          <code>{cell.account}</code>
                          {cell.groups.length > 0 && (
                            <span className="table__sub">{cell.groups.join(", ")}</span>
                          )}
                        </span>
                      ))
                    )}
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
